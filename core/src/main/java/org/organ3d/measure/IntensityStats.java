package org.organ3d.measure;

import org.organ3d.compute.LabelIntensity;
import org.organ3d.compute.LabelStatistics;

/**
 * Intensity statistics of an image over one label's voxels, in rescaled units (HU for CT), from the
 * compute backend's multi-label pass ({@link org.organ3d.compute.ComputeBackend#labelStatistics}).
 *
 * <p>Mean and standard deviation: for 8/16-bit samples from exact integer sums of the raw values and
 * their squares, for int32 and float32 samples from per-run Welford sums merged in row order;
 * population standard deviation (divisor n, numpy's default). Minimum and maximum are exact. The
 * median and the 5th and 95th percentiles come from the exact order statistics of the label's values
 * ({@link org.organ3d.compute.OrderStatistics}) with linear interpolation between them, numpy's
 * default ("linear", method 7 of Hyndman and Fan 1996): for p in [0, 1], h = (n − 1)·p,
 * value = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋). NaN samples of a float image are not counted.
 *
 * @param count  voxels of the label with a value
 * @param mean   mean value
 * @param std    population standard deviation
 * @param min    smallest value
 * @param max    largest value
 * @param median 50th percentile
 * @param p05    5th percentile
 * @param p95    95th percentile
 */
public record IntensityStats(long count, double mean, double std, double min, double max, double median,
        double p05, double p95) {

    /** The percentile fractions a measurement asks the pass for: median, 5th, 95th. */
    static final double[] PERCENTILES = LabelStatistics.Options.DEFAULT_PERCENTILES;

    /** The statistics of one label from the pass (which was asked for {@link #PERCENTILES}). */
    static IntensityStats of(LabelIntensity li) {
        return new IntensityStats(li.count(), li.mean(), li.std(), li.min(), li.max(), li.percentile(0.5),
                li.percentile(0.05), li.percentile(0.95));
    }

    /** Linear-interpolation percentile (numpy default) of sorted values, p in [0, 1]. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
