package org.organ3d.inference;

import java.util.stream.IntStream;
import org.organ3d.volume.Volume;

/**
 * Exact per-volume intensity statistics for normalization: percentiles (numpy's default definition:
 * linear between the two order statistics around rank {@code p/100·(n−1)}) and the mean and
 * (population) standard deviation of the rescaled values.
 *
 * <p>Percentiles are found by a two-pass radix selection on the order-preserving integer key of each
 * float (high 16 bits, then low 16 bits inside the bucket that holds the rank), so they are exact
 * without sorting a copy of the volume: two reads of every voxel and 65536-bin histograms. NaN values
 * sort above +∞. Slices are scanned in parallel on the common pool; the result does not depend on
 * the thread count.
 */
final class Percentiles {

    private Percentiles() {
    }

    /** The given percentiles (0..100) of the rescaled voxel values, in the order given. */
    static double[] of(Volume v, double... percents) {
        long n = v.dimensions().voxelCount();
        int m = percents.length;
        long[] lo = new long[m];
        double[] frac = new double[m];
        long[] ranks = new long[2 * m];
        for (int q = 0; q < m; q++) {
            double r = percents[q] / 100.0 * (n - 1);
            lo[q] = (long) Math.floor(r);
            frac[q] = r - lo[q];
            ranks[2 * q] = lo[q];
            ranks[2 * q + 1] = Math.min(lo[q] + 1, n - 1);
        }
        long[] high = histogram(v, -1);
        int[] bucket = new int[ranks.length];
        long[] within = new long[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            long below = 0;
            int b = 0;
            while (below + high[b] <= ranks[r]) {
                below += high[b];
                b++;
            }
            bucket[r] = b;
            within[r] = ranks[r] - below;
        }
        float[] value = new float[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            long[] low = histogram(v, bucket[r]);
            long below = 0;
            int b = 0;
            while (below + low[b] <= within[r]) {
                below += low[b];
                b++;
            }
            value[r] = fromKey((bucket[r] << 16) | b);
        }
        double[] out = new double[m];
        for (int q = 0; q < m; q++) {
            double a = value[2 * q];
            double b = value[2 * q + 1];
            out[q] = frac[q] == 0 ? a : a + frac[q] * (b - a);
        }
        return out;
    }

    /** Mean and population standard deviation of the rescaled values (two passes, in double). */
    static double[] meanAndStd(Volume v) {
        int nz = v.nz();
        double[] sums = new double[nz];
        IntStream.range(0, nz).parallel().forEach(k -> {
            float[] s = v.sliceValues(k, null);
            double t = 0;
            for (float x : s) {
                t += x;
            }
            sums[k] = t;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        double mean = total / v.dimensions().voxelCount();
        IntStream.range(0, nz).parallel().forEach(k -> {
            float[] s = v.sliceValues(k, null);
            double t = 0;
            for (float x : s) {
                double d = x - mean;
                t += d * d;
            }
            sums[k] = t;
        });
        double sq = 0;
        for (double s : sums) {
            sq += s;
        }
        return new double[] {mean, Math.sqrt(sq / v.dimensions().voxelCount())};
    }

    /** 65536-bin histogram of the keys' high halves (bucket < 0) or of the low halves inside one bucket. */
    private static long[] histogram(Volume v, int bucket) {
        int nz = v.nz();
        int chunks = Math.min(nz, Runtime.getRuntime().availableProcessors());
        long[][] per = new long[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long[] h = new long[65536];
            float[] s = null;
            for (int k = c; k < nz; k += chunks) {
                s = v.sliceValues(k, s);
                for (float x : s) {
                    int key = key(x);
                    if (bucket < 0) {
                        h[key >>> 16]++;
                    } else if (key >>> 16 == bucket) {
                        h[key & 0xFFFF]++;
                    }
                }
            }
            per[c] = h;
        });
        long[] h = new long[65536];
        for (long[] p : per) {
            for (int i = 0; i < h.length; i++) {
                h[i] += p[i];
            }
        }
        return h;
    }

    /** An int whose unsigned order is the float order (negative floats reversed, sign bit flipped). */
    static int key(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? ~bits : bits | 0x80000000;
    }

    static float fromKey(int key) {
        return Float.intBitsToFloat(key < 0 ? key & 0x7FFFFFFF : ~key);
    }
}
