package org.organ3d.testdata.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.testdata.phantom.EllipticCylinder;
import org.organ3d.testdata.phantom.Ellipsoid;
import org.organ3d.testdata.phantom.Solid;
import org.organ3d.testdata.screening.Canvas.Blend;
import org.organ3d.testdata.screening.Canvas.Paint;

/**
 * The anatomy of a synthetic non-contrast chest CT, drawn from a seed: body outline with
 * subcutaneous fat, chest-wall muscle, eleven pairs of ribs (cortex and marrow), the spine,
 * mediastinal fat, heart, aorta (descending, arch, ascending), the abdomen under both domes of
 * the diaphragm, and both lungs: parenchyma with a gravity gradient, two pulmonary artery and two
 * vein trees and two airway trees ({@link BranchingTree}, root to sub-millimetre terminals),
 * trachea and main bronchi with walls, oblique fissures in both lungs and the horizontal fissure
 * in the right, and a curved table under the patient. Coordinates LPS mm, centred on the origin.
 *
 * <p>Values are typical of unenhanced CT: air −1000, parenchyma about −860 (±30 posterior to
 * anterior), fat −100/−90, muscle 45, blood 40, bone cortex 600–700, marrow 220–250, airway wall
 * 20, fissure 0 in a 0.5 mm sheet (seen as a faint line after partial volume).
 */
public final class ChestAnatomy {

    /** Blood (vessels, heart, aorta), HU. */
    public static final double BLOOD_HU = 40;
    /** Mean lung parenchyma, HU (before the per-study offset and the gradient). */
    public static final double PARENCHYMA_HU = -860;

    final double size;
    final double bodyA;
    final double bodyB;
    final double cavA;
    final double cavB;
    final double zTop;
    final double parenchymaOffset;
    final Solid lungRight;
    final Solid lungLeft;
    final List<TaperedSegment> vessels = new ArrayList<>();
    final List<TaperedSegment> airways = new ArrayList<>();
    private final List<Paint> paints = new ArrayList<>();

