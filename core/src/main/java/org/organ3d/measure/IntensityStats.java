package org.organ3d.measure;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Intensity statistics of an image over one label's voxels, in rescaled units (HU for CT).
 *
 * <p>Pass 1 visits only the rows of the label ({@link RowExtents}), reading the stored values
 * through the volumes' read-only slice views (no slice is copied): count, raw minimum and maximum.
 * Pass 2 makes the sorted multiset of values exact: for integer voxel types a histogram of the raw
 * values over [min, max] (at most 2<sup>24</sup> bins, else the values are sorted), for float32 the
 * values themselves, sorted. Mean and standard deviation are then computed from the exact multiset in
 * two passes (population standard deviation, divisor n, as numpy's default). Percentiles use linear
 * interpolation between order statistics, numpy's default ("linear", method 7 of Hyndman and Fan
 * 1996): for p in [0, 1], h = (n − 1)·p, value = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 *
 * @param count  voxels of the label
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

    private static final int MAX_BINS = 1 << 24;

    static IntensityStats of(LabelMap map, int label, RowExtents e, Volume image) {
        Volume lv = map.labels();
        int nx = lv.nx();
        boolean integer = image.type() != VoxelType.FLOAT32;
        long n = 0;
        double rmin = Double.POSITIVE_INFINITY;
        double rmax = Double.NEGATIVE_INFINITY;
        for (int k = e.k0; k <= e.k1; k++) {
            Buffer lb = lv.slice(k);
            Buffer ib = image.slice(k);
            for (int j = e.j0; j <= e.j1; j++) {
                int lo = e.lo(j, k);
                int hi = e.hi(j, k);
                for (int i = lo; i <= hi; i++) {
                    int x = j * nx + i;
                    if (label(lb, x) == label) {
                        double r = raw(ib, image.type(), x);
                        n++;
                        if (r < rmin) {
                            rmin = r;
                        }
                        if (r > rmax) {
                            rmax = r;
                        }
                    }
                }
            }
        }
        if (n == 0) {
            return new IntensityStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double slope = image.rescale().slope();
        double icpt = image.rescale().intercept();
        if (integer && rmax - rmin < MAX_BINS) {
            long base = (long) rmin;
            long[] hist = new long[(int) (rmax - rmin) + 1];
            visit(map, label, e, image, (r) -> hist[(int) ((long) r - base)]++);
            double sum = 0;
            for (int b = 0; b < hist.length; b++) {
                sum += hist[b] * (double) (base + b);
            }
            double rawMean = sum / n;
            double ss = 0;
            for (int b = 0; b < hist.length; b++) {
                double d = base + b - rawMean;
                ss += hist[b] * d * d;
            }
            double rawStd = Math.sqrt(ss / n);
            double[] q = histogramPercentiles(hist, base, n, 0.5, 0.05, 0.95);
            return rescaled(n, rawMean, rawStd, rmin, rmax, q, slope, icpt);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("label " + label + " has too many voxels for exact float percentiles: " + n);
        }
        double[] values = new double[(int) n];
        int[] at = {0};
        visit(map, label, e, image, (r) -> values[at[0]++] = r);
        Arrays.sort(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double rawMean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - rawMean) * (v - rawMean);
        }
        double[] q = {percentile(values, 0.5), percentile(values, 0.05), percentile(values, 0.95)};
        return rescaled(n, rawMean, Math.sqrt(ss / n), rmin, rmax, q, slope, icpt);
    }

    private static IntensityStats rescaled(long n, double mean, double std, double min, double max, double[] q,
            double slope, double icpt) {
        double a = slope * min + icpt;
        double b = slope * max + icpt;
        return new IntensityStats(n, slope * mean + icpt, Math.abs(slope) * std, Math.min(a, b), Math.max(a, b),
                slope * q[0] + icpt, slope * (slope < 0 ? q[2] : q[1]) + icpt, slope * (slope < 0 ? q[1] : q[2]) + icpt);
    }

    /** Linear-interpolation percentile (numpy default) of sorted values, p in [0, 1]. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] histogramPercentiles(long[] hist, long base, long n, double... ps) {
        double[] out = new double[ps.length];
        for (int q = 0; q < ps.length; q++) {
            double h = (n - 1) * ps[q];
            long lo = (long) Math.floor(h);
            double xlo = orderStatistic(hist, base, lo);
            double xhi = orderStatistic(hist, base, Math.min(lo + 1, n - 1));
            out[q] = xlo + (h - lo) * (xhi - xlo);
        }
        return out;
    }

    /** The value of rank r (0-based) in the sorted multiset described by the histogram. */
    private static double orderStatistic(long[] hist, long base, long r) {
        long seen = 0;
        for (int b = 0; b < hist.length; b++) {
            seen += hist[b];
            if (seen > r) {
                return base + b;
            }
        }
        throw new IllegalStateException("rank " + r + " beyond histogram");
    }

    private interface RawSink {
        void accept(double raw);
    }

    private static void visit(LabelMap map, int label, RowExtents e, Volume image, RawSink sink) {
        Volume lv = map.labels();
        int nx = lv.nx();
        for (int k = e.k0; k <= e.k1; k++) {
            Buffer lb = lv.slice(k);
            Buffer ib = image.slice(k);
            for (int j = e.j0; j <= e.j1; j++) {
                int hi = e.hi(j, k);
                for (int i = e.lo(j, k); i <= hi; i++) {
                    int x = j * nx + i;
                    if (label(lb, x) == label) {
                        sink.accept(raw(ib, image.type(), x));
                    }
                }
            }
        }
    }

    private static int label(Buffer b, int x) {
        return b instanceof ByteBuffer bb ? bb.get(x) & 0xFF : ((ShortBuffer) b).get(x) & 0xFFFF;
    }

    private static double raw(Buffer b, VoxelType t, int x) {
        return switch (t) {
            case UINT8 -> ((ByteBuffer) b).get(x) & 0xFF;
            case INT8 -> ((ByteBuffer) b).get(x);
            case INT16 -> ((ShortBuffer) b).get(x);
            case UINT16 -> ((ShortBuffer) b).get(x) & 0xFFFF;
            case INT32 -> ((IntBuffer) b).get(x);
            case FLOAT32 -> ((FloatBuffer) b).get(x);
        };
    }
}
