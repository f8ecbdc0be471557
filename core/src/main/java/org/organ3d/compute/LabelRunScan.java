package org.organ3d.compute;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The Java backend's half of the multi-label pass: the {@link LabelRuns} of a label map (and image)
 * in one parallel sweep over slices, and the histogram pass of {@link OrderStatistics} (a parallel
 * sweep over slabs of slices per round). Every slice is read with its two neighbours (for the faces along j and k); threads own
 * disjoint slices and their runs are concatenated in slice order, so the result does not depend on the
 * number of threads. Thread-safe (stateless); uses the common fork-join pool.
 */
public final class LabelRunScan {

    private LabelRunScan() {
    }

    /** The Java multi-label pass: {@link #runs} merged by {@link LabelStatistics#merge}. */
    public static LabelStatistics statistics(LabelMap map, Volume image, LabelStatistics.Options options) {
        requireSameGrid(map, image);
        LabelRuns runs = runs(map, image);
        return LabelStatistics.merge(runs, map, image, options, index -> histogramPass(runs, map, image, index),
                JAVA_BUDGET);
    }

    /** Checks that {@code image} (may be null) has the label map's dimensions. */
    public static void requireSameGrid(LabelMap map, Volume image) {
        if (image != null && !image.dimensions().equals(map.dimensions())) {
            throw new IllegalArgumentException("image is " + image.dimensions() + " but the label map is "
                    + map.dimensions() + ": intensity statistics need both on the same grid (resample first)");
        }
    }

