package org.organ3d.testdata.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.Ellipsoid;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testdata.phantom.Solid;
import org.organ3d.testdata.screening.Canvas.Blend;
import org.organ3d.testdata.screening.Canvas.Paint;

/**
 * Abdominal CT phantoms (portal-venous phase) for focal liver lesion screening with exact truth,
 * deterministic from a seed: the {@link AbdominalPhantom} without its fixed lesion, a portal vein
 * tree (170 HU, root 6 mm at the hilum) and a hepatic vein tree (160 HU, root 5 mm towards the
 * inferior vena cava) grown through the liver ({@link BranchingTree}), and 2–6 lesions: 65 %
 * hypodense (−80 to −15 HU against the liver's 110), 35 % hyperdense (+25 to +60 HU), diameters
 * 5–40 mm log-uniform, ellipsoids with axis ratios 0.8–1, wholly inside the liver, 8 mm apart.
 * Grid 512 × 512 at 0.7 mm, slices 1.25, 1.5, 2 or 2.5 mm over 260 mm, noise 10–20 HU (white, as
 * the base phantom's generator makes none; {@link Canvas#toVolume} adds correlated noise).
 *
 * <p>{@link ScreeningStudy#organs()} holds the base phantom's truth labels: the liver is
 * {@link #LIVER} (vessels and lesions inside it included, as a clinical liver segmentation).
 */
public final class LiverPhantom {

    /** The liver's label in the organ label map. */
    public static final int LIVER = AbdominalPhantom.LIVER;
    /** The liver's attenuation, HU. */
    public static final double LIVER_HU = 110;

    private static final double[] SLICES = {1.25, 1.5, 2.0, 2.5};

    private LiverPhantom() {
    }

    /** The study for {@code seed}. */
    public static ScreeningStudy generate(long seed) {
        return generate(seed, null, null);
    }

    /**
     * The study for {@code seed}; {@code sliceMm} and {@code lesions} override what the seed draws
     * (null: drawn; 0 lesions: a lesion-free liver).
     */
    public static ScreeningStudy generate(long seed, Double sliceMm, Integer lesions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double slice = SLICES[rnd.nextInt(SLICES.length)];
        double noise = 10 + 10 * rnd.nextDouble();
        int count = 2 + rnd.nextInt(5);
        long treeSeed = rnd.nextLong();
        long lesionSeed = rnd.nextLong();
        long noiseSeed = rnd.nextLong();
        slice = sliceMm != null ? sliceMm : slice;
        count = lesions != null ? lesions : count;
        PhantomGrid grid = new PhantomGrid(512, 512, (int) Math.round(260 / slice), 0.7, 0.7, slice);
        AbdominalPhantom base = AbdominalPhantom.withoutLesion();
        PhantomStudy study = PhantomGenerator.generate(base, grid, 0, seed);
        Ellipsoid liver = (Ellipsoid) base.structure(LIVER).solids().get(0);
        Ellipsoid inner = new Ellipsoid(liver.centre(), new Vector3d(liver.semiAxes()).sub(3, 3, 3), liver.rotation());

        SplittableRandom tr = new SplittableRandom(treeSeed);
        List<Paint> paints = new ArrayList<>();
        for (TaperedSegment s : BranchingTree.grow(new double[] {-35, 5, 20}, 6, BranchingTree.sample(inner, 800, tr), inner, tr)) {
            paints.add(Paint.of(s, 170, Blend.OVER, 3));
        }
        for (TaperedSegment s : BranchingTree.grow(new double[] {-25, 25, 105}, 5, BranchingTree.sample(inner, 600, tr), inner, tr)) {
            paints.add(Paint.of(s, 160, Blend.OVER, 3));
        }

        SplittableRandom lr = new SplittableRandom(lesionSeed);
        List<Ellipsoid> placed = new ArrayList<>();
        List<LesionTruth> truths = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            boolean hypo = lr.nextDouble() < 0.65;
            double delta = hypo ? -15 - 65 * lr.nextDouble() : 25 + 35 * lr.nextDouble();
            double d = 5 * Math.exp(lr.nextDouble() * Math.log(8));
            double a1 = 0.8 + 0.2 * lr.nextDouble();
            double a2 = 0.8 + 0.2 * lr.nextDouble();
            double scale = 0.5 * d / Math.cbrt(a1 * a2);
            Vector3d semi = new Vector3d(scale, scale * a1, scale * a2);
            Matrix3d rot = new Matrix3d().rotateZYX(lr.nextDouble() * 2 * Math.PI, lr.nextDouble() * Math.PI, lr.nextDouble() * 2 * Math.PI);
            Ellipsoid shape = null;
            for (int t = 0; t < 500 && shape == null; t++) {
                double[] p = BranchingTree.sample(inner, 1, lr).get(0);
                Ellipsoid e = new Ellipsoid(new Vector3d(p[0], p[1], p[2]), semi, rot);
                if (insideWithMargin(e, liver, 2) && apart(e, placed)) {
                    shape = e;
                }
            }
            if (shape == null) {
                continue;
            }
            placed.add(shape);
            paints.add(Paint.of(shape, LIVER_HU + delta, Blend.OVER, 4));
            truths.add(new LesionTruth(truths.size() + 1, "liver", hypo ? "hypodense" : "hyperdense", "parenchymal", shape.centre(),
                    Math.cbrt(6 * shape.volume() / Math.PI), shape.volume(), semi, LIVER_HU + delta, delta, 0));
        }
        Canvas canvas = new Canvas(grid, study.ct());
        canvas.paint(paints);
        return new ScreeningStudy("liver", seed, grid, canvas.toVolume(noise, noiseSeed), truths, study.labels(), noise);
    }

    private static boolean insideWithMargin(Ellipsoid e, Solid liver, double margin) {
        double r = Math.max(e.semiAxes().x, Math.max(e.semiAxes().y, e.semiAxes().z)) + margin;
        for (int n = 0; n < 200; n++) {
            double z = 1 - (2 * n + 1.0) / 200;
            double phi = n * Math.PI * (3 - Math.sqrt(5));
            double s = Math.sqrt(1 - z * z);
            Vector3d dir = new Vector3d(s * Math.cos(phi), s * Math.sin(phi), z);
            // NB: the bounding sphere's points are checked, which is conservative for an ellipsoid.
            if (!liver.contains(e.centre().x + r * dir.x, e.centre().y + r * dir.y, e.centre().z + r * dir.z)) {
                return false;
            }
        }
        return true;
    }

    private static boolean apart(Ellipsoid e, List<Ellipsoid> others) {
        double r = Math.max(e.semiAxes().x, Math.max(e.semiAxes().y, e.semiAxes().z));
        for (Ellipsoid o : others) {
            double ro = Math.max(o.semiAxes().x, Math.max(o.semiAxes().y, o.semiAxes().z));
            if (e.centre().distance(o.centre()) < r + ro + 8) {
                return false;
            }
        }
        return true;
    }
}
