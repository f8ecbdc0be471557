package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeshComponentsTest {

    private static final Mesh BIG = MeshPrimitives.icosphere(0, 0, 0, 10, 3);
    private static final Mesh SMALL_FINE = MeshPrimitives.icosphere(40, 0, 0, 5, 5);
    private static final Mesh TINY = MeshPrimitives.icosphere(-30, 0, 0, 1, 2);

    @Test
    void keepLargestByVolumeOrByTriangles() {
        Mesh all = TestMeshes.union(TINY, BIG, SMALL_FINE);
        assertEquals(3, MeshComponents.count(all));
        Mesh byVolume = MeshComponents.keepLargest(all, MeshComponents.Ranking.ENCLOSED_VOLUME);
        assertEquals(BIG.triangleCount(), byVolume.triangleCount());
        assertEquals(BIG.vertexCount(), byVolume.vertexCount(), "unused vertices compacted");
        assertEquals(TestMeshes.volume(BIG), TestMeshes.volume(byVolume), 1e-9);
        Mesh byTriangles = MeshComponents.keepLargest(all, MeshComponents.Ranking.TRIANGLE_COUNT);
        assertEquals(SMALL_FINE.triangleCount(), byTriangles.triangleCount());
        assertEquals(SMALL_FINE.vertexCount(), byTriangles.vertexCount());
    }

    @Test
    void dropSmallerThanKeepsTheRest() {
        Mesh all = TestMeshes.union(TINY, BIG, SMALL_FINE);
        double tiny = TestMeshes.volume(TINY);
        assertTrue(tiny < 4.2 && tiny > 3.5);
        Mesh dropped = MeshComponents.dropSmallerThan(all, 10);
        assertEquals(BIG.triangleCount() + SMALL_FINE.triangleCount(), dropped.triangleCount());
        assertEquals(2, MeshComponents.count(dropped));
        assertEquals(all.triangleCount(), MeshComponents.dropSmallerThan(all, 0).triangleCount());
        assertEquals(0, MeshComponents.dropSmallerThan(all, 1e6).triangleCount());
        assertThrows(IllegalArgumentException.class, () -> MeshComponents.dropSmallerThan(all, -1));
    }

    @Test
    void cavitiesStayWithTheirOrgan() {
        // hollow body: outer shell 4188.8 mm³ minus cavity 904.8 mm³ = 3284 mm³; a solid sphere of
        // r = 9.5 (3591 mm³) lies between the body and its outer shell alone, so ranking shells
        // alone would keep the hollow outer shell and drop its cavity wall
        Mesh hollow = MeshPrimitives.withCavity(MeshPrimitives.icosphere(0, 0, 0, 10, 4),
                MeshPrimitives.icosphere(0.5, 0.3, 0, 6, 4));
        Mesh solid = MeshPrimitives.icosphere(50, 0, 0, 9.5, 4);
        Mesh all = TestMeshes.union(hollow, solid);
        List<MeshComponents.Component> cs = MeshComponents.analyse(all);
        assertEquals(3, cs.size());
        MeshComponents.Component outer = cs.get(0);
        MeshComponents.Component cavity = cs.get(1);
        assertTrue(cavity.signedVolumeMm3() < 0);
        assertEquals(outer.id(), cavity.body());
        assertEquals(outer.signedVolumeMm3() + cavity.signedVolumeMm3(), outer.bodyVolumeMm3(), 1e-9);
        assertTrue(outer.closed() && cavity.closed());
        Mesh largest = MeshComponents.keepLargest(all, MeshComponents.Ranking.ENCLOSED_VOLUME);
        assertEquals(solid.triangleCount(), largest.triangleCount());
        Mesh kept = MeshComponents.dropSmallerThan(all, 3000);
        assertEquals(all.triangleCount(), kept.triangleCount(), "hollow body (3284 mm³) kept whole");
        Mesh onlySolid = MeshComponents.dropSmallerThan(all, 3400);
        assertEquals(solid.triangleCount(), onlySolid.triangleCount(), "cavity dropped with its body");
    }

    @Test
    void manyCavitiesAllStayWithTheirOrgan() {
        Mesh[] parts = new Mesh[1 + 64];
        parts[0] = MeshPrimitives.icosphere(0, 0, 0, 40, 5);
        int k = 1;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int l = 0; l < 4; l++) {
                    Mesh hole = MeshPrimitives.icosphere(-15 + 10 * i, -15 + 10 * j, -15 + 10 * l, 2, 1);
                    parts[k++] = MeshPrimitives.withCavity(Mesh.empty(), hole);
                }
            }
        }
        Mesh organ = TestMeshes.union(parts);
        List<MeshComponents.Component> cs = MeshComponents.analyse(organ);
        assertEquals(65, cs.size());
        for (MeshComponents.Component c : cs) {
            assertEquals(0, c.body(), "component " + c.id());
        }
        Mesh island = MeshPrimitives.icosphere(100, 0, 0, 30, 3);
        Mesh kept = MeshComponents.keepLargest(TestMeshes.union(organ, island), MeshComponents.Ranking.ENCLOSED_VOLUME);
        assertEquals(organ.triangleCount(), kept.triangleCount(), "organ with all its cavities");
    }

    @Test
    void openComponentIsFlagged() {
        Mesh cap = TestMeshes.cut(MeshPrimitives.icosphere(0, 0, 0, 10, 3), 5);
        Mesh all = TestMeshes.union(cap, TINY);
        List<MeshComponents.Component> cs = MeshComponents.analyse(all);
        assertFalse(cs.get(0).closed());
        assertTrue(cs.get(1).closed());
    }

    @Test
    void compactDropsUnusedVerticesAndKeepsNormals() {
        float[] p = {0, 0, 0, 9, 9, 9, 1, 0, 0, 0, 1, 0};
        float[] n = {0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1};
        Mesh m = MeshComponents.compact(Mesh.adopt(p, n, new int[] {0, 2, 3}));
        assertEquals(3, m.vertexCount());
        assertEquals(1f, m.positionsCopy()[3], 0f);
        assertEquals(1f, m.normalsCopy()[5], 0f);
        assertEquals(1, m.index(0, 1));
        assertTrue(MeshComponents.keepLargest(Mesh.empty(), MeshComponents.Ranking.ENCLOSED_VOLUME).isEmpty());
    }
}
