package org.organ3d.measure;

/**
 * Where one label lies, row by row: its voxel-index bounding box and, for every row (j, k) inside
 * it, the smallest and largest column index i of a voxel with that label. The convex hull of a
 * label's voxels, of one slice of it, and the voxels to visit for intensity statistics all follow
 * from these two numbers per row, since the hull of a run of voxels is the hull of its end voxels.
 *
 * <p>Storage: per slice of the box, one array {@code [lo, hi]} per row over the rows the label
 * occupies in that slice (none for a slice it misses), so memory is proportional to the label's
 * rows, not to its bounding box. Built from the multi-label pass's rows ({@link #of}), read-only
 * afterwards.
 */
final class RowExtents {

    final int i0;
    final int i1;
    final int j0;
    final int j1;
    final int k0;
    final int k1;
    private final int[][] rows;
    private final int[] rowJ0;

    RowExtents(int i0, int i1, int j0, int j1, int k0, int k1) {
        this.i0 = i0;
        this.i1 = i1;
        this.j0 = j0;
        this.j1 = j1;
        this.k0 = k0;
        this.k1 = k1;
        this.rows = new int[k1 - k0 + 1][];
        this.rowJ0 = new int[k1 - k0 + 1];
    }

    /** The rows of label index {@code c} of a multi-label pass that kept its rows. */
    static RowExtents of(org.organ3d.compute.LabelStatistics s, int c) {
        org.organ3d.compute.LabelVoxels v = s.voxels(c);
        RowExtents e = new RowExtents(v.iMin(), v.iMax(), v.jMin(), v.jMax(), v.kMin(), v.kMax());
        int[] at = {-1};
        int[] buf = new int[4 * (v.jMax() - v.jMin() + 1)];
        int[] n = {0};
        // NB: rows arrive in increasing (k, j): one slice is gathered (j, lo, hi), then stored.
        s.forEachRow(c, (k, j, lo, hi) -> {
            if (k != at[0]) {
                e.flush(at[0], buf, n[0]);
                at[0] = k;
                n[0] = 0;
            }
            buf[n[0]++] = j;
            buf[n[0]++] = lo;
            buf[n[0]++] = hi;
        });
        e.flush(at[0], buf, n[0]);
        return e;
    }

    private void flush(int k, int[] e, int len) {
        if (k < 0 || len == 0) {
            return;
        }
        int jFirst = e[0];
        int jLast = e[len - 3];
        int[] lohi = new int[2 * (jLast - jFirst + 1)];
        for (int x = 0; x < lohi.length; x += 2) {
            lohi[x] = Integer.MAX_VALUE;
            lohi[x + 1] = Integer.MIN_VALUE;
        }
        for (int x = 0; x < len; x += 3) {
            int r = 2 * (e[x] - jFirst);
            lohi[r] = e[x + 1];
            lohi[r + 1] = e[x + 2];
        }
        setSlice(k, jFirst, lohi);
    }

    /**
     * Sets slice k's rows: {@code lohi[2 (j − firstJ)]} and {@code lohi[2 (j − firstJ) + 1]} are the
     * first and last i in row j ({@code lo > hi} for a row without the label). Takes ownership.
     */
    void setSlice(int k, int firstJ, int[] lohi) {
        rows[k - k0] = lohi;
        rowJ0[k - k0] = firstJ;
    }

    /** Smallest i of the label in row (j, k), or {@code Integer.MAX_VALUE} if the row holds none. */
    int lo(int j, int k) {
        int[] r = rows[k - k0];
        int x = j - rowJ0[k - k0];
        return r == null || x < 0 || 2 * x >= r.length ? Integer.MAX_VALUE : r[2 * x];
    }

    /** Largest i of the label in row (j, k), or {@code Integer.MIN_VALUE} if the row holds none. */
    int hi(int j, int k) {
        int[] r = rows[k - k0];
        int x = j - rowJ0[k - k0];
        return r == null || x < 0 || 2 * x >= r.length ? Integer.MIN_VALUE : r[2 * x + 1];
    }

    boolean hasRow(int j, int k) {
        return lo(j, k) <= hi(j, k);
    }
}
