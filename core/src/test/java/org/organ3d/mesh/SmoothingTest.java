package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Taubin and windowed-sinc smoothing: no shrinkage at default settings, real noise reduction. */
class SmoothingTest {

    private static final Function<Mesh, SmoothingResult> TAUBIN = TaubinSmoothing::smooth;
    private static final Function<Mesh, SmoothingResult> SINC = WindowedSincSmoothing::smooth;

    @Test
    void defaultsKeepSphereVolumeWithinHalfPercentAndRemoveNoise() {
        // r = 20 mm, level 5 (20480 triangles, edges about 1.2 mm), radial noise σ = 0.2 mm
        Mesh noisy = TestMeshes.noisySphere(20, 5, 0.2, 42);
        double noise = TestMeshes.rmsToSphere(noisy, 20);
        for (Function<Mesh, SmoothingResult> f : java.util.List.of(TAUBIN, SINC)) {
            SmoothingResult r = f.apply(noisy);
            double rms = TestMeshes.rmsToSphere(r.mesh(), 20);
            assertTrue(Math.abs(r.volumeChangeRelative()) < 0.005, "volume change " + r.volumeChangeRelative());
            assertTrue(rms < 0.6 * noise, "rms to the sphere " + rms + " vs noisy " + noise);
            assertEquals(TestMeshes.volume(noisy), r.volumeBeforeMm3(), 1e-6 * r.volumeBeforeMm3());
            assertEquals(TestMeshes.volume(r.mesh()), r.volumeAfterMm3(), 1e-9 * r.volumeAfterMm3());
            assertEquals((r.volumeAfterMm3() - r.volumeBeforeMm3()) / r.volumeBeforeMm3(), r.volumeChangeRelative(),
                    1e-12);
            assertArrayEquals(noisy.indicesCopy(), r.mesh().indicesCopy(), "triangles unchanged");
            assertEquals(0, r.fixedVertices());
        }
    }

    @Test
    void defaultsKeepEllipsoidAndTorusVolumeWithinHalfPercent() {
        Mesh ellipsoid = MeshPrimitives.ellipsoid(5, -3, 40, 24, 16, 11, 5);
        Mesh torus = MeshPrimitives.torus(0, 0, 0, 20, 7, 120, 48);
        for (Mesh m : new Mesh[] {ellipsoid, torus}) {
            for (Function<Mesh, SmoothingResult> f : java.util.List.of(TAUBIN, SINC)) {
                SmoothingResult r = f.apply(m);
                assertTrue(Math.abs(r.volumeChangeRelative()) < 0.005, "volume change " + r.volumeChangeRelative());
                assertTrue(TestMeshes.watertightOriented(r.mesh()));
            }
        }
        // torus analytic volume 2π²Rr²: the inscribed input is within 0.5 %, and smoothing keeps it there
        double analytic = 2 * Math.PI * Math.PI * 20 * 7 * 7;
        assertEquals(analytic, TaubinSmoothing.smooth(torus).volumeAfterMm3(), 0.01 * analytic);
    }

    @Test
    void plainLaplacianShrinksTheSameSphereClearly() {
        // witness that the volume test can fail: 20 plain Laplacian steps (λ = 0.33, no μ) on the
        // same kind of mesh shrink it by far more than the 0.5 % allowed
        Mesh sphere = MeshPrimitives.icosphere(0, 0, 0, 20, 5);
        int[] idx = sphere.indicesCopy();
        double[] x = PositionArrays.toDouble(sphere.positionsCopy());
        double before = TestMeshes.volume(sphere);
        UmbrellaLaplacian l = UmbrellaLaplacian.of(VertexNeighbourhood.of(sphere.vertexCount(), idx), true);
        double[] d = new double[x.length];
        for (int it = 0; it < 20; it++) {
            l.apply(x, d);
            for (int i = 0; i < x.length; i++) {
                x[i] += 0.33 * d[i];
            }
        }
        double change = TestMeshes.volume(Mesh.adopt(PositionArrays.toFloat(x), null, idx)) / before - 1;
        assertTrue(change < -0.005, "plain Laplacian change " + change);
        assertTrue(Math.abs(TaubinSmoothing.smooth(sphere).volumeChangeRelative()) < Math.abs(change) / 5);
    }

    @Test
    void preserveVolumeRestoresTheInputVolume() {
        Mesh noisy = TestMeshes.noisySphere(10, 4, 0.3, 7);
        SmoothingResult t = TaubinSmoothing.smooth(noisy, TaubinSmoothing.Options.defaults().withPreserveVolume(true));
        SmoothingResult w = WindowedSincSmoothing.smooth(noisy,
                WindowedSincSmoothing.Options.defaults().withPreserveVolume(true).withPassBand(0.02));
        for (SmoothingResult r : new SmoothingResult[] {t, w}) {
            assertTrue(r.volumeRestored());
            assertTrue(Math.abs(r.volumeChangeRelative()) < 1e-6, "restored " + r.volumeChangeRelative());
            assertTrue(r.filterVolumeChangeRelative() != 0);
        }
    }

