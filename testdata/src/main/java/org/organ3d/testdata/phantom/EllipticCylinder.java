package org.organ3d.testdata.phantom;

import org.joml.Vector3d;

/**
 * A solid elliptic cylinder with its axis along z: semi-axes (a, b) in x and y around (cx, cy),
 * from {@code z0} to {@code z1} (infinite when those are infinite). Gauge
 * {@code max(sqrt((dx/a)² + (dy/b)²), |z - zc| / (h/2))}.
 */
public record EllipticCylinder(double cx, double cy, double a, double b, double z0, double z1) implements Shape {

    public EllipticCylinder {
        if (!(a > 0 && b > 0 && z1 > z0)) {
            throw new IllegalArgumentException("bad elliptic cylinder");
        }
    }

    /** A cylinder through the whole field of view. */
    public static EllipticCylinder infinite(double cx, double cy, double a, double b) {
        return new EllipticCylinder(cx, cy, a, b, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private boolean bounded() {
        return Double.isFinite(z0) && Double.isFinite(z1);
    }

    @Override
    public double gauge(double x, double y, double z) {
        double u = (x - cx) / a;
        double v = (y - cy) / b;
        double r = Math.sqrt(u * u + v * v);
        if (!bounded()) {
            return r;
        }
        double h = 0.5 * (z1 - z0);
        double t = Math.abs(z - 0.5 * (z0 + z1)) / h;
        return Math.max(r, t);
    }

    @Override
    public double minSemiAxis() {
        double m = Math.min(a, b);
        return bounded() ? Math.min(m, 0.5 * (z1 - z0)) : m;
    }

    @Override
    public double[] bounds() {
        return new double[] {cx - a, cx + a, cy - b, cy + b, z0, z1};
    }

    @Override
    public double volumeBetween(double zLo, double zHi) {
        double lo = Math.max(z0, zLo);
        double hi = Math.min(z1, zHi);
        return hi > lo ? Math.PI * a * b * (hi - lo) : 0.0;
    }

    @Override
    public Vector3d centroidBetween(double zLo, double zHi) {
        double lo = Math.max(z0, zLo);
        double hi = Math.min(z1, zHi);
        return new Vector3d(cx, cy, 0.5 * (lo + hi));
    }
}
