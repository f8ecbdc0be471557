package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.testdata.junit.RequiresDevice;
import org.organ3d.volume.Volume;

@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class FlyingEdgesSmokeTest {

    @Test
    void sphereIsWatertightWithAnalyticVolume() {
        try (OpenClBackend b = new OpenClBackend()) {
            Mesh m = b.isosurface(Phantoms.sphere(40, 1.0, 12), IsoSurfaceOptions.at(0));
            assertNull(MeshChecks.watertightProblem(m));
            assertEquals(4 / 3.0 * Math.PI * 1728, MeshChecks.volume(m), 0.01 * 4 / 3.0 * Math.PI * 1728);
        }
    }

    @Test
    void matchesThePlainReferenceOnRandomAndObliqueVolumes() {
        try (OpenClBackend b = new OpenClBackend()) {
            for (Volume v : new Volume[] {Phantoms.random(13, 11, 9, 7), Phantoms.obliqueEllipsoid(40, 36, 20),
                Phantoms.torus(32, 1.1, 9, 3.5)}) {
                Mesh ref = ReferenceMarchingCubes.extract(v, 0);
                Mesh m = b.isosurface(v, new IsoSurfaceOptions(0, false, false));
                assertTrue(ref.triangleCount() > 0);
                assertNull(MeshComparison.difference(ref, m, 1e-4), v.toString());
            }
        }
    }

    @Test
    void brickedMeshEqualsUnbricked() {
        Volume v = Phantoms.torus(64, 1.0, 20, 7);
        Mesh whole;
        try (OpenClBackend b = new OpenClBackend()) {
            whole = b.isosurface(v, IsoSurfaceOptions.at(0));
            assertEquals(1, b.lastBrickCount());
        }
        System.setProperty(OpenClContext.MAX_ALLOC_PROPERTY, String.valueOf(64 * 64 * 4 * 10));
        try (OpenClBackend b = new OpenClBackend()) {
            Mesh split = b.isosurface(v, IsoSurfaceOptions.at(0));
            System.out.println("bricks: " + b.lastBrickCount() + " " + split);
            assertTrue(b.lastBrickCount() >= 8);
            assertArrayEquals(whole.positionsCopy(), split.positionsCopy());
            assertArrayEquals(whole.normalsCopy(), split.normalsCopy());
            assertArrayEquals(whole.indicesCopy(), split.indicesCopy());
            assertNull(MeshChecks.watertightProblem(split));
        } finally {
            System.clearProperty(OpenClContext.MAX_ALLOC_PROPERTY);
        }
    }
}
