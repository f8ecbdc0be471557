package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quadric decimation keeps closed meshes closed, manifold, of the same genus and volume. */
class QuadricDecimationTest {

    private static void assertClosedManifold(Mesh m, int euler) {
        assertTrue(TestMeshes.watertightOriented(m), "every edge used once in each direction");
        assertTrue(TestMeshes.vertexManifold(m), "one fan per vertex");
        assertEquals(euler, TestMeshes.euler(m), "Euler characteristic");
    }

    @Test
    void sphereToTenPercentStaysWatertightWithVolumeWithinOnePercent() {
        Mesh sphere = MeshPrimitives.icosphere(3, -4, 5, 20, 6);
        DecimationResult r = QuadricDecimation.decimate(sphere, QuadricDecimation.Options.toFraction(0.1));
        assertTrue(Math.abs(r.trianglesAfter() - 8192) <= 1, "triangles " + r.trianglesAfter());
        assertEquals(r.trianglesAfter(), r.mesh().triangleCount());
        assertClosedManifold(r.mesh(), 2);
        double dv = TestMeshes.volume(r.mesh()) / TestMeshes.volume(sphere) - 1;
        assertTrue(Math.abs(dv) < 0.01, "volume change " + dv);
        assertTrue(r.maxErrorMm() > 0 && r.maxErrorMm() < 0.5, "error bound " + r.maxErrorMm());
        assertEquals(0, r.lockedVertices());
        // every output vertex is within the bound of the input planes, hence of the sphere (plus the
        // input's own sagitta: its planes lie inside the sphere by at most that)
        double edge = 20 * 1.1 * Math.PI / 5 / 64;
        double sagitta = edge * edge / (2 * 20);
        float[] p = r.mesh().positionsCopy();
        for (int v = 0; v < p.length; v += 3) {
            double d = Math.sqrt(Math.pow(p[v] - 3, 2) + Math.pow(p[v + 1] + 4, 2) + Math.pow(p[v + 2] - 5, 2)) - 20;
            assertTrue(Math.abs(d) <= r.maxErrorMm() + sagitta + 1e-4, "vertex " + v / 3 + " off by " + d);
        }
    }

    @Test
    void torusToTenPercentKeepsGenusOne() {
        Mesh torus = MeshPrimitives.torus(0, 0, 0, 20, 6, 200, 80);
        DecimationResult r = QuadricDecimation.decimate(torus, QuadricDecimation.Options.toFraction(0.1));
        assertTrue(Math.abs(r.trianglesAfter() - 3200) <= 1, "triangles " + r.trianglesAfter());
        assertClosedManifold(r.mesh(), 0);
        double dv = TestMeshes.volume(r.mesh()) / TestMeshes.volume(torus) - 1;
        assertTrue(Math.abs(dv) < 0.01, "volume change " + dv);
        assertEquals(1, MeshComponents.count(r.mesh()));
    }

    @Test
    void maxErrorIsRespectedAndStopsTheRun() {
        Mesh sphere = MeshPrimitives.icosphere(0, 0, 0, 20, 6);
        DecimationResult r = QuadricDecimation.decimate(sphere, QuadricDecimation.Options.maxError(0.05));
        assertTrue(r.stoppedByError());
        assertTrue(r.maxErrorMm() <= 0.05, "bound " + r.maxErrorMm());
        assertTrue(r.trianglesAfter() < sphere.triangleCount() / 4, "still reduces: " + r.trianglesAfter());
        DecimationResult same = QuadricDecimation.decimate(sphere, new QuadricDecimation.Options(1, 0.05));
        assertEquals(r.trianglesAfter(), same.trianglesAfter(), "fraction 1 with a bound: no count limit");
        DecimationResult both = QuadricDecimation.decimate(sphere, new QuadricDecimation.Options(0.5, 0.05));
        assertTrue(Math.abs(both.trianglesAfter() - sphere.triangleCount() / 2) <= 1, "count limit first");
        assertTrue(!both.stoppedByError());
        DecimationResult tighter = QuadricDecimation.decimate(sphere, QuadricDecimation.Options.maxError(0.01));
        assertTrue(tighter.trianglesAfter() > r.trianglesAfter());
        assertClosedManifold(r.mesh(), 2);
        // the bound holds for each vertex against the sphere it approximates (input sagitta ≈ 0.006)
        float[] p = r.mesh().positionsCopy();
        for (int v = 0; v < p.length; v += 3) {
            double d = Math.sqrt(p[v] * p[v] + p[v + 1] * p[v + 1] + p[v + 2] * p[v + 2]) - 20;
            assertTrue(Math.abs(d) <= 0.05 + 0.01, "vertex off by " + d);
        }
    }