    @Test
    void windowedSincResponseIsFlatInThePassBandAndZeroAtTheTop() {
        double[] c = WindowedSincSmoothing.coefficients(20, 0.1);
        assertEquals(1.0, WindowedSincSmoothing.responseAt(c, 0), 1e-14, "unit gain at k = 0 (no shrinkage)");
        for (double k = 0; k <= 0.1; k += 0.005) {
            assertEquals(1.0, WindowedSincSmoothing.responseAt(c, k), 1e-5, "pass band at k = " + k);
        }
        assertTrue(WindowedSincSmoothing.responseAt(c, 1.0) < 0.25);
        assertTrue(Math.abs(WindowedSincSmoothing.responseAt(c, 2.0)) < 1e-4);
    }

    @Test
    void nuttallWindowIsFlatWhereHammingRipples() {
        // the Slicer/VTK story: with a Hamming window the pass band ripples by a few tenths of a
        // percent (a size error of up to ~1 % in volume); the Nuttall window keeps it below 1e-5
        double[] nuttall = WindowedSincSmoothing.coefficients(20, 0.1);
        double[] hamming = WindowedSincSmoothing.coefficients(20, 0.1, new double[] {0.54, 0.46});
        double devN = 0;
        double devH = 0;
        for (int i = 0; i <= 200; i++) {
            double k = 0.1 * i / 200;
            devN = Math.max(devN, Math.abs(WindowedSincSmoothing.responseAt(nuttall, k) - 1));
            devH = Math.max(devH, Math.abs(WindowedSincSmoothing.responseAt(hamming, k) - 1));
        }
        assertTrue(devN < 1e-5, "Nuttall pass-band deviation " + devN);
        assertTrue(devH > 1e-3, "Hamming pass-band deviation " + devH);
    }

    @Test
    void boundaryVerticesFixedOrSmoothedAlongTheBoundary() {
        Mesh cap = TestMeshes.cut(TestMeshes.noisySphere(15, 4, 0.2, 3), 5);
        boolean[] boundary = TestMeshes.boundaryVertices(cap);
        int count = 0;
        for (boolean b : boundary) {
            count += b ? 1 : 0;
        }
        assertTrue(count > 20);
        float[] before = cap.positionsCopy();
        SmoothingResult fixed = TaubinSmoothing.smooth(cap, TaubinSmoothing.Options.defaults().withSmoothBoundary(false));
        SmoothingResult moving = WindowedSincSmoothing.smooth(cap);
        assertEquals(count, fixed.fixedVertices());
        assertEquals(0, moving.fixedVertices());
        float[] f = fixed.mesh().positionsCopy();
        float[] m = moving.mesh().positionsCopy();
        boolean anyMoved = false;
        for (int v = 0; v < boundary.length; v++) {
            if (boundary[v]) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(before[3 * v + k], f[3 * v + k], 0f, "fixed boundary vertex " + v);
                    anyMoved |= before[3 * v + k] != m[3 * v + k];
                }
            }
        }
        assertTrue(anyMoved, "boundary smoothing moves boundary vertices");
    }

    @Test
    void resultIsDeterministicAndNormalsPointOutward() {
        Mesh noisy = TestMeshes.noisySphere(12, 4, 0.2, 9);
        SmoothingResult a = WindowedSincSmoothing.smooth(noisy);
        SmoothingResult b = WindowedSincSmoothing.smooth(noisy);
        assertArrayEquals(a.mesh().positionsCopy(), b.mesh().positionsCopy());
        float[] p = a.mesh().positionsCopy();
        float[] n = a.mesh().normalsCopy();
        for (int v = 0; v < p.length; v += 3) {
            double len = Math.sqrt(n[v] * n[v] + n[v + 1] * n[v + 1] + n[v + 2] * n[v + 2]);
            assertEquals(1, len, 1e-5);
            double r = Math.sqrt(p[v] * p[v] + p[v + 1] * p[v + 1] + p[v + 2] * p[v + 2]);
            assertTrue((n[v] * p[v] + n[v + 1] * p[v + 1] + n[v + 2] * p[v + 2]) / r > 0.9, "outward normal");
        }
    }

    @Test
    void optionsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TaubinSmoothing.Options(10, 0.5, -0.4, true, false));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WindowedSincSmoothing.Options(1, 0.1, true, false));
        assertEquals(-0.34, TaubinSmoothing.Options.defaults().mu(), 0);
        assertEquals(1 / 0.33 - 1 / 0.34, TaubinSmoothing.Options.defaults().passBandK(), 1e-12);
        assertEquals(-0.5263, TaubinSmoothing.Options.passBand(20, 0.5, 0.1).mu(), 1e-4);
    }
}
