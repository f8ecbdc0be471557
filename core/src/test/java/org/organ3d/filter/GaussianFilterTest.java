package org.organ3d.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;

class GaussianFilterTest {

    private static final double[] SPACING = {0.7, 0.7, 2.5};

    static float[][] random(Dimensions d, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[d.nz()][d.sliceSize()];
        for (float[] s : v) {
            for (int x = 0; x < s.length; x++) {
                s[x] = (float) (r.nextGaussian() * 100);
            }
        }
        return v;
    }

    @Test
    void constantStaysConstant() {
        Dimensions d = new Dimensions(17, 13, 9);
        float[][] v = new float[d.nz()][d.sliceSize()];
        for (float[] s : v) {
            java.util.Arrays.fill(s, -860f);
        }
        float[][] g = GaussianFilter.smooth(v, d, SPACING, 3.0, new int[] {1, 1, 1});
        for (float[] s : g) {
            for (float x : s) {
                assertEquals(-860f, x, 1e-2f);
            }
        }
    }

    @Test
    void aDeltaBecomesTheSeparableSampledGaussian() {
        Dimensions d = new Dimensions(31, 31, 15);
        float[][] v = new float[d.nz()][d.sliceSize()];
        v[7][d.offsetInSlice(15, 15)] = 1000;
        double sigma = 1.5;
        float[][] g = GaussianFilter.smooth(v, d, SPACING, sigma, new int[] {1, 1, 1});
        float[] kx = GaussianFilter.kernel(sigma, SPACING[0]);
        float[] kz = GaussianFilter.kernel(sigma, SPACING[2]);
        int rx = kx.length / 2;
        int rz = kz.length / 2;
        double sum = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int di = i - 15;
                    int dj = j - 15;
                    int dk = k - 7;
                    double want = Math.abs(di) <= rx && Math.abs(dj) <= rx && Math.abs(dk) <= rz
                            ? 1000.0 * kx[di + rx] * kx[dj + rx] * kz[dk + rz] : 0;
                    assertEquals(want, g[k][d.offsetInSlice(i, j)], 1e-3);
                    sum += g[k][d.offsetInSlice(i, j)];
                }
            }
        }
        assertEquals(1000, sum, 0.05);
        // The kernel is the normalised exp(-x²/2σ²): its variance is σ² up to truncation and sampling.
        double var = 0;
        for (int t = -rx; t <= rx; t++) {
            var += kx[t + rx] * Math.pow(t * SPACING[0], 2);
        }
        assertEquals(sigma * sigma, var, 0.03 * sigma * sigma);
    }

    @Test
    void sampledOutputEqualsTheFullResultAtTheSamplePoints() {
        Dimensions d = new Dimensions(23, 19, 11);
        float[][] v = random(d, 3);
        int[] step = {3, 2, 2};
        float[][] full = GaussianFilter.smooth(v, d, SPACING, 2.0, new int[] {1, 1, 1});
        float[][] coarse = GaussianFilter.smooth(v, d, SPACING, 2.0, step);
        Dimensions c = GaussianFilter.sampledDimensions(d, step);
        assertEquals(new Dimensions(8, 10, 6), c);
        for (int kc = 0; kc < c.nz(); kc++) {
            for (int jc = 0; jc < c.ny(); jc++) {
                for (int ic = 0; ic < c.nx(); ic++) {
                    assertEquals(full[kc * step[2]][d.offsetInSlice(ic * step[0], jc * step[1])], coarse[kc][c.offsetInSlice(ic, jc)], 0f);
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() throws Exception {
        Dimensions d = new Dimensions(40, 30, 20);
        float[][] v = random(d, 11);
        float[][] a = GaussianFilter.smooth(v, d, SPACING, 1.3, new int[] {1, 1, 1});
        float[][] b = new java.util.concurrent.ForkJoinPool(1).submit(() -> GaussianFilter.smooth(v, d, SPACING, 1.3, new int[] {1, 1, 1})).get();
        for (int k = 0; k < d.nz(); k++) {
            assertArrayEquals(a[k], b[k]);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        Dimensions d = new Dimensions(4, 4, 4);
        float[][] v = new float[4][16];
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.smooth(v, d, SPACING, -1, new int[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.smooth(v, d, SPACING, 1, new int[] {0, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.smooth(v, d, new double[] {1, 1}, 1, new int[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.smooth(new float[3][16], d, SPACING, 1, new int[] {1, 1, 1}));
    }
}
