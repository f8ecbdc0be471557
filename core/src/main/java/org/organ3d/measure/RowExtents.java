package org.organ3d.measure;

import java.util.Arrays;

/**
 * Where one label lies, row by row: its voxel-index bounding box and, for every row (j, k) inside
 * it, the smallest and largest column index i of a voxel with that label ({@code lo > hi} when the
 * row holds none). The convex hull of a label's voxels, of one slice of it, and the voxels to visit
 * for intensity statistics all follow from these two numbers per row, since the hull of a run of
 * voxels is the hull of its end voxels.
 *
 * <p>Filled by {@link LabelScan} (distinct slices from distinct threads), read-only afterwards.
 */
final class RowExtents {

    final int i0;
    final int i1;
    final int j0;
    final int j1;
    final int k0;
    final int k1;
    private final int ny;
    private final int[] lo;
    private final int[] hi;

    RowExtents(int i0, int i1, int j0, int j1, int k0, int k1) {
        this.i0 = i0;
        this.i1 = i1;
        this.j0 = j0;
        this.j1 = j1;
        this.k0 = k0;
        this.k1 = k1;
        this.ny = j1 - j0 + 1;
        long rows = (long) ny * (k1 - k0 + 1);
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("label spans too many rows: " + rows);
        }
        lo = new int[(int) rows];
        hi = new int[(int) rows];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, Integer.MIN_VALUE);
    }

    private int row(int j, int k) {
        return (k - k0) * ny + (j - j0);
    }

    void include(int j, int k, int a, int b) {
        int r = row(j, k);
        if (a < lo[r]) {
            lo[r] = a;
        }
        if (b > hi[r]) {
            hi[r] = b;
        }
    }

    /** Smallest i of the label in row (j, k), or {@code Integer.MAX_VALUE} if the row holds none. */
    int lo(int j, int k) {
        return lo[row(j, k)];
    }

    /** Largest i of the label in row (j, k), or {@code Integer.MIN_VALUE} if the row holds none. */
    int hi(int j, int k) {
        return hi[row(j, k)];
    }

    boolean hasRow(int j, int k) {
        return lo[row(j, k)] <= hi[row(j, k)];
    }
}
