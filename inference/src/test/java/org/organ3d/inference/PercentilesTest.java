package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Per-volume statistics against a plain sort of all values (numpy's percentile definition). */
class PercentilesTest {

    @Test
    void percentilesEqualSortedValues() {
        Random r = new Random(7);
        Dimensions d = new Dimensions(23, 19, 11);
        Volume.Builder b = Volume.builder(d, VoxelType.FLOAT32, Geometry.unit());
        float[] all = new float[(int) d.voxelCount()];
        int n = 0;
        for (int k = 0; k < d.nz(); k++) {
            FloatBuffer s = b.floatsForWriting(k);
            for (int i = 0; i < s.capacity(); i++) {
                s.put(i, (float) ((float) (r.nextGaussian() * 300 - (i % 7 == 0 ? 0.0 : 50))));
                if (i % 97 == 0) {
                    s.put(i, (float) (-0.0f));
                }
                all[n++] = s.get(i);
            }
        }
        Volume v = b.build();
        Arrays.sort(all);
        double[] ps = {0, 0.5, 1, 25, 50, 73.3, 99.5, 100};
        double[] got = Percentiles.of(v, ps);
        for (int q = 0; q < ps.length; q++) {
            double rank = ps[q] / 100 * (all.length - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(lo + 1, all.length - 1);
            double want = all[lo] + (rank - lo) * ((double) all[hi] - all[lo]);
            assertEquals(want, got[q], 1e-9 * Math.max(1, Math.abs(want)), "percentile " + ps[q]);
        }
    }

    @Test
    void integerVolumesThroughTheirRescale() {
        Dimensions d = new Dimensions(16, 16, 8);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.unit()).rescale(new Rescale(2, -1024));
        double sum = 0;
        double sq = 0;
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int i = 0; i < s.capacity(); i++) {
                s.put(i, (short) ((short) ((i * 37 + k * 11) % 1500)));
                double x = s.get(i) * 2.0 - 1024;
                sum += x;
                sq += x * x;
            }
        }
        Volume v = b.build();
        double mean = sum / d.voxelCount();
        double[] ms = Percentiles.meanAndStd(v);
        assertEquals(mean, ms[0], 1e-9);
        assertEquals(Math.sqrt(sq / d.voxelCount() - mean * mean), ms[1], 1e-6);
        double[] ext = Percentiles.of(v, 0, 100);
        assertEquals(-1024, ext[0]);
        assertTrue(ext[1] <= 2 * 1499 - 1024);
        Normalization.Resolved z = new Normalization.ZScore().resolve(v);
        assertEquals(0, (z.apply((float) mean)), 1e-6);
        Normalization.Resolved ct = new Normalization.CtPercentiles(0, 100, 10, 2).resolve(v);
        assertEquals((ext[1] - 10) / 2, ct.apply(1e6f), 1e-4, "clipped at the 100th percentile");
    }
}
