package org.organ3d.measure;

import java.util.List;
import org.organ3d.volume.Geometry;

/**
 * RECIST 1.1 diameters of one label (Eisenhauer et al., "New response evaluation criteria in solid
 * tumours: revised RECIST guideline (version 1.1)", Eur. J. Cancer 45, 2009), measured on the
 * acquired slice plane (index k; "axial" for an axial acquisition, whatever the stack's obliquity).
 *
 * <p>Long axis: in every slice the longest segment between two voxel corners of the label, i.e. the
 * diameter of the convex hull of the slice's voxel corners (a polygon vertex pair, O(V²)); the slice
 * where it is largest is chosen (the lowest k on a tie within 1e-9 relative). Short axis: on that slice, the
 * longest chord of the same convex polygon perpendicular to the long axis (exactly perpendicular by
 * construction, within the slice plane). The chord length is a concave piecewise-linear function of
 * the position along the long axis, so its maximum lies at a polygon vertex's position; each is
 * tried. Both use the hull, so a concave (e.g. C-shaped) lesion gets its caliper extent rather than
 * a chord that stays inside the lesion.
 *
 * @param longAxisMm  longest in-plane diameter in mm
 * @param shortAxisMm longest diameter perpendicular to it on the same slice, in mm
 * @param sliceIndex  index k of that slice
 * @param endpointsLps four points in LPS mm: long axis start and end, then short axis start and end
 */
public record Recist(double longAxisMm, double shortAxisMm, int sliceIndex, List<Vec3> endpointsLps) {

    /**
     * Relative margin by which a candidate must beat the best so far. NB: candidates are visited in
     * an order fixed in index space (lattice hull order), so with this margin ties between equal
     * diameters are broken the same way on any affine, and a rotated copy gives the same endpoints.
     */
    private static final double TIE = 1e-9;

    public Recist {
        endpointsLps = List.copyOf(endpointsLps);
        if (endpointsLps.size() != 4) {
            throw new IllegalArgumentException("RECIST needs 4 endpoints, got " + endpointsLps.size());
        }
    }

    static Recist of(LabelHull hull, Geometry g) {
        double best = -1;
        int bestSlice = -1;
        int ba = 0;
        int bb = 0;
        for (int s = 0; s < hull.sliceHulls.length; s++) {
            double[] p = hull.sliceHulls[s];
            int n = p.length / 3;
            for (int x = 0; x < n; x++) {
                for (int y = x + 1; y < n; y++) {
                    double dx = p[3 * y] - p[3 * x];
                    double dy = p[3 * y + 1] - p[3 * x + 1];
                    double dz = p[3 * y + 2] - p[3 * x + 2];
                    double d = dx * dx + dy * dy + dz * dz;
                    if (d > best * (1 + TIE)) {
                        best = d;
                        bestSlice = s;
                        ba = x;
                        bb = y;
                    }
                }
            }
        }
        double[] p = hull.sliceHulls[bestSlice];
        int n = p.length / 3;
        double[] a = {p[3 * ba], p[3 * ba + 1], p[3 * ba + 2]};
        double longAxis = Math.sqrt(best);
        double[] u = {(p[3 * bb] - a[0]) / longAxis, (p[3 * bb + 1] - a[1]) / longAxis, (p[3 * bb + 2] - a[2]) / longAxis};
        var normal = g.sliceNormal();
        double[] w = {normal.y * u[2] - normal.z * u[1], normal.z * u[0] - normal.x * u[2], normal.x * u[1] - normal.y * u[0]};
        double wl = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        for (int c = 0; c < 3; c++) {
            w[c] /= wl;
        }
        double[] t = new double[n];
        double[] s = new double[n];
        for (int v = 0; v < n; v++) {
            double dx = p[3 * v] - a[0];
            double dy = p[3 * v + 1] - a[1];
            double dz = p[3 * v + 2] - a[2];
            t[v] = u[0] * dx + u[1] * dy + u[2] * dz;
            s[v] = w[0] * dx + w[1] * dy + w[2] * dz;
        }
        double shortAxis = 0;
        double st = 0;
        double s0 = 0;
        double s1 = 0;
        for (int c = 0; c < n; c++) {
            double tc = t[c];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < n; v++) {
                int q = (v + 1) % n;
                double tp = t[v];
                double tq = t[q];
                if (tp == tq) {
                    if (tp == tc) {
                        lo = Math.min(lo, Math.min(s[v], s[q]));
                        hi = Math.max(hi, Math.max(s[v], s[q]));
                    }
                } else if ((tc - tp) * (tc - tq) <= 0) {
                    double sv = s[v] + (tc - tp) / (tq - tp) * (s[q] - s[v]);
                    lo = Math.min(lo, sv);
                    hi = Math.max(hi, sv);
                }
            }
            if (hi - lo > shortAxis * (1 + TIE)) {
                shortAxis = hi - lo;
                st = tc;
                s0 = lo;
                s1 = hi;
            }
        }
        Vec3 la = new Vec3(a[0], a[1], a[2]);
        Vec3 lb = new Vec3(p[3 * bb], p[3 * bb + 1], p[3 * bb + 2]);
        Vec3 sa = new Vec3(a[0] + st * u[0] + s0 * w[0], a[1] + st * u[1] + s0 * w[1], a[2] + st * u[2] + s0 * w[2]);
        Vec3 sb = new Vec3(a[0] + st * u[0] + s1 * w[0], a[1] + st * u[1] + s1 * w[1], a[2] + st * u[2] + s1 * w[2]);
        return new Recist(longAxis, shortAxis, hull.k0 + bestSlice, List.of(la, lb, sa, sb));
    }
}
