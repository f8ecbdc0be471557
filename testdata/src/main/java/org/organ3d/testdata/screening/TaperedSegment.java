package org.organ3d.testdata.screening;

import org.organ3d.testdata.phantom.Solid;

/**
 * A vessel or airway piece: the union of the balls centred on the segment from {@code p0} to
 * {@code p1} whose radius goes linearly from {@code r0} to {@code r1} (a tapered cylinder with round
 * ends, so consecutive pieces join smoothly). Coordinates LPS mm.
 *
 * <p>NB: inside is {@code |p − c(t)| <= r(t)} with {@code c(t)} the closest point of the axis, not
 * the exact round cone; for the gentle tapers of a vessel tree the two differ by far less than a
 * voxel, and this definition is the phantom's truth either way.
 */
public record TaperedSegment(double x0, double y0, double z0, double x1, double y1, double z1, double r0, double r1)
        implements Solid {

    public TaperedSegment {
        if (!(r0 > 0 && r1 > 0)) {
            throw new IllegalArgumentException("radii must be positive: " + r0 + ", " + r1);
        }
    }

    /** Axis length, mm. */
    public double length() {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double dz = z1 - z0;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** Signed distance-like value: negative inside, {@code |p − c(t)| − r(t)}. */
    public double signed(double x, double y, double z) {
        double vx = x1 - x0;
        double vy = y1 - y0;
        double vz = z1 - z0;
        double ll = vx * vx + vy * vy + vz * vz;
        double t = ll == 0 ? 0 : ((x - x0) * vx + (y - y0) * vy + (z - z0) * vz) / ll;
        t = Math.max(0, Math.min(1, t));
        double dx = x - (x0 + t * vx);
        double dy = y - (y0 + t * vy);
        double dz = z - (z0 + t * vz);
        return Math.sqrt(dx * dx + dy * dy + dz * dz) - (r0 + t * (r1 - r0));
    }

    /** Distance (mm) from (x, y, z) to the axis segment. */
    public double axisDistance(double x, double y, double z) {
        return signed(x, y, z) + radiusAtClosest(x, y, z);
    }

    private double radiusAtClosest(double x, double y, double z) {
        double vx = x1 - x0;
        double vy = y1 - y0;
        double vz = z1 - z0;
        double ll = vx * vx + vy * vy + vz * vz;
        double t = ll == 0 ? 0 : ((x - x0) * vx + (y - y0) * vy + (z - z0) * vz) / ll;
        t = Math.max(0, Math.min(1, t));
        return r0 + t * (r1 - r0);
    }

    @Override
    public boolean contains(double x, double y, double z) {
        return signed(x, y, z) <= 0;
    }

    @Override
    public double boundaryDistanceLowerBound(double x, double y, double z) {
        // The signed value is Lipschitz with constant 1 + |r1 − r0| / length.
        double len = length();
        double lip = 1 + (len == 0 ? 0 : Math.abs(r1 - r0) / len);
        return Math.abs(signed(x, y, z)) / lip;
    }

    @Override
    public double[] bounds() {
        double r = Math.max(r0, r1);
        return new double[] {Math.min(x0, x1) - r, Math.max(x0, x1) + r, Math.min(y0, y1) - r, Math.max(y0, y1) + r,
            Math.min(z0, z1) - r, Math.max(z0, z1) + r};
    }
}