    /**
     * Draws an anatomy.
     *
     * @param size  patient size factor (1 = a 330 × 236 mm chest)
     * @param rnd   random source (consumed in a fixed order)
     * @param zTop  the upper end of the field of view, mm (the trachea runs to it)
     */
    ChestAnatomy(double size, SplittableRandom rnd, double zTop) {
        this.size = size;
        this.zTop = zTop;
        double s = size;
        bodyA = 165 * s;
        bodyB = 118 * s;
        double fat = 8 + 12 * rnd.nextDouble();
        double wall = 12 + 4 * rnd.nextDouble();
        cavA = bodyA - fat - wall;
        cavB = bodyB - fat - wall;
        parenchymaOffset = -20 + 40 * rnd.nextDouble();

        Solid body = EllipticCylinder.infinite(0, 0, bodyA, bodyB);
        Solid muscle = EllipticCylinder.infinite(0, 0, bodyA - fat, bodyB - fat);
        Solid cavity = EllipticCylinder.infinite(0, 0, cavA, cavB);
        // Table: a curved carbon shell under the patient, 25 mm below the back.
        double tb = 400;
        Solid tableOuter = EllipticCylinder.infinite(0, bodyB + 25 + tb, 230, tb);
        Solid tableInner = EllipticCylinder.infinite(0, bodyB + 25 + tb, 222, tb - 8);
        paints.add(Paint.of(tableOuter, 120, Blend.OVER, 2));
        paints.add(Paint.of(tableInner, -1000, Blend.OVER, 2));
        paints.add(Paint.of(body, -100, Blend.OVER, 3));
        paints.add(Paint.of(muscle, 45, Blend.OVER, 3));
        paints.add(Paint.of(cavity, -90, Blend.OVER, 3));
        addRibs(rnd);

        Ellipsoid domeR = Ellipsoid.axisAligned(-0.45 * cavA, 0.05 * cavB, -140 * s, 0.8 * cavA, 1.3 * cavB, 95 * s);
        Ellipsoid domeL = Ellipsoid.axisAligned(0.45 * cavA, 0.05 * cavB, -150 * s, 0.8 * cavA, 1.3 * cavB, 95 * s);
        paints.add(Paint.of(Solids.intersection(domeR, cavity), 55, Blend.OVER, 3));
        paints.add(Paint.of(Solids.intersection(domeL, cavity), 55, Blend.OVER, 3));

        double lungH = 125 * s;
        Ellipsoid eR = Ellipsoid.axisAligned(-0.52 * cavA, 0.02 * cavB, 0, 0.46 * cavA, 1.1 * cavB, lungH);
        Ellipsoid eL = Ellipsoid.axisAligned(0.52 * cavA, 0.02 * cavB, -5 * s, 0.44 * cavA, 1.1 * cavB, lungH - 5 * s);
        Solid rawR = Solids.difference(Solids.intersection(eR, cavity, Plate.halfSpace(-0.13 * cavA, 0, 0, 1, 0, 0)), domeR);
        Solid rawL = Solids.difference(Solids.intersection(eL, cavity, Plate.halfSpace(0.13 * cavA, 0, 0, -1, 0, 0)), domeL);

        Ellipsoid heart = new Ellipsoid(new Vector3d(0.18 * cavA, -0.3 * cavB, -45 * s),
                new Vector3d(0.38 * cavA, 0.5 * cavB, 55 * s), new Matrix3d().rotateZ(Math.toRadians(-25)));
        Solid spine = EllipticCylinder.infinite(0, 0.82 * cavB, 17 * s, 15 * s);
        Solid spineMarrow = EllipticCylinder.infinite(0, 0.82 * cavB, 17 * s - 2.5, 15 * s - 2.5);
        Solid aortaDesc = new EllipticCylinder(0.2 * cavA, 0.62 * cavB, 11 * s, 11 * s, Double.NEGATIVE_INFINITY, 55 * s);
        List<TaperedSegment> aortaArch = List.of(
                new TaperedSegment(0.2 * cavA, 0.62 * cavB, 55 * s, 0.1 * cavA, 0.15 * cavB, 75 * s, 11 * s, 12 * s),
                new TaperedSegment(0.1 * cavA, 0.15 * cavB, 75 * s, 0, -0.25 * cavB, 60 * s, 12 * s, 13 * s),
                new TaperedSegment(0, -0.25 * cavB, 60 * s, 0.02 * cavA, -0.25 * cavB, -5 * s, 13 * s, 13 * s));
        List<Solid> mediastinal = new ArrayList<>(List.of(heart, spine, aortaDesc));
        mediastinal.addAll(aortaArch);
        lungRight = Solids.difference(rawR, mediastinal.toArray(Solid[]::new));
        lungLeft = Solids.difference(rawL, mediastinal.toArray(Solid[]::new));

        double off = parenchymaOffset;
        double cb = cavB;
        Canvas.HuField parenchyma = (x, y, z) -> PARENCHYMA_HU + off + 30 * y / cb;
        paints.add(new Paint(rawR, parenchyma, Blend.OVER, 3));
        paints.add(new Paint(rawL, parenchyma, Blend.OVER, 3));
        paints.add(Paint.of(heart, BLOOD_HU, Blend.OVER, 3));
        paints.add(Paint.of(aortaDesc, BLOOD_HU, Blend.OVER, 3));
        for (TaperedSegment a : aortaArch) {
            paints.add(Paint.of(a, BLOOD_HU, Blend.OVER, 3));
        }
        paints.add(Paint.of(spine, 600, Blend.OVER, 3));
        paints.add(Paint.of(spineMarrow, 220, Blend.OVER, 3));

        // Central airways: trachea from the top of the field of view to the carina, main bronchi to the hila.
        double ty = 0.3 * cavB;
        double carina = 35 * s;
        List<TaperedSegment> central = new ArrayList<>();
        central.add(new TaperedSegment(0, ty, zTop + 20, 0, ty, carina, 7.5 * s, 7.5 * s));
        double[] hilumR = {-0.27 * cavA, 0.25 * cavB, 12 * s};
        double[] hilumL = {0.27 * cavA, 0.25 * cavB, 8 * s};
        central.add(new TaperedSegment(0, ty, carina, hilumR[0], hilumR[1], hilumR[2], 5.8 * s, 5.5 * s));
        central.add(new TaperedSegment(0, ty, carina, hilumL[0], hilumL[1], hilumL[2], 5.5 * s, 5.2 * s));

        // Vessel trees (arteries beside the bronchi, veins lower and anterior), airway trees.
        vessels.addAll(BranchingTree.grow(new double[] {-0.2 * cavA, 0.1 * cavB, 25 * s}, 7 * s,
                BranchingTree.sample(lungRight, 2000, rnd), lungRight, rnd));
        vessels.addAll(BranchingTree.grow(new double[] {0.2 * cavA, 0.12 * cavB, 30 * s}, 6.5 * s,
                BranchingTree.sample(lungLeft, 1800, rnd), lungLeft, rnd));
        vessels.addAll(BranchingTree.grow(new double[] {-0.16 * cavA, -0.05 * cavB, -15 * s}, 6 * s,
                BranchingTree.sample(lungRight, 2000, rnd), lungRight, rnd));
        vessels.addAll(BranchingTree.grow(new double[] {0.16 * cavA, -0.02 * cavB, -20 * s}, 5.5 * s,
                BranchingTree.sample(lungLeft, 1800, rnd), lungLeft, rnd));
        airways.addAll(BranchingTree.grow(hilumR, 5.2 * s, BranchingTree.sample(lungRight, 250, rnd), lungRight, rnd));
        airways.addAll(BranchingTree.grow(hilumL, 5.0 * s, BranchingTree.sample(lungLeft, 230, rnd), lungLeft, rnd));
        for (TaperedSegment v : vessels) {
            paints.add(Paint.of(v, BLOOD_HU, Blend.OVER, 3));
        }
        List<TaperedSegment> allAirways = new ArrayList<>(central);
        allAirways.addAll(airways);
        for (TaperedSegment a : allAirways) {
            paints.add(Paint.of(wallOf(a), 20, Blend.OVER, 3));
        }
        for (TaperedSegment a : allAirways) {
            paints.add(Paint.of(a, -1000, Blend.OVER, 3));
        }
        addFissures(rnd);
    }

