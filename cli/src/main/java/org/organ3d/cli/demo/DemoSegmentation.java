package org.organ3d.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.HoleFilling;
import org.organ3d.segment.HuPresets;
import org.organ3d.segment.LabelMapOps;
import org.organ3d.segment.Masks;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.SegmentationPasses;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The demo's segmentation protocol, built only from library calls, as a radiographer would run it
 * with seed clicks:
 * <ul>
 *   <li>Bone: the {@code bone} HU preset (300..3000 HU), components under 500 mm³ dropped.</li>
 *   <li>Each organ: connected-threshold region growing (6-connected) from one seed, with the lower
 *       bound half-way between the organ and fat (the 50 % partial-volume level, so the boundary
 *       is unbiased) and the upper bound at the organ's median + 6 robust standard deviations;
 *       holes filled in 3D. Organ and fat levels are measured, not assumed: the organ's median and
 *       robust σ (1.4826 × MAD) in a 5 mm sphere around the seed; fat as the median of all voxels
 *       in the {@code fat} preset range.</li>
 *   <li>A hypodense lesion inside an organ: region growing from its seed with the upper bound
 *       half-way between lesion and host organ; the host organ is then the grown organ (which
 *       includes the lesion, being above the fat level) minus the lesion.</li>
 * </ul>
 */
public final class DemoSegmentation {

    /** A seed click: label, name, colour, LPS position. Host is the label of the enclosing organ (0 if none). */
    public record Seed(int label, String name, int rgba, Vector3dc lps, int host) {
    }

    /** The result: the label map and the thresholds used, by label, for the report. */
    public record Result(LabelMap labels, Map<Integer, ThresholdRange> ranges, double fatHu, List<String> notes) {
    }

    private static final double SEED_RADIUS_MM = 5;
    private static final double MIN_BONE_COMPONENT_MM3 = 500;

    private DemoSegmentation() {
    }

    /** Segments {@code ct}: organs from {@code seeds}, bone by preset into {@code boneLabel}, in Java. */
    public static Result run(Volume ct, List<Seed> seeds, int boneLabel, String boneName, int boneRgba) {
        return run(ct, seeds, boneLabel, boneName, boneRgba, SegmentationPasses.JAVA);
    }

    /**
     * As {@link #run(Volume, List, int, String, int)}, the threshold, region growing and components on
     * {@code passes} (a compute backend; the same label map on every backend).
     */
    public static Result run(Volume ct, List<Seed> seeds, int boneLabel, String boneName, int boneRgba,
            SegmentationPasses passes) {
        List<String> notes = new ArrayList<>();
        double fat = median(sampleRange(ct, HuPresets.FAT.range()));
        notes.add(String.format(java.util.Locale.ROOT, "fat level %.1f HU (median of voxels in the fat preset)", fat));
        Map<Integer, ThresholdRange> ranges = new java.util.TreeMap<>();
        Map<Integer, LabelMap> organ = new java.util.TreeMap<>();
        Map<Integer, double[]> stats = new java.util.TreeMap<>();
        for (Seed s : seeds) {
            stats.put(s.label(), seedStats(ct, s.lps()));
        }
        // Organs first (hosts), then lesions.
        for (Seed s : seeds) {
            if (s.host() != 0) {
                continue;
            }
            double[] st = stats.get(s.label());
            ThresholdRange r = new ThresholdRange(0.5 * (st[0] + fat), st[0] + 6 * st[1]);
            organ.put(s.label(), grow(ct, s, r, ranges, passes));
        }
        List<LabelMap> parts = new ArrayList<>();
        for (Seed s : seeds) {
            if (s.host() == 0) {
                continue;
            }
            double[] st = stats.get(s.label());
            double[] host = stats.get(s.host());
            ThresholdRange r = new ThresholdRange(st[0] - 6 * st[1], 0.5 * (st[0] + host[0]));
            LabelMap lesion = grow(ct, s, r, ranges, passes);
            LabelMap hostMap = organ.get(s.host());
            organ.put(s.host(), LabelMapOps.difference(hostMap, lesion, s.host()));
            parts.add(lesion);
        }
        Components boneParts = passes.connectedComponents(passes.threshold(ct, HuPresets.BONE.range()), ct.dimensions(),
                ct.geometry(), Connectivity.SIX);
        LabelMap bone = Masks.toLabelMap(boneParts.mask(id -> boneParts.sizeMm3(id) >= MIN_BONE_COMPONENT_MM3),
                ct.dimensions(), ct.geometry(), boneLabel);
        ranges.put(boneLabel, HuPresets.BONE.range());
        List<LabelMap> all = new ArrayList<>();
        all.add(bone);
        all.addAll(organ.values());
        all.addAll(parts);
        Map<Integer, LabelInfo> info = new java.util.TreeMap<>();
        info.put(boneLabel, new LabelInfo(boneLabel, boneName, boneRgba));
        for (Seed s : seeds) {
            info.put(s.label(), new LabelInfo(s.label(), s.name(), s.rgba()));
        }
        LabelMap merged = LabelMapOps.merge(all).withInfo(info);
        return new Result(merged, ranges, fat, notes);
    }

    private static LabelMap grow(Volume ct, Seed s, ThresholdRange r, Map<Integer, ThresholdRange> ranges,
            SegmentationPasses passes) {
        ranges.put(s.label(), r);
        List<VoxelIndex> seed = RegionGrowing.seedsFromLps(ct, List.of(s.lps()));
        RegionGrowing.Result g = passes.connectedThreshold(ct, seed, r, Connectivity.SIX, RegionGrowing.NO_LIMIT);
        return HoleFilling.fill3d(g.region(), s.label());
    }

    /** Median and robust σ (1.4826 × MAD) of the voxels within 5 mm of {@code lps}. */
    static double[] seedStats(Volume ct, Vector3dc lps) {
        Geometry g = ct.geometry();
        Dimensions d = ct.dimensions();
        Vector3d c = g.patientToIndex(lps);
        Vector3d sp = g.spacing();
        int ri = (int) Math.ceil(SEED_RADIUS_MM / sp.x);
        int rj = (int) Math.ceil(SEED_RADIUS_MM / sp.y);
        int rk = (int) Math.ceil(SEED_RADIUS_MM / sp.z);
        List<Double> v = new ArrayList<>();
        Vector3d p = new Vector3d();
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
            throw new IllegalArgumentException("seed " + lps + " is outside the volume");
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        double med = median(a);
        double[] dev = Arrays.stream(a).map(x -> Math.abs(x - med)).toArray();
        return new double[] {med, Math.max(1e-6, 1.4826 * median(dev))};
    }

    private static double[] sampleRange(Volume ct, ThresholdRange r) {
        // Every 7th voxel is plenty for a median of a large tissue class.
        Dimensions d = ct.dimensions();
        int n = d.sliceSize();
        double[] buf = new double[(int) Math.min(Integer.MAX_VALUE - 8, d.voxelCount() / 7 + d.nz())];
        int m = 0;
        float[] row = null;
        long idx = 0;
        for (int k = 0; k < d.nz(); k++) {
            row = ct.sliceValues(k, row);
            for (int x = 0; x < n; x++, idx++) {
                if (idx % 7 == 0 && row[x] >= r.lower() && row[x] <= r.upper() && m < buf.length) {
                    buf[m++] = row[x];
                }
            }
        }
        if (m == 0) {
            throw new IllegalStateException("no voxel in " + r);
        }
        return Arrays.copyOf(buf, m);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
