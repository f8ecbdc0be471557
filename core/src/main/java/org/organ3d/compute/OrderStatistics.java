package org.organ3d.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.organ3d.volume.VoxelType;

/**
 * Exact order statistics (the k-th smallest sample) of many labels at once, by rounds of bounded
 * histograms: the radix-select idea applied to a histogram pass a backend runs over the voxels.
 *
 * <p>Samples are compared as <b>keys</b>, longs in the order of the values ({@link #key}): the raw
 * integer itself, or for float32 the IEEE bits made monotonic (−0 taken as +0; NaN is never a key).
 * Round 1 gives each label one window over its [min, max] keys with at most {@code cap} bins
 * ({@code cap} = the bin budget shared by the windows, at least 256): bin = (key − lo) >> shift with the
 * smallest shift that fits. When the shift is 0 the histogram is exact and every wanted rank is read
 * off it (8/16-bit samples of up to ~65 000 distinct values per label and 256 labels need one round
 * at the default budget). Otherwise each wanted rank's bin becomes a window of the next round, so the
 * key range shrinks by a factor of {@code cap} per round: 32-bit keys need at most four rounds of 256
 * bins. Counts are integers, so the result is exact and independent of the order in which a backend
 * counts (atomics on a device, threads in Java): two backends give the same keys.
 *
 * <p>Thread-safe (stateless); the pass is called from the calling thread.
 */
public final class OrderStatistics {

    /** Default bin budget of one round (all windows together): 2²² counts, 16 MiB. */
    public static final int DEFAULT_BUDGET = 1 << 22;

    private OrderStatistics() {
    }

    /**
     * The windows of one round. Windows of label c (a compact index 0..m−1) are
     * {@code first[c] .. first[c + 1] − 1}, disjoint and sorted by {@code lo}; window w counts the keys
     * x with {@code lo[w] <= x} and {@code (x − lo[w]) >> shift[w] < bins[w]} in
     * {@code counts[offset[w] + ((x − lo[w]) >> shift[w])]}; {@code offset[windows]} is the total.
     */
    public record HistogramWindows(int[] first, long[] lo, int[] shift, int[] bins, int[] offset) {

        /** Number of windows. */
        public int size() {
            return lo.length;
        }

        /** Total number of bins. */
        public int totalBins() {
            return offset[lo.length];
        }

        /**
         * The bin of key {@code x} of label {@code c}, or -1 when no window of c holds it (the rule
         * every histogram pass implements).
         */
        public int binOf(int c, long x) {
            for (int w = first[c]; w < first[c + 1]; w++) {
                if (x >= lo[w]) {
                    long b = (x - lo[w]) >> shift[w];
                    if (b < bins[w]) {
                        return offset[w] + (int) b;
                    }
                }
            }
            return -1;
        }
    }

    /** A backend's histogram pass: counts the keys of every measured voxel into the windows. */
    @FunctionalInterface
    public interface HistogramPass {
        /** {@code counts[bin]} for every bin of {@code windows} (a new array of {@code totalBins()}). */
        int[] count(HistogramWindows windows);
    }

