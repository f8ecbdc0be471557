package org.organ3d.segment;

import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Otsu's automatic threshold (N. Otsu, "A threshold selection method from gray-level histograms",
 * IEEE Trans. SMC 9(1):62–66, 1979): the split of the intensity histogram into two classes that
 * maximises the between-class variance {@code w0 w1 (m0 - m1)²}.
 *
 * <p>Pass 1 (parallel over slices): minimum and maximum of the rescaled values. Pass 2 (parallel
 * over slices, per-slice histograms summed in slice order, so exact and thread-independent):
 * histogram of {@code bins} equal bins over [min, max]. Pass 3: one sweep over the bins with
 * cumulative weight and mean. Where several splits give the same maximal variance (empty bins
 * between two classes) the middle one is taken, so that two clean classes are cut half-way.
 *
 * <p>The threshold returned is the lower edge of the first bin of the upper class: foreground is
 * {@code value >= threshold}. NaN voxels (float images) are left out. Caveats: the answer is quantised to one bin width
 * ({@code (max - min) / bins}); one outlier voxel stretches the range and coarsens the bins; a
 * constant image has no split (the threshold is its value).
 */
public final class Otsu {

    /** Default number of histogram bins. */
    public static final int DEFAULT_BINS = 256;

    /**
     * What Otsu's method found.
     *
     * @param threshold        foreground is {@code value >= threshold} (rescaled units)
     * @param min              smallest rescaled value
     * @param max              largest rescaled value
     * @param binWidth         width of one bin
     * @param betweenVariance  the maximal between-class variance (units²)
     */
    public record Result(double threshold, double min, double max, double binWidth, double betweenVariance) {
        /** The range {@code [threshold, +inf)}. */
        public ThresholdRange upperClass() {
            return ThresholdRange.atLeast(threshold);
        }
    }

    private Otsu() {
    }

    /** Otsu's threshold over all voxels with {@link #DEFAULT_BINS} bins. */
    public static Result threshold(Volume volume) {
        return threshold(volume, DEFAULT_BINS);
    }

    /** Otsu's threshold over all voxels with {@code bins} (2..65536) bins. */
    public static Result threshold(Volume volume, int bins) {
        if (bins < 2 || bins > 65536) {
            throw new IllegalArgumentException("bins must be 2..65536: " + bins);
        }
        Dimensions d = volume.dimensions();
        int n = d.sliceSize();
        double[][] mm = new double[d.nz()][];
        Masks.parallel(d.nz(), k -> {
            float[] v = volume.sliceValues(k, null);
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int x = 0; x < n; x++) {
                float f = v[x];
                if (f == f) {
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
            }
            mm[k] = new double[] {lo, hi};
        });
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] p : mm) {
            min = Math.min(min, p[0]);
            max = Math.max(max, p[1]);
        }
        if (!(max > min)) {
            if (!(max >= min)) {
                throw new IllegalArgumentException("Otsu: every voxel of the volume is NaN");
            }
            return new Result(min, min, max, 0, 0);
        }
        final double lo = min;
        final double width = (max - min) / bins;
        long[] hist = IntStream.range(0, d.nz()).parallel().mapToObj(k -> {
            float[] v = volume.sliceValues(k, null);
            long[] h = new long[bins];
            for (int x = 0; x < n; x++) {
                if (v[x] == v[x]) {
                    h[binOf(v[x], lo, width, bins)]++;
                }
            }
            return h;
        }).reduce(new long[bins], (a, b) -> {
            long[] s = new long[bins];
            for (int x = 0; x < bins; x++) {
                s[x] = a[x] + b[x];
            }
            return s;
        });
        return fromHistogram(hist, min, width);
    }

    /** Bin of value v: {@code floor((v - min) / width)}, clamped to 0..bins-1. */
    static int binOf(double v, double min, double width, int bins) {
        int b = (int) ((v - min) / width);
        return b < 0 ? 0 : b >= bins ? bins - 1 : b;
    }

    /**
     * Otsu's split of a histogram whose bin b covers {@code [min + b·width, min + (b+1)·width)}.
     * Bin centres stand for the values.
     */
    public static Result fromHistogram(long[] hist, double min, double width) {
        int bins = hist.length;
        double total = 0;
        double sumAll = 0;
        for (int b = 0; b < bins; b++) {
            total += hist[b];
            sumAll += hist[b] * (b + 0.5);
        }
        double w0 = 0;
        double sum0 = 0;
        double best = -1;
        int first = 0;
        int last = 0;
        for (int t = 0; t < bins - 1; t++) {
            w0 += hist[t];
            sum0 += hist[t] * (t + 0.5);
            double w1 = total - w0;
            if (w0 == 0 || w1 == 0) {
                continue;
            }
            double m0 = sum0 / w0;
            double m1 = (sumAll - sum0) / w1;
            double var = w0 * w1 * (m0 - m1) * (m0 - m1);
            // NB: exact ties occur for empty bins between classes; remember the whole plateau.
            if (var > best) {
                best = var;
                first = t;
                last = t;
            } else if (var == best && last == t - 1) {
                last = t;
            }
        }
        if (best < 0) {
            return new Result(min, min, min + width * bins, width, 0);
        }
        int t = (first + last) / 2;
        double bw = best / (total * total) * width * width;
        return new Result(min + (t + 1) * width, min, min + width * bins, width, bw);
    }
}
