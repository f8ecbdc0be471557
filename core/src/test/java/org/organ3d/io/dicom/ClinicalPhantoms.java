package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Test material for the clinical objects (SEG, RTSTRUCT, SR): CT series written by
 * {@link DicomSeriesWriter} and label maps of analytic shapes with exact truths (ball, ring, hollow
 * ball, a one-voxel speck), plus the DICOM validators as child processes.
 */
public final class ClinicalPhantoms {

    /** Label values of {@link #shapes}: deliberately not 1..n (5 and 9 leave gaps). */
    public static final int BALL = 1;
    public static final int RING = 2;
    public static final int HOLLOW = 5;
    public static final int SPECK = 9;

    private ClinicalPhantoms() {
    }

    /** An axial grid, 0.8 × 0.8 × 1.5 mm, centred near the origin. */
    public static Geometry axial() {
        return Geometry.of(new Vector3d(0.8, 0.8, 1.5), new Vector3d(-40.4, -30.2, -20.25), new Matrix3d());
    }

    /** An oblique grid (rotated about all three axes), 0.9 × 0.8 × 2 mm. */
    public static Geometry oblique() {
        return Geometry.of(new Vector3d(0.9, 0.8, 2.0), new Vector3d(-30.5, 20.25, 10.0),
                new Matrix3d().rotationXYZ(0.25, -0.15, 0.4));
    }

    /** Writes a CT series (int16, HU pattern) on {@code g} into {@code dir} and reads its reference. */
    public static ReferencedSeries ctSeries(Path dir, Dimensions d, Geometry g) throws IOException {
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int p = 0; p < s.capacity(); p++) {
                s.put(p, (short) ((short) (1024 + ((p * 7 + k * 13) % 200) - 100)));
            }
        }
        DicomSeriesWriter.writeCtSeries(b.build(), dir, SeriesInfo.ct("Test^Clinical", "CLIN1", "phantom CT"));
        return ReferencedSeries.read(dir);
    }

    /**
     * Labels on {@code g} (index space, so truths are in voxels): a ball (label 1, radius 9 voxels),
     * a ring (2: torus-like annulus, in-plane radii 5..9, 7 slices thick), a hollow ball (5: shell of
     * radii 5..10 around a cavity) and a single voxel (9).
     */
    public static LabelMap shapes(Dimensions d, Geometry g) {
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, g);
        double cx1 = d.nx() * 0.3;
        double cy1 = d.ny() * 0.35;
        double cz1 = d.nz() * 0.5;
        double cx2 = d.nx() * 0.7;
        double cy2 = d.ny() * 0.3;
        double cx3 = d.nx() * 0.6;
        double cy3 = d.ny() * 0.7;
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int v = 0;
                    double r1 = Math.sqrt(sq(i - cx1) + sq(j - cy1) + sq(k - cz1));
                    double rr = Math.sqrt(sq(i - cx2) + sq(j - cy2));
                    double r3 = Math.sqrt(sq(i - cx3) + sq(j - cy3) + sq(k - cz1));
                    if (r1 <= 9) {
                        v = BALL;
                    } else if (rr >= 5 && rr <= 9 && Math.abs(k - cz1) <= 3) {
                        v = RING;
                    } else if (r3 >= 5 && r3 <= 10) {
                        v = HOLLOW;
                    }
                    s.put(j * d.nx() + i, (byte) v);
                }
            }
        }
        b.bytesForWriting(2).put(3 * d.nx() + 4, (byte) SPECK);
        return new LabelMap(b.build(), Map.of(BALL, new LabelInfo(BALL, "ball", 0xdd4040ff),
                RING, new LabelInfo(RING, "ring (Ørsted)", 0x40dd40ff), HOLLOW, new LabelInfo(HOLLOW, "hollow ball", 0x4040ddff)));
    }

    /** Names of the {@link #organs} structures by label value 1..5 (no spaces: they become file names). */
    public static final String[] ORGANS = {"liver", "vessel", "hollow", "ball", "nodule"};

    /**
     * The grid of {@link #organs}: 100 × 100 × 80 voxels of 1 × 1 × 1.5 mm, axial, slices at z = 101
     * .. 219.5 mm. NB: dicompyler-core 0.5.5 sorts contour planes by their z as text, so where z changes
     * sign or digit count its first and last planes (which it counts half) are the wrong ones; at
     * three-digit positive z text order is numeric order (docs/clinical.md).
     */
    public static Geometry organGrid() {
        return Geometry.of(new Vector3d(1.0, 1.0, 1.5), new Vector3d(-49.5, -49.5, 101.0), new Matrix3d());
    }

    public static Dimensions organDims() {
        return new Dimensions(100, 100, 80);
    }

    /**
     * Five organ-like structures in mm about the grid centre (x, y, z − 160), 0.5 to 90 cm³: an
     * ellipsoid "liver" (87.1 cm³), a "vessel" (a tube of radii 5..9 mm, 90 mm long, 15.8 cm³: a hole
     * in every slice), a "hollow" ball (shell 8..16 mm, 15.0 cm³), a "ball" (13 mm, 9.2 cm³) and a
     * "nodule" (5 mm, 0.52 cm³).
     */
    public static LabelMap organs() {
        Dimensions d = organDims();
        Geometry g = organGrid();
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, g);
        Vector3d p = new Vector3d();
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    g.indexToPatient(i, j, k, p);
                    p.z -= 160;
                    int v = 0;
                    if (sq((p.x + 18) / 26) + sq((p.y + 6) / 20) + sq(p.z / 40) <= 1) {
                        v = 1;
                    }
                    double rr = Math.sqrt(sq(p.x - 24) + sq(p.y - 26));
                    if (rr >= 5 && rr <= 9 && Math.abs(p.z) <= 45) {
                        v = 2;
                    }
                    double rh = Math.sqrt(sq(p.x - 30) + sq(p.y + 28) + sq(p.z - 2));
                    if (rh >= 8 && rh <= 16) {
                        v = 3;
                    }
                    if (sq(p.x + 24) + sq(p.y - 32) + sq(p.z - 4) <= 169) {
                        v = 4;
                    }
                    if (sq(p.x - 4) + sq(p.y - 40) + sq(p.z + 10) <= 25) {
                        v = 5;
                    }
                    s.put(j * d.nx() + i, (byte) v);
                }
            }
        }
        Map<Integer, LabelInfo> info = new java.util.HashMap<>();
        for (int l = 1; l <= 5; l++) {
            info.put(l, new LabelInfo(l, ORGANS[l - 1], LabelInfo.defaultColor(l)));
        }
        return new LabelMap(b.build(), info);
    }

    private static double sq(double x) {
        return x * x;
    }

    /** The grid used by most tests: 64 × 56 × 24. */
    public static Dimensions dims() {
        return new Dimensions(64, 56, 24);
    }

    /**
     * Runs dciodvfy on {@code file}; returns its error lines and warning lines (the tool exits 0 even
     * when it finds errors, so the lines are the verdict).
     */
    public static List<List<String>> dciodvfy(Path file) {
        ExternalTool.DICOM3TOOLS.require();
        Processes.Run r = Processes.run(List.of(ExternalTool.DICOM3TOOLS.command("dciodvfy").toString(), file.toString()),
                null, Duration.ofSeconds(120));
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String line : (r.out() + "\n" + r.err()).split("\n")) {
            if (line.startsWith("Error")) {
                errors.add(line);
            } else if (line.startsWith("Warning")) {
                warnings.add(line);
            }
        }
        return List.of(errors, warnings);
    }
}
