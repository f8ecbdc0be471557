package org.organ3d.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.LabelVoxels;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class ScanIntensityReportTest {

    /** Random blobs of labels 1..5 on a sheared grid. */
    static LabelMap randomMap(long seed) {
        Random r = new Random(seed);
        Dimensions d = new Dimensions(23, 17, 11);
        Geometry g = Phantoms.oblique(0.9, 1.1, 2.0);
        int[] lab = new int[23 * 17 * 11];
        for (int x = 0; x < lab.length; x++) {
            lab[x] = r.nextInt(3) == 0 ? 1 + r.nextInt(5) : 0;
        }
        return Phantoms.draw(d, g, (i, j, k) -> lab[(k * 17 + j) * 23 + i]);
    }

    @Test
    void scanMatchesBruteForceCountsMomentsFacesAndExtents() {
        LabelMap m = randomMap(11);
        LabelStatistics s = new JavaBackend().labelStatistics(m, null, LabelStatistics.Options.all());
        Dimensions d = m.dimensions();
        assertEquals(m.counts().size(), s.size());
        for (int c = 0; c < s.size(); c++) {
            int label = s.label(c);
            LabelVoxels lv = s.voxels(c);
            RowExtents e = RowExtents.of(s, c);
            long n = 0;
            long sij = 0;
            long skk = 0;
            long fi = 0;
            long fj = 0;
            long fk = 0;
            for (int k = 0; k < d.nz(); k++) {
                for (int j = 0; j < d.ny(); j++) {
                    int lo = Integer.MAX_VALUE;
                    int hi = Integer.MIN_VALUE;
                    for (int i = 0; i < d.nx(); i++) {
                        if (m.label(i, j, k) != label) {
                            continue;
                        }
                        n++;
                        sij += (long) i * j;
                        skk += (long) k * k;
                        lo = Math.min(lo, i);
                        hi = Math.max(hi, i);
                        fi += differs(m, label, i - 1, j, k) + differs(m, label, i + 1, j, k);
                        fj += differs(m, label, i, j - 1, k) + differs(m, label, i, j + 1, k);
                        fk += differs(m, label, i, j, k - 1) + differs(m, label, i, j, k + 1);
                    }
                    if (lo <= hi) {
                        assertEquals(lo, e.lo(j, k));
                        assertEquals(hi, e.hi(j, k));
                    } else if (j >= e.j0 && j <= e.j1 && k >= e.k0 && k <= e.k1) {
                        assertTrue(!e.hasRow(j, k));
                    }
                }
            }
            assertEquals(m.counts().get(label), lv.count());
            assertEquals(n, lv.count());
            assertEquals(sij, lv.sumIJ());
            assertEquals(skk, lv.sumKK());
            assertEquals(fi, lv.facesI());
            assertEquals(fj, lv.facesJ());
            assertEquals(fk, lv.facesK());
        }
        LabelStatistics two = new JavaBackend().labelStatistics(m, null,
                new LabelStatistics.Options(Set.of(2, 4, 99), new double[0], false));
        assertEquals(2, two.size());
        assertEquals(2, two.label(0));
        assertEquals(4, two.label(1));
    }

    private static int differs(LabelMap m, int label, int i, int j, int k) {
        return m.dimensions().contains(i, j, k) && m.label(i, j, k) == label ? 0 : 1;
    }

    @Test
    void intensityStatisticsMatchSortingWithNumpyLinearPercentiles() {
        LabelMap m = randomMap(5);
        Dimensions d = m.dimensions();
        Random r = new Random(9);
        for (VoxelType t : new VoxelType[] {VoxelType.INT16, VoxelType.FLOAT32}) {
            Volume.Builder b = Volume.builder(d, t, m.geometry()).rescale(new Rescale(0.5, -1024));
            for (int k = 0; k < d.nz(); k++) {
                java.nio.Buffer s = b.sliceForWriting(k);
                for (int x = 0; x < d.sliceSize(); x++) {
                    if (s instanceof java.nio.ShortBuffer ss) {
                        ss.put(x, (short) (r.nextInt(4000) - 1000));
                    } else {
                        ((java.nio.FloatBuffer) s).put(x, (float) (r.nextGaussian() * 300));
                    }
                }
            }
            Volume img = b.build();
            List<LabelMeasurement> all = LabelMeasurements.measure(m, null, img, null);
            for (LabelMeasurement lm : all) {
                double[] v = new double[(int) lm.voxelCount()];
                int p = 0;
                for (int k = 0; k < d.nz(); k++) {
                    for (int j = 0; j < d.ny(); j++) {
                        for (int i = 0; i < d.nx(); i++) {
                            if (m.label(i, j, k) == lm.label()) {
                                v[p++] = img.value(i, j, k);
                            }
                        }
                    }
                }
                Arrays.sort(v);
                double mean = Arrays.stream(v).average().orElseThrow();
                double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
                IntensityStats s = lm.intensity();
                assertEquals(v.length, s.count());
                assertEquals(mean, s.mean(), 1e-9 * Math.max(1, Math.abs(mean)));
                assertEquals(Math.sqrt(var), s.std(), 1e-9 * Math.sqrt(var));
                assertEquals(v[0], s.min(), 1e-9);
                assertEquals(v[v.length - 1], s.max(), 1e-9);
                assertEquals(numpyLinear(v, 50), s.median(), 1e-9);
                assertEquals(numpyLinear(v, 5), s.p05(), 1e-9);
                assertEquals(numpyLinear(v, 95), s.p95(), 1e-9);
            }
        }
    }

    /** numpy.percentile(v, q) with the default method, written out independently. */
    private static double numpyLinear(double[] sorted, double q) {
        double pos = q / 100.0 * (sorted.length - 1);
        int below = (int) pos;
        double frac = pos - below;
        return below + 1 < sorted.length ? sorted[below] * (1 - frac) + sorted[below + 1] * frac : sorted[below];
    }

    @Test
    void imageOnAnotherGridIsRejected() {
        LabelMap m = randomMap(1);
        Volume other = Volume.builder(new Dimensions(23, 17, 12), VoxelType.INT16, m.geometry()).fillMissingWithZeros().build();
        assertThrows(IllegalArgumentException.class, () -> LabelMeasurements.measure(m, null, other, null));
    }

    @Test
    void reportWritesContractKeysEscapesNamesAndNullsNonFiniteValues(@TempDir Path dir) throws Exception {
        LabelMap m = randomMap(2).withInfo(Map.of(3, new LabelInfo(3, "liver \"L\", segment\n4", 0xff0000ff)));
        Report rep = new Report("in \\ put.nii", null, LabelMeasurements.measure(m, Set.of(3), null, null), List.of());
        String json = rep.toJson();
        for (String key : new String[] {"\"labels\"", "\"input\": \"in \\\\ put.nii\"", "\"image\": null", "\"label\": 3",
            "\"name\": \"liver \\\"L\\\", segment\\n4\"", "\"voxelCount\"", "\"volumeMm3\"", "\"volumeCm3\"",
            "\"meshVolumeMm3\": null", "\"surfaceAreaMm2\": null", "\"centroidLps\"", "\"centroidRas\"", "\"centroidVoxel\"",
            "\"boundingBoxLps\"", "\"min\"", "\"max\"", "\"principalAxes\"", "\"principalLengthsMm\"",
            "\"orientedBoundingBoxMm\"", "\"maxFeretDiameterMm\"", "\"minFeretDiameterMm\"", "\"sphericity\": null",
            "\"recist\"", "\"longAxisMm\"", "\"shortAxisMm\"", "\"sliceIndex\"", "\"endpointsLps\"", "\"intensity\": null"}) {
            assertTrue(json.contains(key), key + " missing in\n" + json);
        }
        assertTrue(!json.contains("NaN") && !json.contains("Infinity"));
        String csv = rep.toCsv();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length);
        for (String h : lines[0].split(",")) {
            assertTrue(h.matches(".+ \\[[^\\]]+\\]"), "no unit in header " + h);
        }
        assertTrue(lines[1].startsWith("3,\"liver \"\"L\"\", segment\n4\",") || csv.contains("\"liver \"\"L\"\", segment\n4\""));
        Path out = dir.resolve("r.csv");
        rep.writeCsv(out);
        assertEquals(csv, Files.readString(out));
        assertEquals(1, Files.list(dir).count());
        assertNull(rep.labels().get(0).intensity());
    }

    @Test
    void uint16LabelMapsWithLargeLabelValuesAreMeasuredAndAnEmptyMapGivesAnEmptyReport() {
        Dimensions d = new Dimensions(12, 10, 8);
        Geometry g = Geometry.axisAligned(new Spacing(1, 1, 1));
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT16, g);
        Volume.Builder ib = Volume.builder(d, VoxelType.INT16, g);
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            ShortBuffer v = ib.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int label = i < 4 && j < 4 && k < 4 ? 65535 : i >= 6 && j >= 5 && k >= 3 ? 300 : 0;
                    s.put(j * d.nx() + i, (short) label);
                    v.put(j * d.nx() + i, (short) (label == 300 ? i * 10 : -7));
                }
            }
        }
        LabelMap m = new LabelMap(b.build(), null);
        List<LabelMeasurement> all = LabelMeasurements.measure(m, null, ib.build(), LabelSurfaces.indicatorIsoSurface());
        assertEquals(2, all.size());
        assertEquals(300, all.get(0).label());
        assertEquals(65535, all.get(1).label());
        assertEquals(6 * 5 * 5, all.get(0).voxelCount());
        assertEquals(new Vec3(8.5, 7, 5), all.get(0).centroidVoxel());
        assertEquals(85, all.get(0).intensity().mean(), 1e-12); // i = 6..11 → 10 i
        assertEquals(85, all.get(0).intensity().median(), 1e-12);
        assertEquals(64, all.get(1).voxelCount());
        assertEquals(-7, all.get(1).intensity().max(), 0);
        assertEquals(Math.sqrt(48), all.get(1).maxFeretDiameterMm(), 1e-9);
        assertTrue(all.get(1).meshVolumeMm3() > 50 && all.get(1).meshVolumeMm3() < 64);

        LabelMap empty = new LabelMap(Volume.builder(d, VoxelType.UINT8, g).fillMissingWithZeros().build(), null);
        Report r = new Report("empty", null, LabelMeasurements.measure(empty), List.of());
        assertTrue(r.toJson().contains("\"labels\": []"), r.toJson());
        assertEquals(1, r.toCsv().split("\r\n").length);
    }
}
