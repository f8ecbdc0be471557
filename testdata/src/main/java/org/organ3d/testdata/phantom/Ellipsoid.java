package org.organ3d.testdata.phantom;

import org.joml.Matrix3d;
import org.joml.Vector3d;

/**
 * A solid ellipsoid with semi-axes (a, b, c) along the columns of {@code rotation}, centred at
 * {@code centre} (LPS mm). Volume 4/3·π·a·b·c, centroid at the centre; for z clipping the phantom
 * keeps ellipsoids wholly inside the field of view (checked), so clipped values equal whole ones.
 */
public record Ellipsoid(Vector3d centre, Vector3d semiAxes, Matrix3d rotation) implements Shape {

    public Ellipsoid {
        if (!(semiAxes.x > 0 && semiAxes.y > 0 && semiAxes.z > 0)) {
            throw new IllegalArgumentException("semi-axes must be positive: " + semiAxes);
        }
        centre = new Vector3d(centre);
        semiAxes = new Vector3d(semiAxes);
        rotation = new Matrix3d(rotation);
    }

    /** An axis-aligned ellipsoid. */
    public static Ellipsoid axisAligned(double cx, double cy, double cz, double a, double b, double c) {
        return new Ellipsoid(new Vector3d(cx, cy, cz), new Vector3d(a, b, c), new Matrix3d());
    }

    /** A sphere. */
    public static Ellipsoid sphere(double cx, double cy, double cz, double r) {
        return axisAligned(cx, cy, cz, r, r, r);
    }

    @Override
    public double gauge(double x, double y, double z) {
        double dx = x - centre.x;
        double dy = y - centre.y;
        double dz = z - centre.z;
        // local = R^T d
        double u = rotation.m00 * dx + rotation.m01 * dy + rotation.m02 * dz;
        double v = rotation.m10 * dx + rotation.m11 * dy + rotation.m12 * dz;
        double w = rotation.m20 * dx + rotation.m21 * dy + rotation.m22 * dz;
        u /= semiAxes.x;
        v /= semiAxes.y;
        w /= semiAxes.z;
        return Math.sqrt(u * u + v * v + w * w);
    }

    @Override
    public boolean contains(double x, double y, double z) {
        double dx = x - centre.x;
        double dy = y - centre.y;
        double dz = z - centre.z;
        double u = (rotation.m00 * dx + rotation.m01 * dy + rotation.m02 * dz) / semiAxes.x;
        double v = (rotation.m10 * dx + rotation.m11 * dy + rotation.m12 * dz) / semiAxes.y;
        double w = (rotation.m20 * dx + rotation.m21 * dy + rotation.m22 * dz) / semiAxes.z;
        return u * u + v * v + w * w <= 1.0;
    }

    @Override
    public double minSemiAxis() {
        return Math.min(semiAxes.x, Math.min(semiAxes.y, semiAxes.z));
    }

    /** Half-extent of the rotated ellipsoid along world axis {@code axis} (0 x, 1 y, 2 z). */
    public double halfExtent(int axis) {
        // Support function along a world axis: sqrt(sum_i (R[axis][i] * s_i)^2).
        double a = rotation.get(0, axis) * semiAxes.x;
        double b = rotation.get(1, axis) * semiAxes.y;
        double c = rotation.get(2, axis) * semiAxes.z;
        return Math.sqrt(a * a + b * b + c * c);
    }

    @Override
    public double[] bounds() {
        double hx = halfExtent(0);
        double hy = halfExtent(1);
        double hz = halfExtent(2);
        return new double[] {centre.x - hx, centre.x + hx, centre.y - hy, centre.y + hy, centre.z - hz, centre.z + hz};
    }

    /** Whole volume 4/3·π·a·b·c in mm³. */
    public double volume() {
        return 4.0 / 3.0 * Math.PI * semiAxes.x * semiAxes.y * semiAxes.z;
    }

    @Override
    public double volumeBetween(double zLo, double zHi) {
        requireWhole(zLo, zHi);
        return volume();
    }

    @Override
    public Vector3d centroidBetween(double zLo, double zHi) {
        requireWhole(zLo, zHi);
        return new Vector3d(centre);
    }

    private void requireWhole(double zLo, double zHi) {
        double[] b = bounds();
        if (b[4] < zLo || b[5] > zHi) {
            throw new IllegalStateException("ellipsoid at " + centre + " is cut by the field of view");
        }
    }
}
