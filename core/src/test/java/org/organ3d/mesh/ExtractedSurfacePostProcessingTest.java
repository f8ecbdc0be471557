package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.organ3d.volume.Volume;

/**
 * Smoothing and decimation on surfaces that flying edges extracted from analytic phantoms (see
 * {@link Phantoms}): a distance-field sphere and torus, and the staircase surface of a binary mask.
 */
class ExtractedSurfacePostProcessingTest {

    private static Mesh extract(Phantoms.Field f, double sx, double sy, double sz, double half, boolean binary) {
        Phantoms.Field field = binary ? (x, y, z) -> f.at(x, y, z) >= 0 ? 1 : 0 : f;
        Volume v = Phantoms.sample(field, Phantoms.axisGrid(sx, sy, sz, half), half);
        return FlyingEdges.extract(v, IsoSurfaceOptions.open(binary ? 0.5 : 0));
    }

    @Test
    void defaultSmoothingKeepsVolumeWithinHalfPercent() {
        Mesh[] meshes = {
            extract(Phantoms.sphere(10), 1, 1, 1, 13, false),
            extract(Phantoms.torus(15, 5), 1, 1, 1, 22, false),
            extract(Phantoms.ellipsoid(14, 10, 8), 0.7, 0.7, 2.5, 17, false),
            extract(Phantoms.sphere(10), 1, 1, 1, 13, true),
        };
        for (Mesh m : meshes) {
            assertTrue(TestMeshes.watertightOriented(m));
            for (SmoothingResult r : new SmoothingResult[] {TaubinSmoothing.smooth(m), WindowedSincSmoothing.smooth(m)}) {
                assertTrue(Math.abs(r.volumeChangeRelative()) < 0.005, m + ": volume change " + r.volumeChangeRelative());
                assertTrue(TestMeshes.watertightOriented(r.mesh()));
            }
        }
    }

    @Test
    void smoothingStaircaseOfBinaryMaskApproachesTheSphere() {
        Mesh stairs = extract(Phantoms.sphere(20), 1, 1, 1, 23, true);
        double before = TestMeshes.rmsToSphere(stairs, 20);
        double taubin = TestMeshes.rmsToSphere(TaubinSmoothing.smooth(stairs).mesh(), 20);
        double sinc = TestMeshes.rmsToSphere(WindowedSincSmoothing.smooth(stairs).mesh(), 20);
        assertTrue(taubin < 0.8 * before, taubin + " vs " + before);
        assertTrue(sinc < 0.8 * before, sinc + " vs " + before);
    }

    @Test
    void decimationOfExtractedSurfacesKeepsTopologyAndVolume() {
        Mesh sphere = extract(Phantoms.sphere(20), 1, 1, 1, 23, true);
        Mesh torus = extract(Phantoms.torus(15, 5), 1, 1, 1, 22, false);
        Mesh ellipsoid = extract(Phantoms.ellipsoid(14, 10, 8), 0.7, 0.7, 2.5, 17, false);
        for (Mesh m : new Mesh[] {sphere, torus, ellipsoid}) {
            DecimationResult d = QuadricDecimation.decimate(m, QuadricDecimation.Options.toFraction(0.1));
            assertTrue(Math.abs(d.trianglesAfter() - 0.1 * m.triangleCount()) <= 2, d.toString());
            assertTrue(TestMeshes.watertightOriented(d.mesh()), m.toString());
            assertTrue(TestMeshes.vertexManifold(d.mesh()), m.toString());
            assertEquals(TestMeshes.euler(m), TestMeshes.euler(d.mesh()), "genus kept for " + m);
            double dv = TestMeshes.volume(d.mesh()) / TestMeshes.volume(m) - 1;
            assertTrue(Math.abs(dv) < 0.01, m + ": volume change " + dv);
        }
    }

    @Test
    void decimationRemovesZeroAreaTrianglesOfIsoOnSampleValues() {
        // iso = 1 on a 0/1 mask puts surface vertices exactly on samples: about half the
        // triangles have zero area; they must not block the collapses that remove them
        Phantoms.Field f = Phantoms.sphere(12);
        Volume v = Phantoms.sample((x, y, z) -> f.at(x, y, z) >= 0 ? 1 : 0, Phantoms.axisGrid(1, 1, 1, 15), 15);
        Mesh m = FlyingEdges.extract(v, IsoSurfaceOptions.open(1.0));
        DecimationResult d = QuadricDecimation.decimate(m, QuadricDecimation.Options.toFraction(0.25));
        assertTrue(Math.abs(d.trianglesAfter() - 0.25 * m.triangleCount()) <= 2, d.toString());
        assertTrue(TestMeshes.watertightOriented(d.mesh()));
        assertTrue(TestMeshes.vertexManifold(d.mesh()));
        assertEquals(2, TestMeshes.euler(d.mesh()));
        double dv = TestMeshes.volume(d.mesh()) / TestMeshes.volume(m) - 1;
        assertTrue(Math.abs(dv) < 0.01, "volume change " + dv);
    }
}