    /**
     * The keys at the wanted ranks.
     *
     * @param min    per label, the smallest key (ignored for labels without ranks)
     * @param max    per label, the largest key
     * @param ranks  per label, wanted 0-based ranks (each below the label's sample count), may be empty
     * @param budget bins per round, all windows together (at least 256 per window are used anyway)
     * @param pass   the histogram pass
     * @return per label, the key at each wanted rank (same order as {@code ranks})
     */
    public static long[][] select(long[] min, long[] max, long[][] ranks, int budget, HistogramPass pass) {
        int m = ranks.length;
        long[][] out = new long[m][];
        List<Target> open = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            out[c] = new long[ranks[c].length];
            for (int q = 0; q < ranks[c].length; q++) {
                open.add(new Target(c, q, ranks[c][q], min[c], max[c] - min[c] + 1));
            }
        }
        while (!open.isEmpty()) {
            // One window per distinct (label, window start): targets are sorted by label, then lo.
            open.sort((a, b) -> a.label != b.label ? Integer.compare(a.label, b.label) : Long.compare(a.lo, b.lo));
            List<Integer> windowOf = new ArrayList<>();
            int windows = 0;
            for (int t = 0; t < open.size(); t++) {
                Target x = open.get(t);
                Target p = t == 0 ? null : open.get(t - 1);
                if (p == null || p.label != x.label || p.lo != x.lo) {
                    windows++;
                }
                windowOf.add(windows - 1);
            }
            int cap = Math.max(256, budget / windows);
            int[] first = new int[m + 1];
            long[] lo = new long[windows];
            int[] shift = new int[windows];
            int[] bins = new int[windows];
            int[] offset = new int[windows + 1];
            for (int t = 0; t < open.size(); t++) {
                Target x = open.get(t);
                int w = windowOf.get(t);
                lo[w] = x.lo;
                int s = 0;
                while (((x.span - 1) >>> s) + 1 > cap) {
                    s++;
                }
                shift[w] = s;
                bins[w] = (int) (((x.span - 1) >>> s) + 1);
                first[x.label + 1] = w + 1;
            }
            for (int c = 0; c < m; c++) {
                first[c + 1] = Math.max(first[c + 1], first[c]);
            }
            for (int w = 0; w < windows; w++) {
                if ((long) offset[w] + bins[w] > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("histogram windows exceed an int array");
                }
                offset[w + 1] = offset[w] + bins[w];
            }
            HistogramWindows hw = new HistogramWindows(first, lo, shift, bins, offset);
            int[] counts = pass.count(hw);
            List<Target> next = new ArrayList<>();
            for (int t = 0; t < open.size(); t++) {
                Target x = open.get(t);
                int w = windowOf.get(t);
                long seen = 0;
                int b = 0;
                for (; b < bins[w]; b++) {
                    long c = Integer.toUnsignedLong(counts[offset[w] + b]);
                    if (seen + c > x.rank) {
                        break;
                    }
                    seen += c;
                }
                if (b == bins[w]) {
                    throw new IllegalStateException("rank " + x.rank + " of label index " + x.label
                            + " is beyond its histogram: the pass counted fewer samples than the statistics");
                }
                long start = x.lo + ((long) b << shift[w]);
                if (shift[w] == 0) {
                    out[x.label][x.slot] = start;
                } else {
                    long span = Math.min(1L << shift[w], x.lo + x.span - start);
                    next.add(new Target(x.label, x.slot, x.rank - seen, start, span));
                }
            }
            open = next;
        }
        return out;
    }

    private record Target(int label, int slot, long rank, long lo, long span) {
    }

    /**
     * The order-preserving key of a raw sample: the integer itself for integer types, for float32 the
     * bits of {@code value} (−0 as +0) with the negative ones flipped so that signed comparison follows
     * the float order. NaN has no key: callers skip it.
     */
    public static long key(VoxelType type, double raw) {
        if (type != VoxelType.FLOAT32) {
            return (long) raw;
        }
        float f = (float) raw;
        int b = Float.floatToRawIntBits(f == 0f ? 0f : f);
        return b >= 0 ? b : b ^ 0x7fffffff;
    }

    /** The raw sample value of a key (inverse of {@link #key}). */
    public static double value(VoxelType type, long key) {
        if (type != VoxelType.FLOAT32) {
            return key;
        }
        int b = (int) key;
        return Float.intBitsToFloat(b >= 0 ? b : b ^ 0x7fffffff);
    }

    /**
     * The ranks {@code floor(h)} and {@code floor(h) + 1} (clamped) for h = (n − 1)·p of each p, the two
     * order statistics numpy's default ("linear") percentile interpolates between; sorted, distinct.
     */
    public static long[] ranksFor(long n, double[] ps) {
        long[] r = new long[2 * ps.length];
        for (int q = 0; q < ps.length; q++) {
            long lo = (long) Math.floor((n - 1) * ps[q]);
            r[2 * q] = lo;
            r[2 * q + 1] = Math.min(lo + 1, n - 1);
        }
        return Arrays.stream(r).sorted().distinct().toArray();
    }

    /**
     * numpy's default percentile from the selected order statistics: x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋) with
     * h = (n − 1)·p; {@code ranks} and {@code values} as from {@link #ranksFor} and {@link #select}.
     */
    public static double percentile(long n, double p, long[] ranks, double[] values) {
        double h = (n - 1) * p;
        long lo = (long) Math.floor(h);
        double xlo = values[Arrays.binarySearch(ranks, lo)];
        double xhi = values[Arrays.binarySearch(ranks, Math.min(lo + 1, n - 1))];
        return xlo + (h - lo) * (xhi - xlo);
    }
}
