package org.organ3d.testdata.phantom;

import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.volume.LabelInfo;

/**
 * A synthetic abdominal CT (portal-venous phase) made of analytic solids with exact volumes and
 * centroids: body outline with subcutaneous fat and an abdominal-wall muscle ring, liver with a
 * hypodense lesion (sphere, radius 12 mm), spleen, both kidneys (tilted ellipsoids), the aorta with
 * contrast (a cylinder through the whole field of view) and vertebral bodies (elliptic cylinders)
 * separated by discs. Every organ is surrounded by intra-abdominal fat with gaps of several mm, so a
 * threshold half-way between an organ and fat is an unbiased partial-volume boundary.
 *
 * <p>Coordinates are LPS mm with the origin at the centre of the field of view: +x is the patient's
 * left, +y posterior, +z superior. HU values are typical of portal-venous CT (fat −100, muscle 50,
 * liver 110, lesion 45, spleen 120, kidney 170, aorta 190, bone 700, disc 80, air −1000).
 */
public final class AbdominalPhantom {

    /** Label values of the truth label map. */
    public static final int LIVER = 1;
    public static final int SPLEEN = 2;
    public static final int KIDNEY_RIGHT = 3;
    public static final int KIDNEY_LEFT = 4;
    public static final int AORTA = 5;
    public static final int VERTEBRAE = 6;
    public static final int LESION = 7;

    /** HU of the background tissues. */
    public static final double AIR_HU = -1000;
    public static final double FAT_HU = -100;
    public static final double MUSCLE_HU = 50;
    public static final double DISC_HU = 80;

    /** Outer body outline, outer muscle boundary, inner (cavity) boundary: infinite elliptic cylinders. */
    final Shape body = EllipticCylinder.infinite(0, 0, 170, 125);
    final Shape muscleOuter = EllipticCylinder.infinite(0, 0, 155, 110);
    final Shape cavity = EllipticCylinder.infinite(0, 0, 145, 100);

    private final Ellipsoid lesion = Ellipsoid.sphere(-75, -15, 50.25, 12);
    private final List<Structure> structures;
    private final List<Shape> discs;

    /** The standard phantom. */
    public AbdominalPhantom() {
        this(true);
    }

    /** The standard phantom without its liver lesion (a healthy liver, for lesion screening phantoms). */
    public static AbdominalPhantom withoutLesion() {
        return new AbdominalPhantom(false);
    }