    /** The airway wall around a lumen: 0.3 mm plus a fifth of the lumen radius. */
    private static TaperedSegment wallOf(TaperedSegment a) {
        return new TaperedSegment(a.x0(), a.y0(), a.z0(), a.x1(), a.y1(), a.z1(), 1.2 * a.r0() + 0.3, 1.2 * a.r1() + 0.3);
    }

    private void addRibs(SplittableRandom rnd) {
        double s = size;
        for (int side = -1; side <= 1; side += 2) {
            for (int n = 0; n < 11; n++) {
                double zPost = 120 * s - n * 21 * s + 3 * (rnd.nextDouble() - 0.5);
                double r = (4.2 + rnd.nextDouble()) * s;
                double a = cavA + 7;
                double b = cavB + 7;
                int pieces = 14;
                double th0 = Math.toRadians(105);
                double th1 = Math.toRadians(245);
                double[] prev = null;
                for (int p = 0; p <= pieces; p++) {
                    double th = th0 + (th1 - th0) * p / pieces;
                    // NB: θ runs from posterior (near the spine) round the side to anterior; x takes the side's sign.
                    double x = side * Math.abs(a * Math.cos(th));
                    double y = b * Math.sin(th);
                    double z = zPost - 35 * s * p / pieces;
                    double[] cur = {x, y, z};
                    if (prev != null) {
                        paints.add(Paint.of(new TaperedSegment(prev[0], prev[1], prev[2], x, y, z, r, r), 700, Blend.OVER, 2));
                        paints.add(Paint.of(new TaperedSegment(prev[0], prev[1], prev[2], x, y, z, r - 1.8, r - 1.8), 250, Blend.OVER, 2));
                    }
                    prev = cur;
                }
            }
        }
    }

    private void addFissures(SplittableRandom rnd) {
        double s = size;
        double t = 0.5;
        for (int side = -1; side <= 1; side += 2) {
            Solid lung = side < 0 ? lungRight : lungLeft;
            double ny = 140 * s;
            double nz = -1.8 * cavB;
            double kappa = (rnd.nextDouble() - 0.5) / 300;
            Plate oblique = new Plate(side * 0.55 * cavA, 0, -15 * s, 0.1 * (rnd.nextDouble() - 0.5), ny, nz, kappa, t);
            paints.add(Paint.of(Solids.intersection(oblique, lung), 0, Blend.OVER, 4));
            if (side < 0) {
                Plate anterior = Plate.halfSpace(side * 0.55 * cavA, 0, -15 * s, 0, ny, nz);
                Plate horizontal = new Plate(side * 0.55 * cavA, 0, 5 * s, 0.05 * (rnd.nextDouble() - 0.5), 0, 1,
                        (rnd.nextDouble() - 0.5) / 400, t);
                paints.add(Paint.of(Solids.intersection(horizontal, lung, anterior), 0, Blend.OVER, 4));
            }
        }
    }

    /** The painting operations of the anatomy, in order. */
    List<Paint> paints() {
        return List.copyOf(paints);
    }

    /** Lung parenchyma HU at a point (without noise). */
    double parenchymaAt(double y) {
        return PARENCHYMA_HU + parenchymaOffset + 30 * y / cavB;
    }
}
