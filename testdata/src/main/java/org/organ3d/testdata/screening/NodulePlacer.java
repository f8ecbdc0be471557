package org.organ3d.testdata.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.testdata.phantom.Ellipsoid;
import org.organ3d.testdata.phantom.Solid;
import org.organ3d.testdata.screening.Canvas.Blend;
import org.organ3d.testdata.screening.Canvas.Paint;

/**
 * Draws lung nodules for a {@link ChestAnatomy} and places them: solid (50 %, 3–30 mm), part-solid
 * (20 %, 8–30 mm, a solid core of 30–70 % of the diameter) and ground-glass (30 %, 5–30 mm, −680 to
 * −520 HU); diameters log-uniform. Placement: isolated (clear of vessels and airways where the lung
 * leaves room), juxta-pleural (centre 0.4–0.9 radii inside the costal or diaphragmatic pleura, the
 * rest sunk into the wall) or juxta-vascular (touching a vessel of 20–60 % of the nodule's radius).
 * Shapes are ellipsoids with axis ratios 0.8–1 in random orientations. Nodules keep 10 mm apart.
 */
final class NodulePlacer {

    /** A placed nodule: its paints and its truth. */
    record Placed(List<Paint> paints, LesionTruth truth, Ellipsoid shape) {
    }

    private final ChestAnatomy anatomy;
    private final SplittableRandom rnd;
    private final List<Ellipsoid> placed = new ArrayList<>();

    NodulePlacer(ChestAnatomy anatomy, SplittableRandom rnd) {
        this.anatomy = anatomy;
        this.rnd = rnd;
    }

