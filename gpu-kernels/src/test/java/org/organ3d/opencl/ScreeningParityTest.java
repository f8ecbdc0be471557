package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.filter.FilterPasses;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Dimensions;

/**
 * The screening passes on the device equal the Java classes: the sampled Gaussian bit for bit
 * (same float sums, same order), the Hessian blob response to a few ulps (device acos/cos), on
 * anisotropic grids, steps 1–4, both selectivities, with and without a mask.
 */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class ScreeningParityTest {

    private static OpenClBackend cl;

    @BeforeAll
    static void open() {
        cl = new OpenClBackend();
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
    }

    /** Noise plus two bright and one dark Gaussian blob, HU-like values. */
    private static float[][] image(Dimensions d, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[d.nz()][d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double b = 900 * Math.exp(-(Math.pow(i - 10, 2) + Math.pow(j - 12, 2) + Math.pow(2.5 * (k - 6), 2)) / 18)
                            + 300 * Math.exp(-(Math.pow(i - 25, 2) + Math.pow(j - 20, 2) + Math.pow(2.5 * (k - 8), 2)) / 30)
                            - 200 * Math.exp(-(Math.pow(i - 30, 2) + Math.pow(j - 8, 2) + Math.pow(2.5 * (k - 4), 2)) / 12);
                    v[k][j * d.nx() + i] = (float) (-860 + b + 30 * r.nextGaussian());
                }
            }
        }
        return v;
    }

    @Test
    void gaussianIsIdenticalToJava() {
        Dimensions d = new Dimensions(37, 29, 13);
        double[] sp = {0.7, 0.7, 2.5};
        float[][] img = image(d, 1);
        for (double sigma : new double[] {0.4, 1.25, 3.5}) {
            for (int[] step : new int[][] {{1, 1, 1}, {2, 3, 1}, {4, 4, 2}}) {
                float[][] want = FilterPasses.JAVA.gaussian(img, d, sp, sigma, step);
                float[][] got = cl.gaussian(img, d, sp, sigma, step);
                assertEquals(want.length, got.length);
                for (int k = 0; k < want.length; k++) {
                    assertArrayEquals(want[k], got[k], "sigma " + sigma + " step " + java.util.Arrays.toString(step) + " slice " + k);
                }
            }
        }
    }

    @Test
    void hessianResponseAgreesWithJava() {
        Dimensions d = new Dimensions(37, 29, 13);
        double[] sp = {0.7, 0.8, 2.5};
        float[][] sm = FilterPasses.JAVA.gaussian(image(d, 2), d, sp, 1.75, new int[] {1, 1, 1});
        byte[][] mask = new byte[d.nz()][d.sliceSize()];
        Random r = new Random(3);
        for (byte[] m : mask) {
            for (int x = 0; x < m.length; x++) {
                m[x] = (byte) (r.nextInt(3) == 0 ? 0 : 1);
            }
        }
        int nonZero = 0;
        for (int p = 0; p <= 1; p++) {
            for (byte[][] m : new byte[][][] {null, mask}) {
                float[][] want = FilterPasses.JAVA.hessianBlobness(sm, d, sp, 1.75, m, p);
                float[][] got = cl.hessianBlobness(sm, d, sp, 1.75, m, p);
                float range = 0;
                for (float[] s : want) {
                    for (float v : s) {
                        range = Math.max(range, Math.abs(v));
                    }
                }
                for (int k = 0; k < want.length; k++) {
                    for (int x = 0; x < want[k].length; x++) {
                        assertEquals(want[k][x], got[k][x], 1e-4f * range, "selectivity " + p + " slice " + k + " voxel " + x);
                        if (want[k][x] != 0) {
                            nonZero++;
                        }
                        assertEquals(Math.signum(want[k][x]), Math.signum(got[k][x]), "sign at slice " + k + " voxel " + x);
                    }
                }
            }
        }
        assertTrue(nonZero > 100, "the test image has too few blob voxels: " + nonZero);
    }
}
