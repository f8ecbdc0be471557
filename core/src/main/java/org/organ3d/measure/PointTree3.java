package org.organ3d.measure;

/**
 * A static k-d tree over 3D points (Bentley, "Multidimensional binary search trees used for
 * associative searching", CACM 18(9), 1975) for exact nearest-neighbour queries in millimetres.
 *
 * <p>Build: the points are permuted in place into an implicit balanced tree — the median along the
 * axis of largest spread at each level, found by quickselect — O(n log n). Query: descent to the
 * leaf cell, then backtracking into every cell whose splitting plane is closer than the best
 * distance so far; exact. Immutable after construction, so queries are thread-safe.
 */
final class PointTree3 {

    private final double[] xyz;
    private final int[] index;
    private final byte[] axis;
    private final int n;

    /** A tree over {@code count} points {@code x, y, z} in {@code xyz} (copied). */
    PointTree3(double[] xyz, int count) {
        this.n = count;
        this.xyz = new double[3 * count];
        System.arraycopy(xyz, 0, this.xyz, 0, 3 * count);
        this.index = new int[count];
        for (int p = 0; p < count; p++) {
            index[p] = p;
        }
        this.axis = new byte[count];
        build(0, count);
    }

    int size() {
        return n;
    }

    private double coord(int slot, int ax) {
        return xyz[3 * index[slot] + ax];
    }

    private void build(int lo, int hi) {
        if (hi - lo <= 1) {
            return;
        }
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int s = lo; s < hi; s++) {
            for (int a = 0; a < 3; a++) {
                double c = coord(s, a);
                min[a] = Math.min(min[a], c);
                max[a] = Math.max(max[a], c);
            }
        }
        int ax = 0;
        for (int a = 1; a < 3; a++) {
            if (max[a] - min[a] > max[ax] - min[ax]) {
                ax = a;
            }
        }
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, ax);
        axis[mid] = (byte) ax;
        build(lo, mid);
        build(mid + 1, hi);
    }

    /** Quickselect: puts the element of rank k (within [lo, hi]) at slot k along axis ax. */
    private void select(int lo, int hi, int k, int ax) {
        while (hi > lo) {
            double pivot = coord((lo + hi) >>> 1, ax);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (coord(i, ax) < pivot) {
                    i++;
                }
                while (coord(j, ax) > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = index[i];
                    index[i] = index[j];
                    index[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /**
     * The nearest point to (x, y, z): {@code [squared distance, point index]} (the index into the
     * constructor's array).
     */
    double[] nearest(double x, double y, double z) {
        double[] best = {Double.POSITIVE_INFINITY, -1};
        search(0, n, x, y, z, best);
        return best;
    }

    private void search(int lo, int hi, double x, double y, double z, double[] best) {
        if (hi <= lo) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        int p = index[mid];
        double dx = xyz[3 * p] - x;
        double dy = xyz[3 * p + 1] - y;
        double dz = xyz[3 * p + 2] - z;
        double d = dx * dx + dy * dy + dz * dz;
        if (d < best[0]) {
            best[0] = d;
            best[1] = p;
        }
        if (hi - lo == 1) {
            return;
        }
        int ax = axis[mid];
        double q = ax == 0 ? x : ax == 1 ? y : z;
        double diff = q - xyz[3 * p + ax];
        if (diff < 0) {
            search(lo, mid, x, y, z, best);
            if (diff * diff < best[0]) {
                search(mid + 1, hi, x, y, z, best);
            }
        } else {
            search(mid + 1, hi, x, y, z, best);
            if (diff * diff < best[0]) {
                search(lo, mid, x, y, z, best);
            }
        }
    }
}
