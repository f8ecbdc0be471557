package org.organ3d.testdata.phantom;

/**
 * A region of patient space (LPS mm) that a phantom can be painted with: an inside test, a lower
 * bound of the distance to the boundary (so that only voxels the boundary may cross are
 * supersampled), and axis-aligned bounds. Implementations are immutable and thread-safe.
 */
public interface Solid {

    /** True if (x, y, z) is inside. */
    boolean contains(double x, double y, double z);

    /**
     * A lower bound of the distance (mm) from (x, y, z) to the boundary: every point closer than
     * this to (x, y, z) is on the same side. Zero is always correct, merely slow.
     */
    double boundaryDistanceLowerBound(double x, double y, double z);

    /**
     * True when no boundary point lies within {@code h} mm of (x, y, z), so that a voxel of half
     * diagonal {@code h} there is wholly inside or wholly outside. The default asks
     * {@link #boundaryDistanceLowerBound}; combinations answer faster.
     */
    default boolean farFromBoundary(double x, double y, double z, double h) {
        return boundaryDistanceLowerBound(x, y, z) > h;
    }

    /** Axis-aligned bounds {xmin, xmax, ymin, ymax, zmin, zmax} in mm (infinite where unbounded). */
    double[] bounds();
}
