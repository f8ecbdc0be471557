package org.organ3d.compute;

import java.util.Arrays;

/**
 * Image statistics over one label's voxels, in rescaled units (HU for CT), from the multi-label pass.
 * NaN samples of a float image are not counted. Mean and standard deviation come from exact integer
 * sums for 8/16-bit samples, else from Welford runs merged with Chan's formula in row order (the
 * same bits on every backend); the population standard deviation (divisor n, numpy's default).
 * Percentiles are numpy's default ("linear", Hyndman and Fan method 7) over the exact order
 * statistics ({@link OrderStatistics}).
 *
 * @param count       samples counted
 * @param sum         Σ value
 * @param sumSquares  Σ value²
 * @param mean        mean value (NaN when count is 0, like every value below)
 * @param std         population standard deviation
 * @param min         smallest value
 * @param max         largest value
 * @param ps          the percentile fractions asked for (in [0, 1])
 * @param percentiles the percentile at each of {@code ps}
 */
public record LabelIntensity(long count, double sum, double sumSquares, double mean, double std, double min, double max,
        double[] ps, double[] percentiles) {

    public LabelIntensity {
        ps = ps.clone();
        percentiles = percentiles.clone();
        if (ps.length != percentiles.length) {
            throw new IllegalArgumentException("one percentile per fraction");
        }
    }

    /** The percentile at fraction {@code p} (one of {@link #ps()}). */
    public double percentile(double p) {
        for (int q = 0; q < ps.length; q++) {
            if (ps[q] == p) {
                return percentiles[q];
            }
        }
        throw new IllegalArgumentException("percentile " + p + " was not asked for (" + Arrays.toString(ps) + ")");
    }

    @Override
    public double[] ps() {
        return ps.clone();
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelIntensity x && count == x.count && Double.compare(sum, x.sum) == 0
                && Double.compare(sumSquares, x.sumSquares) == 0 && Double.compare(mean, x.mean) == 0
                && Double.compare(std, x.std) == 0 && Double.compare(min, x.min) == 0 && Double.compare(max, x.max) == 0
                && Arrays.equals(ps, x.ps) && Arrays.equals(percentiles, x.percentiles);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Double.hashCode(mean) * 17 + Arrays.hashCode(percentiles);
    }

    @Override
    public String toString() {
        return "LabelIntensity[count=" + count + ", mean=" + mean + ", std=" + std + ", min=" + min + ", max=" + max
                + ", percentiles " + Arrays.toString(ps) + " = " + Arrays.toString(percentiles) + "]";
    }
}
