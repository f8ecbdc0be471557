package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.testdata.junit.RequiresDevice;

@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class FlyingEdgesSmokeTest {

    @Test
    void sphereIsWatertightWithAnalyticVolume() {
        try (OpenClBackend b = new OpenClBackend()) {
            Mesh m = b.isosurface(Phantoms.sphere(40, 1.0, 12), IsoSurfaceOptions.at(0));
            System.out.println(m + " volume " + MeshChecks.volume(m) + " exact " + 4 / 3.0 * Math.PI * 12 * 12 * 12);
            assertNull(MeshChecks.watertightProblem(m));
            assertEquals(4 / 3.0 * Math.PI * 1728, MeshChecks.volume(m), 0.01 * 4 / 3.0 * Math.PI * 1728);
        }
    }
}
