package org.organ3d.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.DistanceTransform;
import org.organ3d.segment.HoleFilling;
import org.organ3d.segment.Masks;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The liver as a field to screen: its voxels, its own intensity level (median HU) and spread
 * (1.4826 × MAD), and its interior 1.5 mm in from the capsule (where blobs are looked for, so the
 * partial-volume rim against fat neither fires nor hides anything).
 *
 * <p>From a label map (a segmentation the user trusts: NIfTI, NRRD, SEG ...), or grown from a seed
 * point as the demo does: connected threshold from the voxel at the seed, lower bound half-way
 * between the liver (median within 5 mm of the seed) and fat (median of the voxels from −190 to
 * −30 HU), upper bound the liver's median plus the larger of 6 robust σ and 80 HU (vessels with
 * contrast), holes filled in 3D (lesions inside the liver come back in). Caveat: grown from a seed,
 * a lesion on the liver's edge is not inside the field and is missed; give a label map for that.
 */
final class LiverField {

    private static final double SEED_RADIUS_MM = 5;
    private static final double CORE_MM = 1.5;
    private static final double MAX_LIVER_ML = 5000;

    final byte[][] mask;
    final byte[][] core;
    final int[] box;
    final double level;
    final double spread;
    private final List<String> notes;

    private LiverField(byte[][] mask, byte[][] core, int[] box, double level, double spread, List<String> notes) {
        this.mask = mask;
        this.core = core;
        this.box = box;
        this.level = level;
        this.spread = spread;
        this.notes = List.copyOf(notes);
    }

    List<String> notes() {
        return notes;
    }

    /** The voxels of {@code label} in {@code labels} (on the CT's grid). */
    static LiverField fromLabels(Volume ct, LabelMap labels, int label) {
        if (!labels.dimensions().equals(ct.dimensions())) {
            throw new IllegalArgumentException("the liver label map is " + labels.dimensions() + " but the CT is " + ct.dimensions());
        }
        double tol = 1e-3 * Math.min(ct.geometry().spacing().minComponent(), 1.0);
        if (!labels.geometry().equalsWithin(ct.geometry(), tol)) {
            throw new IllegalArgumentException("the liver label map and the CT have different voxel-to-patient geometry");
        }
        byte[][] m = Masks.select(labels, label);
        if (Masks.boundingBox(m, ct.dimensions()) == null) {
            throw new IllegalArgumentException("the liver label map has no voxel with label " + label);
        }
        List<String> notes = new ArrayList<>();
        notes.add("liver: label " + label + " of the given label map");
        return of(ct, m, notes);
    }

    /** The liver grown from a point in it. */
    static LiverField grow(Volume ct, Vector3dc seedLps) {
        Geometry g = ct.geometry();
        VoxelIndex seed = VoxelIndex.ofPatient(g, ct.dimensions(), seedLps);
        double[] st = ballStats(ct, seedLps);
        double fat = fatLevel(ct);
        ThresholdRange range = new ThresholdRange(0.5 * (st[0] + fat), st[0] + Math.max(6 * st[1], 80));
        RegionGrowing.Result r = RegionGrowing.connectedThreshold(ct, List.of(seed), range, Connectivity.SIX, MAX_LIVER_ML * 1000, 1);
        List<String> notes = new ArrayList<>();
        if (r.voxels() == 0) {
            throw new IllegalArgumentException("the liver seed " + seedLps + " lies outside the liver's range " + range);
        }
        if (r.leakGuardHit()) {
            notes.add("liver growing stopped at " + (int) MAX_LIVER_ML + " mL (leak): the field may hold more than the liver");
        }
        byte[][] m = HoleFilling.fill3d(Masks.foreground(r.region()), ct.dimensions(), Connectivity.SIX);
        notes.add(String.format(Locale.ROOT, "liver: grown from %s within %s HU (fat %.0f HU)", seed, range, fat));
        return of(ct, m, notes);
    }

