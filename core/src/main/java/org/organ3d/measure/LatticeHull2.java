package org.organ3d.measure;

import java.util.Arrays;

/**
 * Exact 2D convex hull of integer lattice points by Andrew's monotone chain (A. M. Andrew, "Another
 * efficient algorithm for convex hulls in two dimensions", Inf. Proc. Letters 9(5), 1979).
 *
 * <p>Points are sorted by (x, y) through one packed {@code long} key each; the lower and upper chains
 * are built with exact {@code long} cross products, dropping collinear points, so the result is the
 * strictly convex vertex cycle. Coordinates must lie in [-2<sup>30</sup>, 2<sup>30</sup>). Stateless
 * and thread-safe.
 */
final class LatticeHull2 {

    private static final long OFFSET = 1L << 30;

    private LatticeHull2() {
    }

    /**
     * Hull vertices, counter-clockwise (for a right-handed x, y), as packed pairs
     * {@code [x0, y0, x1, y1, ...]}; duplicates and collinear points are removed. Fewer than three
     * vertices come back when the points are collinear.
     */
    static int[] hull(int[] xs, int[] ys, int count) {
        long[] keys = new long[count];
        for (int p = 0; p < count; p++) {
            keys[p] = ((xs[p] + OFFSET) << 32) | (ys[p] + OFFSET);
        }
        Arrays.sort(keys);
        int m = 0;
        for (int p = 0; p < count; p++) {
            if (p == 0 || keys[p] != keys[p - 1]) {
                keys[m++] = keys[p];
            }
        }
        if (m <= 2) {
            int[] out = new int[2 * m];
            for (int p = 0; p < m; p++) {
                out[2 * p] = px(keys[p]);
                out[2 * p + 1] = py(keys[p]);
            }
            return out;
        }
        long[] h = new long[2 * m];
        int k = 0;
        for (int p = 0; p < m; p++) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], keys[p]) <= 0) {
                k--;
            }
            h[k++] = keys[p];
        }
        int lower = k + 1;
        for (int p = m - 2; p >= 0; p--) {
            while (k >= lower && cross(h[k - 2], h[k - 1], keys[p]) <= 0) {
                k--;
            }
            h[k++] = keys[p];
        }
        k--; // the last point repeats the first
        int[] out = new int[2 * k];
        for (int p = 0; p < k; p++) {
            out[2 * p] = px(h[p]);
            out[2 * p + 1] = py(h[p]);
        }
        return out;
    }

    private static int px(long key) {
        return (int) ((key >>> 32) - OFFSET);
    }

    private static int py(long key) {
        return (int) ((key & 0xFFFFFFFFL) - OFFSET);
    }

    private static long cross(long o, long a, long b) {
        long ox = px(o);
        long oy = py(o);
        return (px(a) - ox) * (py(b) - oy) - (py(a) - oy) * (px(b) - ox);
    }
}
