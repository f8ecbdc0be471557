package org.organ3d.compute;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The result of the multi-label pass ({@link ComputeBackend#labelStatistics}): for every label of a
 * label map at once, its voxel moments, bounding box and boundary faces ({@link LabelVoxels}), with an
 * image its intensity statistics ({@link LabelIntensity}), and optionally the first and last column
 * of the label in every row it occupies (what convex hulls, Feret diameters and RECIST axes are
 * computed from).
 *
 * <p>Built by {@link #merge} from a backend's {@link LabelRuns}: the runs are visited once in
 * canonical order (rows by {@code k * ny + j}), integer quantities summed exactly, real ones merged
 * in that fixed order, so the result does not depend on the backend, the device or the thread count.
 * Labels are indexed 0..{@link #size()}−1 in increasing label value. Immutable, thread-safe.
 */
public final class LabelStatistics {

    /**
     * What to compute.
     *
     * @param labels      label values to measure (those present), or null for every label present
     * @param percentiles percentile fractions in [0, 1] for the intensity statistics (copied)
     * @param rows        keep each label's first and last column per row ({@link #forEachRow})
     */
    public record Options(Set<Integer> labels, double[] percentiles, boolean rows) {

        /** Median, 5th and 95th percentile. */
        public static final double[] DEFAULT_PERCENTILES = {0.5, 0.05, 0.95};

        public Options {
            labels = labels == null ? null : Set.copyOf(labels);
            percentiles = percentiles.clone();
            for (double p : percentiles) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("percentile fractions are in [0, 1]: " + p);
                }
            }
        }

        /** Every label, the default percentiles, with rows. */
        public static Options all() {
            return new Options(null, DEFAULT_PERCENTILES, true);
        }

        @Override
        public double[] percentiles() {
            return percentiles.clone();
        }
    }

    /** Receives one row of a label: slice k, row j, first and last column (inclusive). */
    @FunctionalInterface
    public interface RowVisitor {
        void row(int k, int j, int lo, int hi);
    }

    /** Makes a backend's histogram pass for the labels of a merge ({@code index[raw label]} = 0..m−1 or −1). */
    @FunctionalInterface
    public interface HistogramPassFactory {
        OrderStatistics.HistogramPass create(int[] index);
    }

    private final Dimensions dims;
    private final int[] labels;
    private final LabelVoxels[] voxels;
    private final LabelIntensity[] intensity;
    private final int[][] rows;
    private final int[] rowLength;

    private LabelStatistics(Dimensions dims, int[] labels, LabelVoxels[] voxels, LabelIntensity[] intensity, int[][] rows,
            int[] rowLength) {
        this.dims = dims;
        this.labels = labels;
        this.voxels = voxels;
        this.intensity = intensity;
        this.rows = rows;
        this.rowLength = rowLength;
    }

    /** Number of labels measured. */
    public int size() {
        return labels.length;
    }

    /** The label values measured, increasing. */
    public List<Integer> labels() {
        return Arrays.stream(labels).boxed().toList();
    }

    /** The label value at index c. */
    public int label(int c) {
        return labels[c];
    }

    /** The index of {@code label}, or −1 when it was not measured. */
    public int indexOf(int label) {
        int c = Arrays.binarySearch(labels, label);
        return c < 0 ? -1 : c;
    }

    /** Voxel moments, box and faces of label index c. */
    public LabelVoxels voxels(int c) {
        return voxels[c];
    }

    /** Intensity statistics of label index c, or null when no image was given. */
    public LabelIntensity intensity(int c) {
        return intensity == null ? null : intensity[c];
    }

    /** True when the rows were kept ({@link Options#rows()}). */
    public boolean hasRows() {
        return rows != null;
    }

    /** Visits the rows of label index c in increasing (k, j). */
    public void forEachRow(int c, RowVisitor v) {
        if (rows == null) {
            throw new IllegalStateException("rows were not kept (Options.rows)");
        }
        int[] r = rows[c];
        int ny = dims.ny();
        for (int x = 0; x < rowLength[c]; x += 3) {
            v.row(r[x] / ny, r[x] % ny, r[x + 1], r[x + 2]);
        }
    }

    /**
     * Merges a backend's runs into the statistics of {@code map} (and {@code image}, or null).
     *
     * @param runs    the runs of {@code map} (with values exactly when {@code image} is not null)
     * @param pass    the backend's histogram pass for the percentiles (not called without an image or
     *                without percentiles)
     * @param budget  histogram bins per round ({@link OrderStatistics#DEFAULT_BUDGET})
     */
    public static LabelStatistics merge(LabelRuns runs, LabelMap map, Volume image, Options options,
            HistogramPassFactory pass, int budget) {
        Dimensions d = map.dimensions();
        if (!runs.dimensions().equals(d) || runs.hasValues() != (image != null)) {
            throw new IllegalArgumentException("runs do not belong to this label map and image");
        }
        int n = runs.count();
        boolean[] present = new boolean[65536];
        for (int r = 0; r < n; r++) {
            present[runs.label(r)] = true;
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int l = 1; l < present.length; l++) {
            if (present[l] && (options.labels() == null || options.labels().contains(l))) {
                chosen.add(l);
            }
        }
        int[] labels = chosen.stream().mapToInt(Integer::intValue).toArray();
        int m = labels.length;
        int[] index = new int[65536];
        Arrays.fill(index, -1);
        for (int c = 0; c < m; c++) {
            index[labels[c]] = c;
        }
        Accumulators acc = new Accumulators(m, image == null ? null : image.type(), options.rows());
        int ny = d.ny();
        for (int r = 0; r < n; r++) {
            int c = index[runs.label(r)];
            if (c >= 0) {
                acc.add(c, runs, r, ny);
            }
        }
        LabelVoxels[] voxels = new LabelVoxels[m];
        for (int c = 0; c < m; c++) {
            voxels[c] = acc.voxels(c, labels[c]);
        }
        LabelIntensity[] intensity = image == null ? null : acc.intensity(image, options.percentiles(), index, pass, budget);
        return new LabelStatistics(d, labels, voxels, intensity, acc.rows, acc.rowLength);
    }

    /** Per-label sums over the runs, in run order. */
    private static final class Accumulators {
        final long[] count;
        final long[] mom;
        final int[] box;
        final long[] faces;
        final VoxelType type;
        final boolean exact;
        final long[] valid;
        final long[] s1;
        final long[] s2lo;
        final long[] s2hi;
        final double[] mean;
        final double[] m2;
        final double[] min;
        final double[] max;
        final int[][] rows;
        final int[] rowLength;

        Accumulators(int m, VoxelType type, boolean keepRows) {
            count = new long[m];
            mom = new long[9 * m];
            box = new int[6 * m];
            for (int c = 0; c < m; c++) {
                box[6 * c] = box[6 * c + 2] = box[6 * c + 4] = Integer.MAX_VALUE;
                box[6 * c + 1] = box[6 * c + 3] = box[6 * c + 5] = Integer.MIN_VALUE;
            }
            faces = new long[3 * m];
            this.type = type;
            exact = type != null && LabelRuns.exactSums(type);
            valid = new long[m];
            s1 = new long[m];
            s2lo = new long[m];
            s2hi = new long[m];
            mean = new double[m];
            m2 = new double[m];
            min = new double[m];
            max = new double[m];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            rows = keepRows ? new int[m][] : null;
            rowLength = keepRows ? new int[m] : null;
        }

        /** Sum of t² for t = 0..b. */
        private static long squares(long b) {
            return b < 0 ? 0 : b * (b + 1) * (2 * b + 1) / 6;
        }

        void add(int c, LabelRuns runs, int r, int ny) {
            int row = runs.row(r);
            long j = row % ny;
            long k = row / ny;
            int a = runs.lo(r);
            int b = runs.hi(r);
            long len = b - a + 1;
            long sumI = (long) (a + b) * len / 2;
            count[c] += len;
            int o = 9 * c;
            mom[o] += sumI;
            mom[o + 1] += len * j;
            mom[o + 2] += len * k;
            mom[o + 3] += squares(b) - squares(a - 1L);
            mom[o + 4] += len * j * j;
            mom[o + 5] += len * k * k;
            mom[o + 6] += sumI * j;
            mom[o + 7] += sumI * k;
            mom[o + 8] += len * j * k;
            int q = 6 * c;
            box[q] = Math.min(box[q], a);
            box[q + 1] = Math.max(box[q + 1], b);
            box[q + 2] = Math.min(box[q + 2], (int) j);
            box[q + 3] = Math.max(box[q + 3], (int) j);
            box[q + 4] = Math.min(box[q + 4], (int) k);
            box[q + 5] = Math.max(box[q + 5], (int) k);
            faces[3 * c] += 2;
            faces[3 * c + 1] += runs.facesJ(r);
            faces[3 * c + 2] += runs.facesK(r);
            if (rows != null) {
                addRow(c, row, a, b);
            }
            if (type != null) {
                addValues(c, runs, r);
            }
        }

        private void addRow(int c, int row, int a, int b) {
            int[] e = rows[c];
            int len = rowLength[c];
            if (len > 0 && e[len - 3] == row) {
                e[len - 1] = b;
                return;
            }
            if (e == null || len + 3 > e.length) {
                e = e == null ? new int[12] : Arrays.copyOf(e, (int) Math.min(Integer.MAX_VALUE - 8, 2L * e.length));
                rows[c] = e;
            }
            e[len] = row;
            e[len + 1] = a;
            e[len + 2] = b;
            rowLength[c] = len + 3;
        }

        private void addValues(int c, LabelRuns runs, int r) {
            long nb = runs.value(r, 0);
            if (nb == 0) {
                return;
            }
            if (exact) {
                valid[c] += nb;
                s1[c] += runs.value(r, 1);
                long v = runs.value(r, 2);
                long lo = s2lo[c] + v;
                if (Long.compareUnsigned(lo, s2lo[c]) < 0) {
                    s2hi[c]++;
                }
                s2lo[c] = lo;
                min[c] = Math.min(min[c], runs.value(r, 3));
                max[c] = Math.max(max[c], runs.value(r, 4));
                return;
            }
            double mb = Double.longBitsToDouble(runs.value(r, 1));
            double qb = Double.longBitsToDouble(runs.value(r, 2));
            long na = valid[c];
            long nn = na + nb;
            // NB: Chan, Golub and LeVeque's pairwise update, in run order: the same bits on every backend.
            double delta = mb - mean[c];
            mean[c] = mean[c] + delta * nb / nn;
            m2[c] = m2[c] + qb + delta * delta * ((double) na * nb / nn);
            valid[c] = nn;
            min[c] = Math.min(min[c], Double.longBitsToDouble(runs.value(r, 3)));
            max[c] = Math.max(max[c], Double.longBitsToDouble(runs.value(r, 4)));
        }

        LabelVoxels voxels(int c, int label) {
            int o = 9 * c;
            int q = 6 * c;
            return new LabelVoxels(label, count[c], mom[o], mom[o + 1], mom[o + 2], mom[o + 3], mom[o + 4], mom[o + 5],
                    mom[o + 6], mom[o + 7], mom[o + 8], box[q], box[q + 1], box[q + 2], box[q + 3], box[q + 4], box[q + 5],
                    faces[3 * c], faces[3 * c + 1], faces[3 * c + 2]);
        }

        LabelIntensity[] intensity(Volume image, double[] ps, int[] index, HistogramPassFactory factory, int budget) {
            int m = count.length;
            Rescale rs = image.rescale();
            double slope = rs.slope();
            double icpt = rs.intercept();
            // NB: with a negative slope the order reverses: percentile p of the values is the raw
            // percentile 1 - p, rescaled.
            double[] rawPs = new double[ps.length];
            for (int q = 0; q < ps.length; q++) {
                rawPs[q] = slope < 0 ? 1 - ps[q] : ps[q];
            }
            long[][] ranks = new long[m][];
            long[] kmin = new long[m];
            long[] kmax = new long[m];
            for (int c = 0; c < m; c++) {
                if (valid[c] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("label has too many voxels for exact percentiles: " + valid[c]);
                }
                ranks[c] = valid[c] == 0 || ps.length == 0 ? new long[0] : OrderStatistics.ranksFor(valid[c], rawPs);
                kmin[c] = valid[c] == 0 ? 0 : OrderStatistics.key(type, min[c]);
                kmax[c] = valid[c] == 0 ? 0 : OrderStatistics.key(type, max[c]);
            }
            boolean any = Arrays.stream(ranks).anyMatch(x -> x.length > 0);
            long[][] keys = any ? OrderStatistics.select(kmin, kmax, ranks, budget, factory.create(index)) : new long[m][0];
            LabelIntensity[] out = new LabelIntensity[m];
            for (int c = 0; c < m; c++) {
                long n = valid[c];
                double[] pv = new double[ps.length];
                if (n == 0) {
                    Arrays.fill(pv, Double.NaN);
                    out[c] = new LabelIntensity(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ps, pv);
                    continue;
                }
                double rawMean;
                double rawVar;
                if (exact) {
                    rawMean = (double) s1[c] / n;
                    BigInteger sq = BigInteger.valueOf(s2hi[c]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(s2lo[c])));
                    BigInteger num = sq.multiply(BigInteger.valueOf(n)).subtract(BigInteger.valueOf(s1[c]).pow(2));
                    BigInteger den = BigInteger.valueOf(n).pow(2);
                    rawVar = new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
                } else {
                    rawMean = mean[c];
                    rawVar = m2[c] / n;
                }
                double[] sel = new double[ranks[c].length];
                for (int x = 0; x < sel.length; x++) {
                    sel[x] = OrderStatistics.value(type, keys[c][x]);
                }
                for (int q = 0; q < ps.length; q++) {
                    pv[q] = slope * OrderStatistics.percentile(n, rawPs[q], ranks[c], sel) + icpt;
                }
                double a = slope * min[c] + icpt;
                double b = slope * max[c] + icpt;
                double meanV = slope * rawMean + icpt;
                double std = Math.abs(slope) * Math.sqrt(Math.max(0, rawVar));
                out[c] = new LabelIntensity(n, meanV * n, n * (std * std + meanV * meanV), meanV, std, Math.min(a, b),
                        Math.max(a, b), ps, pv);
            }
            return out;
        }
    }
}
