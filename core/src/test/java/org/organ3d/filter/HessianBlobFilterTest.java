package org.organ3d.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;

class HessianBlobFilterTest {

    @Test
    void eigenvaluesSatisfyTheCharacteristicPolynomial() {
        Random r = new Random(5);
        for (int t = 0; t < 2000; t++) {
            double[] h = new double[6];
            for (int n = 0; n < 6; n++) {
                h[n] = r.nextGaussian() * (t % 3 == 0 ? 1e-3 : 10);
            }
            if (t % 7 == 0) {
                h[3] = h[4] = h[5] = 0;
            }
            double[] e = HessianBlobFilter.eigenvalues(h);
            double scale = Math.abs(h[0]) + Math.abs(h[1]) + Math.abs(h[2]) + Math.abs(h[3]) + Math.abs(h[4]) + Math.abs(h[5]);
            assertEquals(h[0] + h[1] + h[2], e[0] + e[1] + e[2], 1e-9 * scale);
            for (double l : e) {
                double a = h[0] - l;
                double b = h[1] - l;
                double c = h[2] - l;
                double det = a * (b * c - h[5] * h[5]) - h[3] * (h[3] * c - h[5] * h[4]) + h[4] * (h[3] * h[5] - b * h[4]);
                assertEquals(0, det, 1e-8 * scale * scale * scale + 1e-12);
            }
        }
    }

    /** Analytic shapes blurred by σ: a Gaussian ball, a Gaussian tube along z, a Gaussian plate. */
    private static float[][] shape(Dimensions d, double[] sp, int kind, double s, double amplitude) {
        float[][] v = new float[d.nz()][d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double x = (i - d.nx() / 2) * sp[0];
                    double y = (j - d.ny() / 2) * sp[1];
                    double z = (k - d.nz() / 2) * sp[2];
                    double r2 = switch (kind) {
                        case 0 -> x * x + y * y + z * z;
                        case 1 -> x * x + y * y;
                        default -> x * x;
                    };
                    v[k][d.offsetInSlice(i, j)] = (float) (amplitude * Math.exp(-r2 / (2 * s * s)));
                }
            }
        }
        return v;
    }

    @Test
    void ballsFireTubesAndPlatesDoNot() {
        Dimensions d = new Dimensions(41, 41, 41);
        double[] sp = {0.5, 0.5, 0.5};
        double s = 2.0;
        float[][] ball = shape(d, sp, 0, s, 500);
        float[][] tube = shape(d, sp, 1, s, 500);
        float[][] plate = shape(d, sp, 2, s, 500);
        int c = d.offsetInSlice(20, 20);
        float rb = HessianBlobFilter.response(ball, d, sp, s, null, 0)[20][c];
        float rt = HessianBlobFilter.response(tube, d, sp, s, null, 0)[20][c];
        float rp = HessianBlobFilter.response(plate, d, sp, s, null, 0)[20][c];
        // Ball exp(-r²/2s²): each curvature at the centre is -A/s², so σ²·λ = -A at σ = s.
        assertEquals(500, rb, 500 * 0.03);
        assertEquals(0, rt, 1e-3);
        assertEquals(0, rp, 1e-3);
        // Li's dot filter (selectivity 1) equals the plain response on a sphere and stays 0 on the tube.
        assertEquals(rb, HessianBlobFilter.response(ball, d, sp, s, null, 1)[20][c], 500 * 0.01);
        assertEquals(0, HessianBlobFilter.response(tube, d, sp, s, null, 1)[20][c], 1e-3);
        float[][] dark = shape(d, sp, 0, s, -500);
        assertEquals(-500, HessianBlobFilter.response(dark, d, sp, s, null, 0)[20][c], 500 * 0.03);
    }

    @Test
    void maskLimitsTheWorkAndLeavesZerosElsewhere() {
        Dimensions d = new Dimensions(21, 21, 21);
        double[] sp = {0.7, 0.7, 1.0};
        float[][] ball = shape(d, sp, 0, 2, 300);
        byte[][] mask = new byte[d.nz()][d.sliceSize()];
        mask[10][d.offsetInSlice(10, 10)] = 1;
        float[][] r = HessianBlobFilter.response(ball, d, sp, 2, mask, 1);
        float[][] all = HessianBlobFilter.response(ball, d, sp, 2, null, 1);
        assertEquals(all[10][d.offsetInSlice(10, 10)], r[10][d.offsetInSlice(10, 10)], 0f);
        long nonZero = Arrays.stream(r).mapToLong(sl -> {
            long n = 0;
            for (float f : sl) {
                n += f != 0 ? 1 : 0;
            }
            return n;
        }).sum();
        assertEquals(1, nonZero);
        assertTrue(all[10][d.offsetInSlice(10, 10)] > 0);
    }
}
