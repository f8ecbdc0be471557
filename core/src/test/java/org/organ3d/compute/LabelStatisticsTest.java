package org.organ3d.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The Java multi-label pass against a brute-force witness written here voxel by voxel (counts,
 * moments, boxes, faces, rows; intensities by sorting every label's values), for every image type,
 * rescales of both signs, NaN samples, labels touching the border and percentile selection in
 * several histogram rounds.
 */
class LabelStatisticsTest {

    static LabelMap randomLabels(Dimensions d, int labels, long seed, VoxelType type) {
        Random r = new Random(seed);
        Volume.Builder b = LabelMap.builder(d, type, Geometry.axisAligned(new Spacing(0.8, 0.9, 2.5), new Vector3d(-10, 4, 7)));
        for (int k = 0; k < d.nz(); k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            for (int x = 0; x < d.sliceSize(); x++) {
                // runs of equal labels along i, as real label maps have
                int v = x % d.nx() == 0 || r.nextInt(4) == 0 ? (r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(labels)) : -1;
                int prev = x == 0 ? 0 : type == VoxelType.UINT8 ? ((java.nio.ByteBuffer) s).get(x - 1) & 0xFF : ((java.nio.ShortBuffer) s).get(x - 1) & 0xFFFF;
                int l = v < 0 ? prev : v;
                if (s instanceof java.nio.ByteBuffer bb) {
                    bb.put(x, (byte) l);
                } else {
                    ((java.nio.ShortBuffer) s).put(x, (short) l);
                }
            }
        }
        return new LabelMap(b.build(), null);
    }

    static Volume randomImage(Dimensions d, VoxelType t, Rescale rs, long seed, boolean nans) {
        Random r = new Random(seed);
        Volume.Builder b = Volume.builder(d, t, Geometry.axisAligned(new Spacing(0.8, 0.9, 2.5), new Vector3d(-10, 4, 7))).rescale(rs);
        for (int k = 0; k < d.nz(); k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            for (int x = 0; x < d.sliceSize(); x++) {
                switch (t) {
                    case UINT8 -> ((java.nio.ByteBuffer) s).put(x, (byte) ((byte) r.nextInt(256)));
                    case INT8 -> ((java.nio.ByteBuffer) s).put(x, (byte) ((byte) (r.nextInt(256) - 128)));
                    case INT16 -> ((java.nio.ShortBuffer) s).put(x, (short) ((short) (r.nextInt(4000) - 1024)));
                    case UINT16 -> ((java.nio.ShortBuffer) s).put(x, (short) ((short) r.nextInt(65536)));
                    case INT32 -> ((java.nio.IntBuffer) s).put(x, (int) (r.nextInt() >> r.nextInt(20)));
                    case FLOAT32 -> ((java.nio.FloatBuffer) s).put(x, (float) (nans && r.nextInt(50) == 0 ? Float.NaN
                            : r.nextInt(7) == 0 ? -0f : (float) (r.nextGaussian() * 1e3 * Math.pow(10, r.nextInt(5) - 2))));
                }
            }
        }
        return b.build();
    }

    @Test
    void everyQuantityMatchesABruteForceWitnessForEveryImageType() {
        Dimensions d = new Dimensions(19, 13, 9);
        for (VoxelType t : VoxelType.values()) {
            for (Rescale rs : new Rescale[] {Rescale.IDENTITY, new Rescale(-0.5, 12.25)}) {
                LabelMap map = randomLabels(d, 7, t.ordinal(), VoxelType.UINT16);
                Volume img = randomImage(d, t, rs, 31 + t.ordinal(), true);
                LabelStatistics s = new JavaBackend().labelStatistics(map, img, LabelStatistics.Options.all());
                check(map, img, s, LabelStatistics.Options.DEFAULT_PERCENTILES);
                // The same in several histogram rounds (tiny budget: 256 bins per window).
                LabelRuns runs = LabelRunScan.runs(map, img);
                LabelStatistics small = LabelStatistics.merge(runs, map, img, LabelStatistics.Options.all(),
                        index -> LabelRunScan.histogramPass(runs, map, img, index), 1);
                for (int c = 0; c < s.size(); c++) {
                    assertEquals(s.intensity(c), small.intensity(c), t + " label " + s.label(c));
                }
            }
        }
    }

    @Test
    void fiveThousandLabelsAndARequestedSubset() {
        Dimensions d = new Dimensions(64, 48, 20);
        LabelMap map = randomLabels(d, 5000, 5, VoxelType.UINT16);
        Volume img = randomImage(d, VoxelType.INT16, new Rescale(1, -1024), 6, false);
        LabelStatistics s = new JavaBackend().labelStatistics(map, img, LabelStatistics.Options.all());
        assertTrue(s.size() > 4000, "labels present: " + s.size());
        check(map, img, s, LabelStatistics.Options.DEFAULT_PERCENTILES);
        LabelStatistics sub = new JavaBackend().labelStatistics(map, null,
                new LabelStatistics.Options(Set.of(s.label(3), s.label(100), 65000), new double[0], false));
        assertEquals(List.of(s.label(3), s.label(100)), sub.labels());
        assertEquals(s.voxels(100), sub.voxels(1));
        assertNull(sub.intensity(0));
        assertThrows(IllegalStateException.class, () -> sub.forEachRow(0, (k, j, lo, hi) -> { }));
        assertEquals(-1, sub.indexOf(65000));
    }

    @Test
    void emptyMapsAndMismatchedImagesAndOptions() {
        Dimensions d = new Dimensions(5, 4, 3);
        LabelMap empty = new LabelMap(LabelMap.builder(d, VoxelType.UINT8, Geometry.axisAligned(new Spacing(1, 1, 1)))
                .fillMissingWithZeros().build(), null);
        LabelStatistics s = new JavaBackend().labelStatistics(empty, randomImage(d, VoxelType.INT16, Rescale.IDENTITY, 1, false),
                LabelStatistics.Options.all());
        assertEquals(0, s.size());
        Volume other = randomImage(new Dimensions(5, 4, 4), VoxelType.INT16, Rescale.IDENTITY, 1, false);
        assertThrows(IllegalArgumentException.class, () -> new JavaBackend().labelStatistics(empty, other, LabelStatistics.Options.all()));
        assertThrows(IllegalArgumentException.class, () -> new LabelStatistics.Options(null, new double[] {1.5}, true));
    }

    @Test
    void keysFollowTheValueOrder() {
        float[] v = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1, -Float.MIN_VALUE, 0, Float.MIN_VALUE, 1, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY};
        for (int x = 1; x < v.length; x++) {
            assertTrue(OrderStatistics.key(VoxelType.FLOAT32, v[x - 1]) < OrderStatistics.key(VoxelType.FLOAT32, v[x]));
            assertEquals(v[x], OrderStatistics.value(VoxelType.FLOAT32, OrderStatistics.key(VoxelType.FLOAT32, v[x])));
        }
        assertEquals(OrderStatistics.key(VoxelType.FLOAT32, 0f), OrderStatistics.key(VoxelType.FLOAT32, -0f));
        assertArrayEquals(new long[] {0, 1, 4, 5}, OrderStatistics.ranksFor(6, new double[] {0.1, 0.9}));
    }

    /** The witness: one plain loop over the voxels, per-label sums in arrays indexed by label value. */
    static void check(LabelMap map, Volume img, LabelStatistics s, double[] ps) {
        Dimensions d = map.dimensions();
        List<Integer> present = new ArrayList<>(map.counts().keySet());
        present.remove(Integer.valueOf(0));
        present.sort(null);
        assertEquals(present, s.labels());
        int top = present.isEmpty() ? 0 : present.get(present.size() - 1);
        long[] n = new long[top + 1];
        long[][] mom = new long[top + 1][9];
        long[][] faces = new long[top + 1][3];
        int[][] box = new int[top + 1][];
        List<List<int[]>> rows = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (int l = 0; l <= top; l++) {
            box[l] = new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Integer.MIN_VALUE};
            rows.add(new ArrayList<>());
            values.add(new ArrayList<>());
        }
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int label = map.label(i, j, k);
                    if (label == 0) {
                        continue;
                    }
                    List<int[]> r = rows.get(label);
                    int[] last = r.isEmpty() ? null : r.get(r.size() - 1);
                    if (last != null && last[0] == k && last[1] == j) {
                        last[3] = i;
                    } else {
                        r.add(new int[] {k, j, i, i});
                    }
                    n[label]++;
                    long[] p = {i, j, k, (long) i * i, (long) j * j, (long) k * k, (long) i * j, (long) i * k, (long) j * k};
                    for (int q = 0; q < 9; q++) {
                        mom[label][q] += p[q];
                    }
                    int[] b = box[label];
                    b[0] = Math.min(b[0], i);
                    b[1] = Math.max(b[1], i);
                    b[2] = Math.min(b[2], j);
                    b[3] = Math.max(b[3], j);
                    b[4] = Math.min(b[4], k);
                    b[5] = Math.max(b[5], k);
                    faces[label][0] += differs(map, label, i - 1, j, k) + differs(map, label, i + 1, j, k);
                    faces[label][1] += differs(map, label, i, j - 1, k) + differs(map, label, i, j + 1, k);
                    faces[label][2] += differs(map, label, i, j, k - 1) + differs(map, label, i, j, k + 1);
                    double raw = img.raw(i, j, k);
                    if (!Double.isNaN(raw)) {
                        values.get(label).add(raw == 0 ? 0 : raw);
                    }
                }
            }
        }
        for (int c = 0; c < s.size(); c++) {
            int label = s.label(c);
            int[] b = box[label];
            long[] m = mom[label];
            long[] f = faces[label];
            assertEquals(new LabelVoxels(label, n[label], m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8],
                    b[0], b[1], b[2], b[3], b[4], b[5], f[0], f[1], f[2]), s.voxels(c));
            List<int[]> got = new ArrayList<>();
            s.forEachRow(c, (k, j, lo, hi) -> got.add(new int[] {k, j, lo, hi}));
            assertEquals(rows.get(label).size(), got.size());
            for (int x = 0; x < got.size(); x++) {
                assertArrayEquals(rows.get(label).get(x), got.get(x));
            }
            LabelIntensity li = s.intensity(c);
            double[] raw = values.get(label).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int nv = raw.length;
            double a = img.rescale().slope();
            double bb = img.rescale().intercept();
            assertEquals(nv, li.count(), img.type() + " label " + label);
            if (nv == 0) {
                continue;
            }
            double mean = 0;
            for (double x : raw) {
                mean += x;
            }
            mean /= nv;
            double ss = 0;
            for (double x : raw) {
                ss += (x - mean) * (x - mean);
            }
            double std = Math.abs(a) * Math.sqrt(ss / nv);
            double rmean = a * mean + bb;
            assertEquals(rmean, li.mean(), 1e-10 * Math.max(1, Math.abs(rmean)) + 1e-12 * Math.abs(a) * raw[nv - 1]);
            assertEquals(std, li.std(), 1e-9 * std + 1e-300);
            assertEquals(Math.min(a * raw[0] + bb, a * raw[nv - 1] + bb), li.min(), 0);
            assertEquals(Math.max(a * raw[0] + bb, a * raw[nv - 1] + bb), li.max(), 0);
            for (int q = 0; q < ps.length; q++) {
                double p = a < 0 ? 1 - ps[q] : ps[q];
                double h = (nv - 1) * p;
                int lo = (int) Math.floor(h);
                double x = raw[lo] + (h - lo) * (raw[Math.min(lo + 1, nv - 1)] - raw[lo]);
                assertEquals(a * x + bb, li.percentiles()[q], 0, img.type() + " label " + label + " p" + ps[q]);
            }
        }
    }

    private static int differs(LabelMap m, int label, int i, int j, int k) {
        return m.dimensions().contains(i, j, k) && m.label(i, j, k) == label ? 0 : 1;
    }
}
