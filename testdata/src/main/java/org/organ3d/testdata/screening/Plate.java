package org.organ3d.testdata.screening;

import org.organ3d.testdata.phantom.Solid;

/**
 * A thin, gently curved sheet (a lung fissure): the points whose signed height
 * {@code s(p) = n·d + κ·(|d|² − (n·d)²)}, {@code d = p − (px, py, pz)}, satisfies
 * {@code |s| <= thickness / 2}. {@code (nx, ny, nz)} is a unit normal; κ bends the sheet into a
 * paraboloid (radius of curvature ≈ 1 / (2κ) mm). With {@code thickness} infinite it is the
 * half-space {@code s <= 0}. Unbounded: clip it with {@link Solids#intersection}.
 */
public record Plate(double px, double py, double pz, double nx, double ny, double nz, double kappa, double thickness)
        implements Solid {

    public Plate {
        double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(l > 0) || !(thickness > 0)) {
            throw new IllegalArgumentException("plate needs a normal and a positive thickness");
        }
        nx /= l;
        ny /= l;
        nz /= l;
    }

    /** The half-space on the negative side of the plane through p with normal n. */
    public static Plate halfSpace(double px, double py, double pz, double nx, double ny, double nz) {
        return new Plate(px, py, pz, nx, ny, nz, 0, Double.POSITIVE_INFINITY);
    }

    private double height(double dx, double dy, double dz) {
        double h = nx * dx + ny * dy + nz * dz;
        return h + kappa * (dx * dx + dy * dy + dz * dz - h * h);
    }

    @Override
    public boolean contains(double x, double y, double z) {
        double s = height(x - px, y - py, z - pz);
        return Double.isInfinite(thickness) ? s <= 0 : Math.abs(s) <= 0.5 * thickness;
    }

    @Override
    public double boundaryDistanceLowerBound(double x, double y, double z) {
        double dx = x - px;
        double dy = y - py;
        double dz = z - pz;
        double s = height(dx, dy, dz);
        double lip = 1 + 2 * Math.abs(kappa) * Math.sqrt(dx * dx + dy * dy + dz * dz);
        double gap = Double.isInfinite(thickness) ? Math.abs(s) : Math.abs(Math.abs(s) - 0.5 * thickness);
        return gap / lip;
    }

    @Override
    public double[] bounds() {
        double inf = Double.POSITIVE_INFINITY;
        return new double[] {-inf, inf, -inf, inf, -inf, inf};
    }
}
