package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;

class ThresholdTest {

    private static final Dimensions D = new Dimensions(16, 8, 4);

    @Test
    void boundsAreInclusiveOnRescaledValues() {
        // raw 0..511, rescale 2x - 1024 -> HU -1024..-2, so HU = 2*raw - 1024
        Volume v = Phantoms.int16(D, Geometry.unit(), (i, j, k) -> i + 16 * j + 128 * k).withRescale(new Rescale(2, -1024));
        LabelMap m = Threshold.apply(v, -1000, -900);
        // raw 12..62 inclusive -> 51 voxels
        assertEquals(Map.of(1, 51L), m.counts());
        assertEquals(1, m.label(12, 0, 0));
        assertEquals(0, m.label(11, 0, 0));
        assertEquals(1, m.label(14, 3, 0));
        assertEquals(0, m.label(15, 3, 0));
        assertEquals(v.geometry(), m.geometry());
        assertEquals(Map.of(300, 51L), Threshold.apply(v, new ThresholdRange(-1000, -900), 300).counts());
    }

    @Test
    void reversedAndMalformedRangesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdRange.parse("300:100"));
        assertTrue(e.getMessage().contains("reversed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThresholdRange.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> ThresholdRange.parse("1:x"));
        assertEquals(new ThresholdRange(300, Double.POSITIVE_INFINITY), ThresholdRange.parse("300:"));
        assertEquals(new ThresholdRange(-5.5, 7), ThresholdRange.parse("-5.5:7"));
    }

    @Test
    void presetsHaveTheirDocumentedRanges() {
        assertEquals(new ThresholdRange(300, 3000), HuPresets.byName("bone").range());
        assertEquals(new ThresholdRange(-29, 150), HuPresets.byName("soft-tissue").range());
        assertEquals(new ThresholdRange(-1000, -400), HuPresets.byName("LUNG").range());
        assertEquals(new ThresholdRange(-190, -30), HuPresets.byName("fat").range());
        assertEquals(new ThresholdRange(200, 600), HuPresets.byName("contrast_vessel").range());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuPresets.byName("brain"));
        assertTrue(e.getMessage().contains("contrast-vessel"));
    }

    @Test
    void otsuOnATwoClassPhantomLandsBetweenTheClasses() {
        Random r = new Random(4);
        Dimensions d = new Dimensions(32, 32, 8);
        // 30 % of voxels at 400 ± 25, the rest at -50 ± 25
        Volume v = Phantoms.int16(d, Geometry.unit(), (i, j, k) -> (i < 10 ? 400 : -50) + r.nextGaussian() * 25);
        Otsu.Result o = Otsu.threshold(v);
        assertTrue(o.threshold() > 100 && o.threshold() < 250, "threshold " + o.threshold());
        assertEquals(Map.of(1, 10L * 32 * 8), Threshold.apply(v, o.upperClass(), 1).counts());
        // two clean values: the split is half-way (to one bin)
        Volume clean = Phantoms.int16(d, Geometry.unit(), (i, j, k) -> i < 5 ? 100 : 0);
        Otsu.Result c = Otsu.threshold(clean);
        assertEquals(50, c.threshold(), c.binWidth());
        // constant image: no split, the value itself
        assertEquals(7, Otsu.threshold(Phantoms.int16(d, Geometry.unit(), (i, j, k) -> 7)).threshold());
    }

    @Test
    void otsuLeavesNanVoxelsOut() {
        Dimensions d = new Dimensions(8, 8, 2);
        org.organ3d.volume.Volume.Builder b = Volume.builder(d, org.organ3d.volume.VoxelType.FLOAT32, Geometry.unit());
        for (int k = 0; k < 2; k++) {
            FloatBuffer s = b.floatsForWriting(k);
            for (int x = 0; x < s.capacity(); x++) {
                s.put(x, (float) (x % 8 == 0 ? Float.NaN : x % 8 < 3 ? 10f : 30f));
            }
        }
        Otsu.Result o = Otsu.threshold(b.build());
        assertEquals(10, o.min());
        assertEquals(20, o.threshold(), o.binWidth());
        Volume constant = Phantoms.int16(d, Geometry.unit(), (i, j, k) -> 0);
        assertEquals(0, Otsu.threshold(constant).threshold());
    }

    @Test
    void otsuOfAHistogramMatchesTheDefinition() {
        long[] h = {5, 9, 0, 0, 1, 20, 30, 2};
        Otsu.Result o = Otsu.fromHistogram(h, 0, 1);
        double best = -1;
        int arg = -1;
        int lastArg = -1;
        for (int t = 0; t < h.length - 1; t++) {
            double w0 = 0;
            double w1 = 0;
            double s0 = 0;
            double s1 = 0;
            for (int b = 0; b < h.length; b++) {
                if (b <= t) {
                    w0 += h[b];
                    s0 += h[b] * (b + 0.5);
                } else {
                    w1 += h[b];
                    s1 += h[b] * (b + 0.5);
                }
            }
            double v = w0 * w1 * Math.pow(s0 / w0 - s1 / w1, 2);
            if (v > best) {
                best = v;
                arg = t;
                lastArg = t;
            } else if (v == best) {
                lastArg = t;
            }
        }
        // bins 2 and 3 are empty: splits after bin 1, 2 and 3 tie, and the middle one is taken
        assertEquals(1, arg);
        assertEquals(3, lastArg);
        assertEquals((arg + lastArg) / 2 + 1, o.threshold(), 1e-12);
    }
}
