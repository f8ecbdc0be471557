package org.organ3d.testdata.phantom;

import org.joml.Vector3d;

/**
 * A solid in patient space (LPS mm) described by a gauge function {@code g}: the point is inside
 * when {@code g(p) <= 1}. Every implementation's gauge is Lipschitz with constant
 * {@code 1 / minSemiAxis()}, so {@code |g(p) - 1| * minSemiAxis()} is a lower bound of the distance
 * from p to the boundary — the phantom uses it to find the voxels that need supersampling.
 */
public interface Shape extends Solid {

    /** Gauge value at (x, y, z) LPS mm; inside when {@code <= 1}. */
    double gauge(double x, double y, double z);

    /** Smallest semi-axis in mm (the inverse of the gauge's Lipschitz constant). */
    double minSemiAxis();

    /** True if (x, y, z) is inside. */
    @Override
    default boolean contains(double x, double y, double z) {
        return gauge(x, y, z) <= 1.0;
    }

    /** Lower bound of the distance from (x, y, z) to the boundary, mm. */
    @Override
    default double boundaryDistanceLowerBound(double x, double y, double z) {
        return Math.abs(gauge(x, y, z) - 1.0) * minSemiAxis();
    }

    /** Exact volume (mm³) of the part of the solid with {@code zLo <= z <= zHi}. */
    double volumeBetween(double zLo, double zHi);

    /** Exact centroid (LPS mm) of the part of the solid with {@code zLo <= z <= zHi}. */
    Vector3d centroidBetween(double zLo, double zHi);
}
