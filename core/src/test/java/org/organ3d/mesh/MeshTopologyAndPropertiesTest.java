package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshTopologyAndPropertiesTest {

    /** Axis-aligned box [x0, x0+a] × [y0, y0+b] × [z0, z0+c], 12 outward triangles. */
    static float[] boxPositions(float x0, float y0, float z0, float a, float b, float c) {
        float[] p = new float[24];
        for (int v = 0; v < 8; v++) {
            p[3 * v] = x0 + ((v & 1) != 0 ? a : 0);
            p[3 * v + 1] = y0 + ((v & 2) != 0 ? b : 0);
            p[3 * v + 2] = z0 + ((v & 4) != 0 ? c : 0);
        }
        return p;
    }

    static final int[] BOX = {
        0, 2, 3, 0, 3, 1, // z = 0, normal -z
        4, 5, 7, 4, 7, 6, // z = 1, +z
        0, 1, 5, 0, 5, 4, // y = 0, -y
        2, 6, 7, 2, 7, 3, // y = 1, +y
        0, 4, 6, 0, 6, 2, // x = 0, -x
        1, 3, 7, 1, 7, 5, // x = 1, +x
    };

    static Mesh twoBoxes() {
        float[] p = new float[48];
        System.arraycopy(boxPositions(0, 0, 0, 2, 3, 4), 0, p, 0, 24);
        System.arraycopy(boxPositions(10, 0, 0, 1, 1, 1), 0, p, 24, 24);
        int[] idx = new int[72];
        for (int x = 0; x < 36; x++) {
            idx[x] = BOX[x];
            idx[36 + x] = BOX[x] + 8;
        }
        return Mesh.adopt(p, null, idx);
    }

    @Test
    void closedBoxesHaveExactVolumeAreaCentroidAndGenusZero() {
        Mesh m = twoBoxes();
        MeshTopology t = MeshTopology.of(m);
        assertTrue(t.isWatertight(), t.toString());
        assertEquals(2, t.componentCount());
        assertEquals(4, t.eulerCharacteristic());
        assertEquals(0, t.componentGenus(0));
        assertEquals(0, t.componentGenus(1));
        assertEquals(36, t.edgeCount());
        MeshProperties all = MeshProperties.of(m);
        assertEquals(24 + 1, all.volumeMm3(), 1e-9);
        assertEquals(2 * (6 + 8 + 12) + 6, all.areaMm2(), 1e-9);
        List<MeshProperties> parts = MeshProperties.ofComponents(m, t);
        assertEquals(24, parts.get(0).volumeMm3(), 1e-9);
        assertEquals(1, parts.get(1).volumeMm3(), 1e-9);
        assertEquals(1, parts.get(0).centroidX(), 1e-9);
        assertEquals(1.5, parts.get(0).centroidY(), 1e-9);
        assertEquals(2, parts.get(0).centroidZ(), 1e-9);
        assertEquals(10.5, parts.get(1).centroidX(), 1e-9);
        assertEquals((24 * 1 + 1 * 10.5) / 25, all.centroidX(), 1e-9);
    }

    @Test
    void defectsAreCountedByKind() {
        // open: drop the last triangle
        Mesh open = Mesh.adopt(boxPositions(0, 0, 0, 1, 1, 1), null, Arrays.copyOf(BOX, 33));
        MeshTopology o = MeshTopology.of(open);
        assertFalse(o.isWatertight());
        assertEquals(3, o.boundaryEdgeCount());
        assertEquals(-1, o.componentGenus(0));
        // one triangle flipped
        int[] flipped = BOX.clone();
        flipped[1] = BOX[2];
        flipped[2] = BOX[1];
        MeshTopology f = MeshTopology.of(Mesh.adopt(boxPositions(0, 0, 0, 1, 1, 1), null, flipped));
        assertFalse(f.isWatertight());
        assertEquals(3, f.inconsistentEdgeCount());
        assertEquals(0, f.boundaryEdgeCount());
        // a fin: a third triangle on an existing edge
        int[] fin = Arrays.copyOf(BOX, 39);
        fin[36] = 0;
        fin[37] = 3;
        fin[38] = 5;
        MeshTopology n = MeshTopology.of(Mesh.adopt(boxPositions(0, 0, 0, 1, 1, 1), null, fin));
        assertFalse(n.isWatertight());
        assertTrue(n.nonManifoldEdgeCount() >= 1);
        // inward winding gives a negative volume
        int[] inward = BOX.clone();
        for (int x = 0; x < inward.length; x += 3) {
            int tmp = inward[x + 1];
            inward[x + 1] = inward[x + 2];
            inward[x + 2] = tmp;
        }
        assertEquals(-1, MeshProperties.of(Mesh.adopt(boxPositions(0, 0, 0, 1, 1, 1), null, inward)).volumeMm3(), 1e-9);
        assertFalse(MeshTopology.of(Mesh.empty()).isWatertight());
        assertEquals(0, MeshTopology.of(Mesh.empty()).componentCount());
    }
}