    @Test
    void boundaryOfAnOpenMeshIsPreservedExactly() {
        Mesh cap = TestMeshes.cut(MeshPrimitives.icosphere(0, 0, 0, 15, 5), 7);
        boolean[] boundary = TestMeshes.boundaryVertices(cap);
        Set<String> before = new HashSet<>();
        float[] p = cap.positionsCopy();
        for (int v = 0; v < boundary.length; v++) {
            if (boundary[v]) {
                before.add(p[3 * v] + "," + p[3 * v + 1] + "," + p[3 * v + 2]);
            }
        }
        DecimationResult r = QuadricDecimation.decimate(cap, QuadricDecimation.Options.toFraction(0.2));
        assertEquals(before.size(), r.lockedVertices());
        boolean[] after = TestMeshes.boundaryVertices(r.mesh());
        float[] q = r.mesh().positionsCopy();
        Set<String> kept = new HashSet<>();
        for (int v = 0; v < after.length; v++) {
            if (after[v]) {
                kept.add(q[3 * v] + "," + q[3 * v + 1] + "," + q[3 * v + 2]);
            }
        }
        assertEquals(before, kept, "same boundary vertices at the same positions");
        assertTrue(r.trianglesAfter() < 0.25 * cap.triangleCount(), r.trianglesAfter() + " of " + cap.triangleCount());
        assertTrue(TestMeshes.orientedEdges(r.mesh()), "no edge used twice in one direction");
        assertEquals(TestMeshes.euler(cap), TestMeshes.euler(r.mesh()), "still a disc");
    }

    @Test
    void nestedShellsStaySeparateAndClosed() {
        Mesh hollow = MeshPrimitives.withCavity(MeshPrimitives.icosphere(0, 0, 0, 20, 5),
                MeshPrimitives.icosphere(1, 0, 0, 12, 5));
        DecimationResult r = QuadricDecimation.decimate(hollow, QuadricDecimation.Options.toFraction(0.1));
        assertClosedManifold(r.mesh(), 4);
        assertEquals(2, MeshComponents.count(r.mesh()));
        double dv = TestMeshes.volume(r.mesh()) / TestMeshes.volume(hollow) - 1;
        assertTrue(Math.abs(dv) < 0.01, "volume change " + dv);
    }

    @Test
    void deterministicAndInputUntouched() {
        Mesh noisy = TestMeshes.noisySphere(10, 4, 0.1, 5);
        float[] before = noisy.positionsCopy();
        DecimationResult a = QuadricDecimation.decimate(noisy, QuadricDecimation.Options.toFraction(0.25));
        DecimationResult b = QuadricDecimation.decimate(noisy, QuadricDecimation.Options.toFraction(0.25));
        assertArrayEquals(a.mesh().positionsCopy(), b.mesh().positionsCopy());
        assertArrayEquals(a.mesh().indicesCopy(), b.mesh().indicesCopy());
        assertArrayEquals(before, noisy.positionsCopy());
        assertClosedManifold(a.mesh(), 2);
        DecimationResult none = QuadricDecimation.decimate(noisy, QuadricDecimation.Options.toFraction(1));
        assertEquals(noisy.triangleCount(), none.trianglesAfter());
        assertEquals(0, none.collapses());
    }

    @Test
    void tetrahedronCannotCollapseFurther() {
        Mesh tiny = MeshPrimitives.icosphere(0, 0, 0, 1, 0);
        DecimationResult r = QuadricDecimation.decimate(tiny, QuadricDecimation.Options.toFraction(0.01));
        assertClosedManifold(r.mesh(), 2);
        assertTrue(r.trianglesAfter() >= 4);
    }
}