    private static LiverField of(Volume ct, byte[][] m, List<String> notes) {
        Dimensions d = ct.dimensions();
        int[] lb = Masks.boundingBox(m, d);
        int[] box = Crops.grow(lb, new int[] {2, 2, 2}, d);
        Dimensions bd = Crops.dims(box);
        byte[][] crop = Crops.mask(m, d, box);
        byte[][] outside = new byte[bd.nz()][bd.sliceSize()];
        for (int k = 0; k < bd.nz(); k++) {
            for (int x = 0; x < bd.sliceSize(); x++) {
                outside[k][x] = (byte) (crop[k][x] == 0 ? 1 : 0);
            }
        }
        byte[][] rim = DistanceTransform.withinMm(outside, bd, DistanceTransform.spacing(ct.geometry()), CORE_MM);
        byte[][] core = new byte[d.nz()][d.sliceSize()];
        for (int kk = 0; kk < bd.nz(); kk++) {
            for (int jj = 0; jj < bd.ny(); jj++) {
                for (int ii = 0; ii < bd.nx(); ii++) {
                    int x = jj * bd.nx() + ii;
                    if (crop[kk][x] != 0 && rim[kk][x] == 0) {
                        core[box[4] + kk][(box[2] + jj) * d.nx() + box[0] + ii] = 1;
                    }
                }
            }
        }
        int[] hist = new int[4096];
        float[] row = null;
        for (int k = lb[4]; k <= lb[5]; k++) {
            row = ct.sliceValues(k, row);
            for (int x = 0; x < d.sliceSize(); x++) {
                if (m[k][x] != 0) {
                    hist[Math.max(0, Math.min(4095, (int) Math.floor(row[x]) + 2048))]++;
                }
            }
        }
        double med = Histograms.median(hist) - 2048;
        double q25 = Histograms.quantile(hist, 0.25) - 2048;
        double q75 = Histograms.quantile(hist, 0.75) - 2048;
        // NB: the interquartile range over 1.349 is the σ of a normal; robust to lesions and vessels.
        double spread = Math.max(1, (q75 - q25) / 1.349);
        notes.add(String.format(Locale.ROOT, "liver: %.0f mL, level %.0f HU, spread %.1f HU",
                Masks.count(m) * ct.geometry().voxelVolume() / 1000, med, spread));
        return new LiverField(m, core, lb, med, spread, notes);
    }

    /** Median and robust σ (1.4826 × MAD) of the voxels within 5 mm of {@code lps}. */
    private static double[] ballStats(Volume ct, Vector3dc lps) {
        Geometry g = ct.geometry();
        Dimensions d = ct.dimensions();
        Vector3d c = g.patientToIndex(lps);
        Vector3d sp = g.spacing();
        List<Double> v = new ArrayList<>();
        Vector3d p = new Vector3d();
        int ri = (int) Math.ceil(SEED_RADIUS_MM / sp.x);
        int rj = (int) Math.ceil(SEED_RADIUS_MM / sp.y);
        int rk = (int) Math.ceil(SEED_RADIUS_MM / sp.z);
        for (int k = (int) Math.round(c.z) - rk; k <= (int) Math.round(c.z) + rk; k++) {
            for (int j = (int) Math.round(c.y) - rj; j <= (int) Math.round(c.y) + rj; j++) {
                for (int i = (int) Math.round(c.x) - ri; i <= (int) Math.round(c.x) + ri; i++) {
                    if (d.contains(i, j, k) && g.indexToPatient(i, j, k, p).distance(lps.x(), lps.y(), lps.z()) <= SEED_RADIUS_MM) {
                        v.add(ct.value(i, j, k));
                    }
                }
            }
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the liver seed " + lps + " is outside the volume");
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double med = a[a.length / 2];
        double[] dev = java.util.Arrays.stream(a).map(x -> Math.abs(x - med)).sorted().toArray();
        return new double[] {med, Math.max(1, 1.4826 * dev[dev.length / 2])};
    }

    private static double fatLevel(Volume ct) {
        Dimensions d = ct.dimensions();
        int[] hist = new int[4096];
        float[] row = null;
        for (int k = 0; k < d.nz(); k += 2) {
            row = ct.sliceValues(k, row);
            for (int x = 0; x < d.sliceSize(); x += 7) {
                if (row[x] >= -190 && row[x] <= -30) {
                    hist[(int) Math.floor(row[x]) + 2048]++;
                }
            }
        }
        return Histograms.median(hist) == 0 ? -100 : Histograms.median(hist) - 2048;
    }
}
