package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;

class SlidingWindowTest {

    /** nnU-Net's steps: ceil((300 - 128) / 64) + 1 = 4 patches of 128 over 300 voxels at 0.5 overlap. */
    @Test
    void stepsAsNnunet() {
        assertArrayEquals(new int[] {0, 57, 115, 172}, SlidingWindow.steps(300, 128, 0.5));
        assertArrayEquals(new int[] {0}, SlidingWindow.steps(128, 128, 0.5));
        assertArrayEquals(new int[] {-8}, SlidingWindow.steps(112, 128, 0.5));
        assertArrayEquals(new int[] {0, 64, 128}, SlidingWindow.steps(256, 128, 0.5));
        assertArrayEquals(new int[] {0, 128}, SlidingWindow.steps(256, 128, 0.0));
    }

    @Test
    void everyVoxelCoveredAndNeighboursOverlap() {
        for (int n = 1; n < 90; n += 7) {
            for (int v = 1; v < 40; v += 5) {
                for (double o : new double[] {0, 0.25, 0.5, 0.9}) {
                    int[] s = SlidingWindow.steps(n, v, o);
                    int covered = 0;
                    for (int i = 0; i < s.length; i++) {
                        if (i > 0) {
                            assertTrue(s[i] > s[i - 1], "ascending");
                            assertTrue(s[i - 1] + v - s[i] >= Math.floor(o * v) - 1, "overlap kept");
                        }
                        assertTrue(s[i] + v > covered, "no gap at " + covered);
                        covered = Math.max(covered, s[i] + v);
                    }
                    assertTrue(s[0] <= 0 && covered >= n, n + " " + v + " " + o);
                }
            }
        }
    }

    @Test
    void gaussianWeightsAreSymmetricWithTheirMaximumAtTheCentre() {
        SlidingWindow w = new SlidingWindow(new Dimensions(40, 40, 40), new int[] {9, 8, 7}, new int[] {9, 8, 7},
                new int[] {0, 1, 0}, 0.5, true, 0.125);
        int[] v = w.validSize();
        assertArrayEquals(new int[] {9, 6, 7}, v);
        float[] g = w.weights();
        float max = 0;
        for (int z = 0; z < v[2]; z++) {
            for (int y = 0; y < v[1]; y++) {
                for (int x = 0; x < v[0]; x++) {
                    float a = g[x + v[0] * (y + v[1] * z)];
                    float b = g[(v[0] - 1 - x) + v[0] * ((v[1] - 1 - y) + v[1] * (v[2] - 1 - z))];
                    assertEquals(a, b, 1e-7f * a, "symmetric");
                    assertTrue(a > 0);
                    max = Math.max(max, a);
                }
            }
        }
        assertEquals(max, g[4 + 9 * (2 + 6 * 3)], "largest at the centre");
        assertEquals(max, g[4 + 9 * (3 + 6 * 3)], "largest at the centre");
        assertTrue(max <= 1f && max > 0.9f);
        assertTrue(g[0] < 1e-6f * max, "corners weigh almost nothing: " + g[0]);
    }
}