    /** The runs of {@code map} in canonical order, with the values of {@code image} (or none when null). */
    public static LabelRuns runs(LabelMap map, Volume image) {
        requireSameGrid(map, image);
        Volume lv = map.labels();
        Dimensions d = lv.dimensions();
        int nz = d.nz();
        int parts = Math.min(nz, 4 * Runtime.getRuntime().availableProcessors());
        int[][] ints = new int[nz][];
        long[][] vals = new long[nz][];
        int[] counts = new int[nz];
        IntStream.range(0, parts).parallel().forEach(p -> {
            int k0 = (int) ((long) nz * p / parts);
            int k1 = (int) ((long) nz * (p + 1) / parts);
            new SliceScanner(lv, image).scan(k0, k1, ints, vals, counts);
        });
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total > LabelRuns.maxRuns()) {
            throw new IllegalArgumentException("the label map has " + total + " runs, more than " + LabelRuns.maxRuns());
        }
        int n = (int) total;
        int[] allInts = new int[LabelRuns.INTS * n];
        long[] allVals = image == null ? null : new long[LabelRuns.VALUES * n];
        int at = 0;
        for (int k = 0; k < nz; k++) {
            System.arraycopy(ints[k], 0, allInts, LabelRuns.INTS * at, LabelRuns.INTS * counts[k]);
            if (allVals != null) {
                System.arraycopy(vals[k], 0, allVals, LabelRuns.VALUES * at, LabelRuns.VALUES * counts[k]);
            }
            at += counts[k];
        }
        return new LabelRuns(d, n, allInts, allVals);
    }

    /** One thread's scanner: rolling label slices k−1, k, k+1 and the image slice k. */
    private static final class SliceScanner {
        private final Volume lv;
        private final Volume image;
        private final Dimensions d;
        private final Object rawLabels;
        private final Object rawImage;
        private int[] prev;
        private int[] cur;
        private int[] next;
        private int[] ints = new int[LabelRuns.INTS * 64];
        private long[] vals;
        private int n;

        SliceScanner(Volume lv, Volume image) {
            this.lv = lv;
            this.image = image;
            this.d = lv.dimensions();
            this.rawLabels = lv.type().newSlice(d.sliceSize());
            this.rawImage = image == null ? null : image.type().newSlice(d.sliceSize());
            this.vals = image == null ? null : new long[LabelRuns.VALUES * 64];
        }

        private int[] labels(int k, int[] dest) {
            int[] out = dest == null ? new int[d.sliceSize()] : dest;
            lv.copySlice(k, rawLabels);
            if (rawLabels instanceof byte[] b) {
                for (int x = 0; x < out.length; x++) {
                    out[x] = b[x] & 0xFF;
                }
            } else {
                short[] s = (short[]) rawLabels;
                for (int x = 0; x < out.length; x++) {
                    out[x] = s[x] & 0xFFFF;
                }
            }
            return out;
        }

        void scan(int k0, int k1, int[][] outInts, long[][] outVals, int[] outCounts) {
            int nz = d.nz();
            prev = k0 > 0 ? labels(k0 - 1, null) : null;
            cur = labels(k0, null);
            int[] spare = null;
            for (int k = k0; k < k1; k++) {
                next = k + 1 < nz ? labels(k + 1, spare) : null;
                if (image != null) {
                    image.copySlice(k, rawImage);
                }
                n = 0;
                scanSlice(k);
                outInts[k] = Arrays.copyOf(ints, LabelRuns.INTS * n);
                outVals[k] = vals == null ? null : Arrays.copyOf(vals, LabelRuns.VALUES * n);
                outCounts[k] = n;
                spare = prev;
                prev = cur;
                cur = next;
            }
        }

        private void scanSlice(int k) {
            int nx = d.nx();
            int ny = d.ny();
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                int i = 0;
                while (i < nx) {
                    int c = cur[row + i];
                    int a = i;
                    while (i < nx && cur[row + i] == c) {
                        i++;
                    }
                    if (c != 0) {
                        emit(k, j, a, i - 1, c);
                    }
                }
            }
        }

        private void emit(int k, int j, int a, int b, int c) {
            int nx = d.nx();
            int ny = d.ny();
            int row = j * nx;
            int fj = 0;
            int fk = 0;
            for (int i = a; i <= b; i++) {
                fj += (j == 0 || cur[row - nx + i] != c ? 1 : 0) + (j == ny - 1 || cur[row + nx + i] != c ? 1 : 0);
                fk += (prev == null || prev[row + i] != c ? 1 : 0) + (next == null || next[row + i] != c ? 1 : 0);
            }
            if (LabelRuns.INTS * (n + 1) > ints.length) {
                ints = Arrays.copyOf(ints, 2 * ints.length);
                if (vals != null) {
                    vals = Arrays.copyOf(vals, 2 * vals.length);
                }
            }
            int o = LabelRuns.INTS * n;
            ints[o] = k * ny + j;
            ints[o + 1] = a;
            ints[o + 2] = b;
            ints[o + 3] = c;
            ints[o + 4] = fj;
            ints[o + 5] = fk;
            if (vals != null) {
                values(row + a, row + b, LabelRuns.VALUES * n);
            }
            n++;
        }

        /** The value slots of one run over voxels x0..x1 of the current image slice. */
        private void values(int x0, int x1, int o) {
            VoxelType t = image.type();
            if (LabelRuns.exactSums(t)) {
                long s1 = 0;
                long s2 = 0;
                long lo = Long.MAX_VALUE;
                long hi = Long.MIN_VALUE;
                for (int x = x0; x <= x1; x++) {
                    long v = rawInt(t, x);
                    s1 += v;
                    s2 += v * v;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                vals[o] = x1 - x0 + 1L;
                vals[o + 1] = s1;
                vals[o + 2] = s2;
                vals[o + 3] = lo;
                vals[o + 4] = hi;
                return;
            }
            long cnt = 0;
            double mean = 0;
            double m2 = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int x = x0; x <= x1; x++) {
                // NB: + 0.0 reads -0 as +0 (so the minimum's sign is the same on every backend).
                double v = (t == VoxelType.INT32 ? (double) ((int[]) rawImage)[x] : (double) ((float[]) rawImage)[x]) + 0.0;
                if (Double.isNaN(v)) {
                    continue;
                }
                cnt++;
                double delta = v - mean;
                mean += delta / cnt;
                m2 += delta * (v - mean);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            vals[o] = cnt;
            vals[o + 1] = Double.doubleToRawLongBits(mean);
            vals[o + 2] = Double.doubleToRawLongBits(m2);
            vals[o + 3] = Double.doubleToRawLongBits(lo);
            vals[o + 4] = Double.doubleToRawLongBits(hi);
        }

        private long rawInt(VoxelType t, int x) {
            return switch (t) {
                case UINT8 -> ((byte[]) rawImage)[x] & 0xFF;
                case INT8 -> ((byte[]) rawImage)[x];
                case INT16 -> ((short[]) rawImage)[x];
                case UINT16 -> ((short[]) rawImage)[x] & 0xFFFF;
                default -> throw new IllegalStateException(t.toString());
            };
        }
    }

    /** Histogram bins per round for the Java pass (each thread counts into its own copy). */
    static final int JAVA_BUDGET = 1 << 20;

    /**
     * The Java histogram pass: slabs of slices in parallel, each counting into its own array of the
     * round's bins (labels and samples copied slice by slice into plain arrays), the arrays summed at
     * the end. Integer counts: the result does not depend on the split.
     */
    static OrderStatistics.HistogramPass histogramPass(LabelRuns runs, LabelMap map, Volume image, int[] index) {
        Volume lv = map.labels();
        Dimensions d = lv.dimensions();
        VoxelType t = image.type();
        int parts = Math.max(1, Math.min(d.nz(), java.util.concurrent.ForkJoinPool.getCommonPoolParallelism()));
        return windows -> {
            int bins = windows.totalBins();
            int[][] partial = new int[parts][];
            IntStream.range(0, parts).parallel().forEach(p -> {
                int k0 = (int) ((long) d.nz() * p / parts);
                int k1 = (int) ((long) d.nz() * (p + 1) / parts);
                int[] counts = new int[bins];
                int n = d.sliceSize();
                Object rawLabels = lv.type().newSlice(n);
                Object rawImage = t.newSlice(n);
                for (int k = k0; k < k1; k++) {
                    lv.copySlice(k, rawLabels);
                    image.copySlice(k, rawImage);
                    for (int x = 0; x < n; x++) {
                        int l = rawLabels instanceof byte[] b ? b[x] & 0xFF : ((short[]) rawLabels)[x] & 0xFFFF;
                        int c = l == 0 ? -1 : index[l];
                        if (c < 0) {
                            continue;
                        }
                        double v = sample(rawImage, t, x);
                        if (Double.isNaN(v)) {
                            continue;
                        }
                        int bin = windows.binOf(c, OrderStatistics.key(t, v));
                        if (bin >= 0) {
                            counts[bin]++;
                        }
                    }
                }
                partial[p] = counts;
            });
            int[] out = partial[0];
            for (int p = 1; p < parts; p++) {
                for (int b = 0; b < bins; b++) {
                    out[b] += partial[p][b];
                }
            }
            return out;
        };
    }

    private static double sample(Object slice, VoxelType t, int x) {
        return switch (t) {
            case UINT8 -> ((byte[]) slice)[x] & 0xFF;
            case INT8 -> ((byte[]) slice)[x];
            case INT16 -> ((short[]) slice)[x];
            case UINT16 -> ((short[]) slice)[x] & 0xFFFF;
            case INT32 -> ((int[]) slice)[x];
            case FLOAT32 -> ((float[]) slice)[x];
        };
    }

}
