package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Volume;

@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class FlyingEdgesSmokeTest {

    @Test
    void sphereIsWatertightWithAnalyticVolume() {
        try (OpenClBackend b = new OpenClBackend()) {
            Mesh m = b.isosurface(Phantoms.sphere(40, 1.0, 12), IsoSurfaceOptions.open(0));
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
}