    /** Places {@code count} nodules (fewer if the lungs have no room). */
    List<Placed> place(int count) {
        List<Placed> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Placed p = placeOne(out.size() + 1);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private Placed placeOne(int id) {
        double u = rnd.nextDouble();
        String type = u < 0.5 ? "solid" : u < 0.7 ? "part-solid" : "ground-glass";
        double dMin = switch (type) {
            case "solid" -> 3;
            case "part-solid" -> 8;
            default -> 5;
        };
        double d = dMin * Math.exp(rnd.nextDouble() * Math.log(30 / dMin));
        double v = rnd.nextDouble();
        String placement;
        if ("solid".equals(type)) {
            placement = v < 0.45 ? "isolated" : v < 0.75 ? "juxta-pleural" : "juxta-vascular";
        } else {
            placement = v < 0.6 ? "isolated" : v < 0.75 ? "juxta-pleural" : "juxta-vascular";
        }
        double r = 0.5 * d;
        double a1 = 0.8 + 0.2 * rnd.nextDouble();
        double a2 = 0.8 + 0.2 * rnd.nextDouble();
        double scale = r / Math.cbrt(a1 * a2);
        Vector3d semi = new Vector3d(scale, scale * a1, scale * a2);
        Matrix3d rot = new Matrix3d().rotateZYX(rnd.nextDouble() * 2 * Math.PI, rnd.nextDouble() * Math.PI,
                rnd.nextDouble() * 2 * Math.PI);
        boolean right = rnd.nextDouble() < 0.55;
        Solid lung = right ? anatomy.lungRight : anatomy.lungLeft;
        double hu = "solid".equals(type) ? 10 + 50 * rnd.nextDouble() : -680 + 160 * rnd.nextDouble();
        double coreHu = 50 * rnd.nextDouble();
        double coreFraction = 0.3 + 0.4 * rnd.nextDouble();
        Vector3d centre = switch (placement) {
            case "isolated" -> isolated(lung, semi, rot);
            case "juxta-pleural" -> juxtaPleural(lung, semi, rot);
            default -> juxtaVascular(lung, semi, rot);
        };
        if (centre == null) {
            return null;
        }
        Ellipsoid shape = new Ellipsoid(centre, semi, rot);
        placed.add(shape);
        Solid visible = Solids.intersection(shape, lung);
        List<Paint> paints = new ArrayList<>();
        paints.add(Paint.of(visible, hu, Blend.MAX, 4));
        double solidDiameter = 0;
        if ("part-solid".equals(type)) {
            Vector3d coreSemi = new Vector3d(semi).mul(coreFraction);
            double room = (1 - coreFraction) * Math.min(semi.x, Math.min(semi.y, semi.z)) * 0.5;
            Vector3d coreCentre = new Vector3d(centre).add((rnd.nextDouble() - 0.5) * room, (rnd.nextDouble() - 0.5) * room,
                    (rnd.nextDouble() - 0.5) * room);
            Ellipsoid core = new Ellipsoid(coreCentre, coreSemi, rot);
            paints.add(Paint.of(Solids.intersection(core, lung), coreHu, Blend.MAX, 4));
            solidDiameter = d * coreFraction;
        }
        double[] vol;
        if ("juxta-pleural".equals(placement)) {
            vol = integrate(shape, lung);
        } else {
            vol = new double[] {shape.volume(), centre.x, centre.y, centre.z};
        }
        double eq = Math.cbrt(6 * vol[0] / Math.PI);
        LesionTruth truth = new LesionTruth(id, "lung", type, placement, new Vector3d(vol[1], vol[2], vol[3]), eq, vol[0],
                semi, hu, hu - anatomy.parenchymaAt(centre.y), solidDiameter);
        return new Placed(paints, truth, shape);
    }

    private Vector3d isolated(Solid lung, Vector3d semi, Matrix3d rot) {
        Vector3d best = null;
        double bestClear = Double.NEGATIVE_INFINITY;
        double rMax = Math.max(semi.x, Math.max(semi.y, semi.z));
        for (int t = 0; t < 300; t++) {
            double[] p = BranchingTree.sample(lung, 1, rnd).get(0);
            Vector3d c = new Vector3d(p[0], p[1], p[2]);
            if (!inside(lung, c, semi, rot, 3) || !farFromOthers(c, rMax)) {
                continue;
            }
            double clear = clearance(c, rMax);
            if (clear > bestClear) {
                bestClear = clear;
                best = c;
            }
            if (clear >= 1.0) {
                return c;
            }
        }
        return best;
    }

    private Vector3d juxtaPleural(Solid lung, Vector3d semi, Matrix3d rot) {
        double rMax = Math.max(semi.x, Math.max(semi.y, semi.z));
        double rMin = Math.min(semi.x, Math.min(semi.y, semi.z));
        for (int t = 0; t < 300; t++) {
            double[] q = BranchingTree.sample(lung, 1, rnd).get(0);
            Vector3d dir = randomDirection();
            Vector3d p = exitPoint(lung, new Vector3d(q[0], q[1], q[2]), dir);
            // NB: costal and diaphragmatic pleura only: the mediastinal surface is crowded by the hilum.
            if (Math.abs(p.x) < 0.25 * anatomy.cavA + rMax) {
                continue;
            }
            Vector3d inward = inwardNormal(lung, p);
            if (inward == null) {
                continue;
            }
            double depth = rMin * (0.4 + 0.5 * rnd.nextDouble());
            Vector3d c = new Vector3d(p).fma(depth, inward);
            if (!lung.contains(c.x, c.y, c.z) || !farFromOthers(c, rMax) || !inFieldOfView(c, rMax)) {
                continue;
            }
            return c;
        }
        return null;
    }

    private Vector3d juxtaVascular(Solid lung, Vector3d semi, Matrix3d rot) {
        double rEq = Math.cbrt(semi.x * semi.y * semi.z);
        double rMax = Math.max(semi.x, Math.max(semi.y, semi.z));
        List<TaperedSegment> fit = new ArrayList<>();
        for (TaperedSegment s : anatomy.vessels) {
            double rv = 0.5 * (s.r0() + s.r1());
            if (rv >= Math.max(0.5, 0.2 * rEq) && rv <= Math.max(0.6, 0.6 * rEq) && s.length() > 2 * rv) {
                fit.add(s);
            }
        }
        if (fit.isEmpty()) {
            return isolated(lung, semi, rot);
        }
        for (int t = 0; t < 300; t++) {
            TaperedSegment s = fit.get(rnd.nextInt(fit.size()));
            double f = 0.2 + 0.6 * rnd.nextDouble();
            Vector3d a = new Vector3d(s.x0() + f * (s.x1() - s.x0()), s.y0() + f * (s.y1() - s.y0()), s.z0() + f * (s.z1() - s.z0()));
            Vector3d axis = new Vector3d(s.x1() - s.x0(), s.y1() - s.y0(), s.z1() - s.z0()).normalize();
            Vector3d dir = randomDirection();
            dir.fma(-dir.dot(axis), axis).normalize();
            double rv = s.r0() + f * (s.r1() - s.r0());
            double reach = extentAlong(semi, rot, dir);
            Vector3d c = new Vector3d(a).fma(reach + 0.3 * rv, dir);
            if (!inside(lung, c, semi, rot, 2) || !farFromOthers(c, rMax) || !inFieldOfView(c, rMax)) {
                continue;
            }
            return c;
        }
        return isolated(lung, semi, rot);
    }

    /** Half-width of the ellipsoid along the unit direction {@code dir} (support function). */
    private static double extentAlong(Vector3d semi, Matrix3d rot, Vector3d dir) {
        // local = Rᵀ dir; support = sqrt(Σ (a_i local_i)²)
        double u = rot.m00 * dir.x + rot.m01 * dir.y + rot.m02 * dir.z;
        double v = rot.m10 * dir.x + rot.m11 * dir.y + rot.m12 * dir.z;
        double w = rot.m20 * dir.x + rot.m21 * dir.y + rot.m22 * dir.z;
        return Math.sqrt(semi.x * semi.x * u * u + semi.y * semi.y * v * v + semi.z * semi.z * w * w);
    }

    private boolean inside(Solid lung, Vector3d c, Vector3d semi, Matrix3d rot, double marginMm) {
        if (!inFieldOfView(c, Math.max(semi.x, Math.max(semi.y, semi.z)))) {
            return false;
        }
        for (int n = 0; n < 160; n++) {
            Vector3d d = fibonacci(n, 160);
            double e = extentAlong(semi, rot, d) + marginMm;
            if (!lung.contains(c.x + e * d.x, c.y + e * d.y, c.z + e * d.z)) {
                return false;
            }
        }
        return true;
    }

    private boolean inFieldOfView(Vector3d c, double r) {
        return c.z + r + 6 < anatomy.zTop && c.z - r - 6 > -anatomy.zTop;
    }

    private boolean farFromOthers(Vector3d c, double r) {
        for (Ellipsoid e : placed) {
            double re = Math.max(e.semiAxes().x, Math.max(e.semiAxes().y, e.semiAxes().z));
            if (c.distance(e.centre()) < r + re + 10) {
                return false;
            }
        }
        return true;
    }

    /** Smallest gap (mm) between a ball of radius r at c and any vessel or airway wall. */
    private double clearance(Vector3d c, double r) {
        double m = Double.POSITIVE_INFINITY;
        for (TaperedSegment s : anatomy.vessels) {
            m = Math.min(m, s.signed(c.x, c.y, c.z) - r);
        }
        for (TaperedSegment s : anatomy.airways) {
            m = Math.min(m, s.signed(c.x, c.y, c.z) - 0.2 * s.r0() - 0.3 - r);
        }
        return m;
    }

    private Vector3d randomDirection() {
        double z = 2 * rnd.nextDouble() - 1;
        double phi = 2 * Math.PI * rnd.nextDouble();
        double s = Math.sqrt(1 - z * z);
        return new Vector3d(s * Math.cos(phi), s * Math.sin(phi), z);
    }

    private static Vector3d fibonacci(int n, int count) {
        double z = 1 - (2 * n + 1.0) / count;
        double phi = n * Math.PI * (3 - Math.sqrt(5));
        double s = Math.sqrt(1 - z * z);
        return new Vector3d(s * Math.cos(phi), s * Math.sin(phi), z);
    }

    /** Where the ray from an inside point leaves the lung (bisection on the first exit found by stepping). */
    private static Vector3d exitPoint(Solid lung, Vector3d from, Vector3d dir) {
        double t = 0;
        while (lung.contains(from.x + t * dir.x, from.y + t * dir.y, from.z + t * dir.z) && t < 600) {
            t += 1;
        }
        double lo = Math.max(0, t - 1);
        double hi = t;
        for (int it = 0; it < 30; it++) {
            double m = 0.5 * (lo + hi);
            if (lung.contains(from.x + m * dir.x, from.y + m * dir.y, from.z + m * dir.z)) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return new Vector3d(from).fma(lo, dir);
    }

    /** Unit vector from a boundary point towards the lung: the mean offset of lung points within 12 mm. */
    private Vector3d inwardNormal(Solid lung, Vector3d p) {
        Vector3d sum = new Vector3d();
        int in = 0;
        for (int n = 0; n < 400; n++) {
            Vector3d d = fibonacci(n, 400).mul(12 * Math.cbrt((n + 0.5) / 400));
            if (lung.contains(p.x + d.x, p.y + d.y, p.z + d.z)) {
                sum.add(d);
                in++;
            }
        }
        if (in < 40 || sum.length() < 1e-9) {
            return null;
        }
        return sum.normalize();
    }

    /** Volume (mm³) and centroid of shape ∩ lung by a lattice of 120 points per longest diameter. */
    private static double[] integrate(Ellipsoid shape, Solid lung) {
        double[] b = shape.bounds();
        double h = Math.max(b[1] - b[0], Math.max(b[3] - b[2], b[5] - b[4])) / 120;
        long n = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (double z = b[4] + h / 2; z < b[5]; z += h) {
            for (double y = b[2] + h / 2; y < b[3]; y += h) {
                for (double x = b[0] + h / 2; x < b[1]; x += h) {
                    if (shape.contains(x, y, z) && lung.contains(x, y, z)) {
                        n++;
                        sx += x;
                        sy += y;
                        sz += z;
                    }
                }
            }
        }
        return new double[] {n * h * h * h, sx / n, sy / n, sz / n};
    }
}
