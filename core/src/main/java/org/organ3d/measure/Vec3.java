package org.organ3d.measure;

/**
 * A point or direction in millimetres (or a fractional voxel index where a field says so).
 * Immutable; JSON writes it as {@code [x, y, z]}.
 */
public record Vec3(double x, double y, double z) {

    public static final Vec3 NaN = new Vec3(Double.NaN, Double.NaN, Double.NaN);

    public double[] toArray() {
        return new double[] {x, y, z};
    }

    public double distance(Vec3 o) {
        double dx = x - o.x;
        double dy = y - o.y;
        double dz = z - o.z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The same point in RAS (x and y negated); the conversion is its own inverse. */
    public Vec3 lpsToRas() {
        return new Vec3(-x, -y, z);
    }
}
