package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * White noise is the worst case for marching cubes: every ambiguous face and cube configuration
 * occurs. Every edge must still be shared by exactly two triangles with opposite orientation, and
 * a capped surface must be closed.
 */
class FlyingEdgesRandomTopologyTest {

    @Test
    void noiseVolumesGiveManifoldSurfacesAndClosedCappedOnes() {
        for (int seed = 0; seed < 60; seed++) {
            Random r = new Random(seed);
            int nx = 5 + r.nextInt(10);
            int ny = 5 + r.nextInt(10);
            int nz = 5 + r.nextInt(10);
            Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.FLOAT32, Geometry.unit());
            for (int k = 0; k < nz; k++) {
                FloatBuffer f = b.floatsForWriting(k);
                for (int i = 0; i < f.capacity(); i++) {
                    f.put(i, (float) (r.nextFloat()));
                }
            }
            Volume v = b.build();
            double iso = 0.2 + 0.6 * r.nextDouble();
            for (boolean cap : new boolean[] {false, true}) {
                MeshTopology t = MeshTopology.of(FlyingEdges.extract(v, new IsoSurfaceOptions(iso, false, cap)));
                String what = "seed " + seed + " cap " + cap + ": " + t;
                assertEquals(0, t.nonManifoldEdgeCount(), what);
                assertEquals(0, t.inconsistentEdgeCount(), what);
                if (cap) {
                    assertEquals(0, t.boundaryEdgeCount(), what);
                }
            }
        }
    }
}
