package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmoothingTest {

    @Test
    void printCalibration() {
        for (double r : new double[] {10, 20}) {
            Mesh s = TestMeshes.noisySphere(r, 5, 0.15, 1);
            SmoothingResult t = TaubinSmoothing.smooth(s);
            SmoothingResult w = WindowedSincSmoothing.smooth(s);
            Mesh clean = MeshPrimitives.icosphere(0, 0, 0, r, 5);
            System.out.printf("r=%.0f rms noisy %.4f taubin %.4f sinc %.4f | dV taubin %.5f sinc %.5f | clean dV t %.5f s %.5f%n",
                    r, TestMeshes.rmsToSphere(s, r), TestMeshes.rmsToSphere(t.mesh(), r), TestMeshes.rmsToSphere(w.mesh(), r),
                    t.volumeChangeRelative(), w.volumeChangeRelative(),
                    TaubinSmoothing.smooth(clean).volumeChangeRelative(), WindowedSincSmoothing.smooth(clean).volumeChangeRelative());
        }
        double[] c = WindowedSincSmoothing.coefficients(20, 0.1);
        for (double k : new double[] {0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2}) {
            System.out.printf("k=%.3f f=%.6f%n", k, WindowedSincSmoothing.responseAt(c, k));
        }
    }
}
