package org.organ3d.volume;

/**
 * Size of a voxel grid: {@code nx} columns (index i), {@code ny} rows (index j), {@code nz} slices
 * (index k). Each extent is at least 1 and at most {@link #MAX_EXTENT}; one slice holds at most
 * {@link Integer#MAX_VALUE} voxels so that it fits one Java array.
 */
public record Dimensions(int nx, int ny, int nz) {

    /** Largest extent accepted along any axis (guards against absurd headers). */
    public static final int MAX_EXTENT = 1 << 16;

    public Dimensions {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if (nx > MAX_EXTENT || ny > MAX_EXTENT || nz > MAX_EXTENT) {
            throw new IllegalArgumentException("dimension above " + MAX_EXTENT + ": " + nx + "x" + ny + "x" + nz);
        }
        if ((long) nx * ny > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("slice too large for one array: " + nx + "x" + ny);
        }
    }

    /** Voxels in one slice ({@code nx * ny}). */
    public int sliceSize() {
        return nx * ny;
    }

    /** Voxels in the whole grid. */
    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** True if (i, j, k) lies inside the grid. */
    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    /** Offset of (i, j) inside one slice array (row-major, i fastest). */
    public int offsetInSlice(int i, int j) {
        return j * nx + i;
    }

    /** As {@code [nx, ny, nz]}. */
    public int[] toArray() {
        return new int[] {nx, ny, nz};
    }

    @Override
    public String toString() {
        return nx + "x" + ny + "x" + nz;
    }
}