    private AbdominalPhantom(boolean withLesion) {
        Ellipsoid liver = new Ellipsoid(new Vector3d(-58, -14, 45), new Vector3d(72, 62, 72),
                new Matrix3d().rotateZ(Math.toRadians(15)));
        Ellipsoid spleen = new Ellipsoid(new Vector3d(88, 30, 55), new Vector3d(35, 26, 50),
                new Matrix3d().rotateZ(Math.toRadians(-30)));
        Ellipsoid kidneyR = new Ellipsoid(new Vector3d(-72, 58, -75), new Vector3d(27, 22, 50),
                new Matrix3d().rotateZ(Math.toRadians(20)).rotateY(Math.toRadians(-12)));
        Ellipsoid kidneyL = new Ellipsoid(new Vector3d(72, 58, -70), new Vector3d(27, 22, 50),
                new Matrix3d().rotateZ(Math.toRadians(-20)).rotateY(Math.toRadians(12)));
        Shape aorta = EllipticCylinder.infinite(15, 38, 11, 11);
        List<Shape> vertebrae = new ArrayList<>();
        List<Shape> d = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            double c = -135 + 30 * n;
            vertebrae.add(new EllipticCylinder(0, 75, 22, 17, c - 12, c + 12));
            if (n < 9) {
                d.add(new EllipticCylinder(0, 75, 22, 17, c + 12, c + 18));
            }
        }
        this.discs = List.copyOf(d);
        // NB: order is priority: the lesion is tested before the liver that surrounds it.
        List<Structure> list = new ArrayList<>();
        if (withLesion) {
            list.add(new Structure(LESION, "liver lesion", 45, LabelInfo.rgba(0.95, 0.85, 0.2, 1), List.of(lesion), List.of()));
        }
        list.add(new Structure(LIVER, "liver", 110, LabelInfo.rgba(0.62, 0.32, 0.24, 1), List.of(liver),
                withLesion ? List.of(lesion) : List.of()));
        list.addAll(List.of(
                new Structure(SPLEEN, "spleen", 120, LabelInfo.rgba(0.55, 0.25, 0.55, 1), List.of(spleen), List.of()),
                new Structure(KIDNEY_RIGHT, "right kidney", 170, LabelInfo.rgba(0.85, 0.55, 0.45, 1), List.of(kidneyR), List.of()),
                new Structure(KIDNEY_LEFT, "left kidney", 170, LabelInfo.rgba(0.85, 0.55, 0.45, 1), List.of(kidneyL), List.of()),
                new Structure(AORTA, "aorta", 190, LabelInfo.rgba(0.85, 0.1, 0.1, 1), List.of(aorta), List.of()),
                new Structure(VERTEBRAE, "vertebrae", 700, LabelInfo.rgba(0.93, 0.9, 0.8, 1), vertebrae, List.of())));
        this.structures = List.copyOf(list);
    }

    /** The labelled structures in priority order (lesion first). */
    public List<Structure> structures() {
        return structures;
    }

    /** The structure with this label. */
    public Structure structure(int label) {
        return structures.stream().filter(s -> s.label() == label).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no structure " + label));
    }

    /** The intervertebral discs (unlabelled soft tissue). */
    public List<Shape> discs() {
        return discs;
    }

    /** The lesion sphere. */
    public Ellipsoid lesion() {
        return lesion;
    }

    /** Every shape whose boundary matters for partial volume, background outlines included. */
    List<Shape> allShapes() {
        List<Shape> all = new ArrayList<>(List.of(body, muscleOuter, cavity));
        for (Structure s : structures) {
            all.addAll(s.solids());
        }
        all.addAll(discs);
        return all;
    }

    /** Label (0 for background) at (x, y, z) LPS mm. */
    public int labelAt(double x, double y, double z) {
        if (!cavity.contains(x, y, z)) {
            return 0;
        }
        for (Structure s : structures) {
            if (s.contains(x, y, z)) {
                return s.label();
            }
        }
        return 0;
    }

    /** Noise-free HU at (x, y, z) LPS mm. */
    public double huAt(double x, double y, double z) {
        return huAt(x, y, z, structures, discs);
    }

    /**
     * Noise-free HU at (x, y, z) testing only the given candidate structures and discs (those whose
     * bounds can contain the point; the caller filters them, in the same priority order).
     */
    double huAt(double x, double y, double z, List<Structure> candidates, List<Shape> discCandidates) {
        if (!body.contains(x, y, z)) {
            return AIR_HU;
        }
        if (!muscleOuter.contains(x, y, z)) {
            return FAT_HU;
        }
        if (!cavity.contains(x, y, z)) {
            return MUSCLE_HU;
        }
        for (Structure s : candidates) {
            if (s.contains(x, y, z)) {
                return s.hu();
            }
        }
        for (Shape disc : discCandidates) {
            if (disc.contains(x, y, z)) {
                return DISC_HU;
            }
        }
        return FAT_HU;
    }

    /** Label at (x, y, z) testing only the given candidate structures (see {@link #huAt}). */
    int labelAt(double x, double y, double z, List<Structure> candidates) {
        if (candidates.isEmpty() || !cavity.contains(x, y, z)) {
            return 0;
        }
        for (Structure s : candidates) {
            if (s.contains(x, y, z)) {
                return s.label();
            }
        }
        return 0;
    }

    /** Exact truths of every structure for the field of view of {@code grid}. */
    public List<StructureTruth> truths(PhantomGrid grid) {
        List<StructureTruth> out = new ArrayList<>();
        for (Structure s : structures) {
            out.add(new StructureTruth(s.label(), s.name(), s.volumeBetween(grid.zLo(), grid.zHi()),
                    s.centroidBetween(grid.zLo(), grid.zHi()), s.hu()));
        }
        out.sort((a, b) -> Integer.compare(a.label(), b.label()));
        return out;
    }
}
