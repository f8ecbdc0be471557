package org.organ3d.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The steps of {@code organ3d segment} as data, applied in the order of the CLI contract:
 * intensity range (threshold, preset or Otsu) → region growing from seeds → largest component →
 * minimum component size → 3D hole filling → close → open → dilate → erode → label value.
 * Build one with {@link #builder()}; run it with {@link #run(Volume)}. Immutable.
 *
 * @param range         fixed intensity range, or null (then Otsu or confidence growing)
 * @param otsu          use Otsu's threshold: foreground is {@code value >= t}
 * @param seedsLps      seed points in LPS mm (copied)
 * @param regionGrow    grow from the seeds (connected threshold with the range)
 * @param confidence    k of confidence-connected growth from the seeds, or NaN for none
 * @param connectivity  connectivity of growing and of component steps
 * @param maxVolumeMm3  leak guard of growing ({@link RegionGrowing#NO_LIMIT} for none)
 * @param largest       keep the largest component
 * @param minSizeMm3    keep components of at least this size (0 for all)
 * @param fillHoles     fill 3D holes
 * @param closeMm       closing radius, 0 for none (likewise the next three)
 * @param openMm        opening radius
 * @param dilateMm      dilation radius (margin)
 * @param erodeMm       erosion radius
 * @param label         label value written (1..65535)
 */
public record SegmentationPlan(ThresholdRange range, boolean otsu, List<Vector3dc> seedsLps, boolean regionGrow,
        double confidence, Connectivity connectivity, double maxVolumeMm3, boolean largest, double minSizeMm3,
        boolean fillHoles, double closeMm, double openMm, double dilateMm, double erodeMm, int label) {

    public SegmentationPlan {
        List<Vector3dc> s = new ArrayList<>();
        for (Vector3dc p : seedsLps) {
            s.add(new Vector3d(p));
        }
        seedsLps = List.copyOf(s);
        Masks.checkLabel(label);
        if (range != null && otsu) {
            throw new IllegalArgumentException("give a threshold range or Otsu, not both");
        }
        boolean conf = !Double.isNaN(confidence);
        if (conf && !(confidence > 0)) {
            throw new IllegalArgumentException("confidence multiplier must be > 0: " + confidence);
        }
        if (conf && (range != null || otsu)) {
            throw new IllegalArgumentException("confidence growing estimates its own range: drop the threshold, preset or Otsu");
        }
        if (range == null && !otsu && !conf) {
            throw new IllegalArgumentException("no intensity range: give a threshold, a preset, Otsu or confidence growing");
        }
        if ((regionGrow || conf) && seedsLps.isEmpty()) {
            throw new IllegalArgumentException("region growing needs at least one seed");
        }
        if (!seedsLps.isEmpty() && !regionGrow && !conf) {
            throw new IllegalArgumentException("seeds are used by region growing: add region growing");
        }
        for (double r : new double[] {closeMm, openMm, dilateMm, erodeMm, minSizeMm3}) {
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("radii and sizes must be finite and >= 0: " + r);
            }
        }
        if (!(maxVolumeMm3 > 0)) {
            throw new IllegalArgumentException("maximum volume must be > 0 mm³: " + maxVolumeMm3);
        }
    }

    /**
     * What a plan produced.
     *
     * @param labels       the label map (source geometry)
     * @param voxelCount   voxels labelled
     * @param volumeMm3    their volume in mm³
     * @param components   connected components of the result (plan's connectivity)
     * @param range        the intensity range used (Otsu's or confidence growing's included), or null
     * @param warnings     warnings (leak guard, ignored seeds, empty result ...)
     */
    public record Result(LabelMap labels, long voxelCount, double volumeMm3, int components, ThresholdRange range,
            List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs the steps on {@code volume} with the Java passes; throws {@link SeedOutsideVolumeException} for a bad seed. */
    public Result run(Volume volume) {
        return run(volume, SegmentationPasses.JAVA);
    }

    /**
     * Runs the steps on {@code volume}, the heavy passes (threshold, region growing, connected
     * components, the distance transforms of the morphology) on {@code passes}, e.g. a compute
     * backend: the result is the same on every backend. Otsu's histogram, confidence-connected
     * growing and hole filling run in Java.
     *
     * @throws SeedOutsideVolumeException for a seed outside the grid
     */
    public Result run(Volume volume, SegmentationPasses passes) {
        Dimensions d = volume.dimensions();
        double[] sp = DistanceTransform.spacing(volume.geometry());
        List<String> warnings = new ArrayList<>();
        List<VoxelIndex> seeds = RegionGrowing.seedsFromLps(volume, seedsLps);
        ThresholdRange used = range;
        if (otsu) {
            Otsu.Result o = Otsu.threshold(volume);
            used = o.upperClass();
        }
        byte[][] m;
        if (!Double.isNaN(confidence)) {
            RegionGrowing.Result g = ConfidenceConnected.grow(volume, seeds, confidence, ConfidenceConnected.DEFAULT_ITERATIONS,
                    ConfidenceConnected.DEFAULT_INITIAL_RADIUS, connectivity, maxVolumeMm3, 1);
            warnings.addAll(g.warnings());
            used = g.range();
            m = Masks.foreground(g.region());
        } else if (regionGrow) {
            RegionGrowing.Result g = passes.connectedThreshold(volume, seeds, used, connectivity, maxVolumeMm3);
            warnings.addAll(g.warnings());
            m = Masks.foreground(g.region());
        } else {
            m = passes.threshold(volume, used);
        }
        if (largest || minSizeMm3 > 0) {
            Components c = passes.connectedComponents(m, d, volume.geometry(), connectivity);
            m = c.mask(id -> (!largest || id == 1) && c.sizeMm3(id) >= minSizeMm3);
        }
        if (fillHoles) {
            m = HoleFilling.fill3d(m, d, Connectivity.SIX);
        }
        if (closeMm > 0) {
            m = Morphology.erode(Morphology.dilate(m, d, sp, closeMm, passes), d, sp, closeMm, passes);
        }
        if (openMm > 0) {
            m = Morphology.dilate(Morphology.erode(m, d, sp, openMm, passes), d, sp, openMm, passes);
        }
        if (dilateMm > 0) {
            m = Morphology.dilate(m, d, sp, dilateMm, passes);
        }
        if (erodeMm > 0) {
            m = Morphology.erode(m, d, sp, erodeMm, passes);
        }
        int components = passes.connectedComponents(m, d, volume.geometry(), connectivity).count();
        long count = Masks.count(m);
        if (count == 0) {
            warnings.add("the segmentation is empty: no voxel was selected"
                    + (used != null ? " (range " + used + ")" : ""));
        }
        LabelMap labels = Masks.toLabelMap(m, d, volume.geometry(), label);
        return new Result(labels, count, count * volume.geometry().voxelVolume(), components, used, warnings);
    }

    /** A builder with the CLI's defaults: 6-connectivity, no leak guard, label 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder of a {@link SegmentationPlan}; not thread-safe. */
    public static final class Builder {
        private ThresholdRange range;
        private boolean otsu;
        private final List<Vector3dc> seeds = new ArrayList<>();
        private boolean regionGrow;
        private double confidence = Double.NaN;
        private Connectivity connectivity = Connectivity.SIX;
        private double maxVolumeMm3 = RegionGrowing.NO_LIMIT;
        private boolean largest;
        private double minSizeMm3;
        private boolean fillHoles;
        private double closeMm;
        private double openMm;
        private double dilateMm;
        private double erodeMm;
        private int label = 1;

        public Builder range(ThresholdRange r) {
            range = r;
            return this;
        }

        public Builder preset(HuPresets p) {
            range = p.range();
            return this;
        }

        public Builder otsu(boolean on) {
            otsu = on;
            return this;
        }

        public Builder seed(Vector3dc lps) {
            seeds.add(new Vector3d(lps));
            return this;
        }

        public Builder regionGrow(boolean on) {
            regionGrow = on;
            return this;
        }

        public Builder confidence(double k) {
            confidence = k;
            return this;
        }

        public Builder connectivity(Connectivity c) {
            connectivity = c;
            return this;
        }

        public Builder maxVolumeMm3(double v) {
            maxVolumeMm3 = v;
            return this;
        }

        public Builder largest(boolean on) {
            largest = on;
            return this;
        }

        public Builder minSizeMm3(double v) {
            minSizeMm3 = v;
            return this;
        }

        public Builder fillHoles(boolean on) {
            fillHoles = on;
            return this;
        }

        public Builder close(double mm) {
            closeMm = mm;
            return this;
        }

        public Builder open(double mm) {
            openMm = mm;
            return this;
        }

        public Builder dilate(double mm) {
            dilateMm = mm;
            return this;
        }

        public Builder erode(double mm) {
            erodeMm = mm;
            return this;
        }

        public Builder label(int l) {
            label = l;
            return this;
        }

        public SegmentationPlan build() {
            return new SegmentationPlan(range, otsu, seeds, regionGrow, confidence, connectivity, maxVolumeMm3, largest,
                    minSizeMm3, fillHoles, closeMm, openMm, dilateMm, erodeMm, label);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SegmentationPlan[range=%s otsu=%s seeds=%d grow=%s largest=%s label=%d]",
                range, otsu, seedsLps.size(), regionGrow, largest, label);
    }
}
