package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;

class LabelMapOpsTest {

    private static final Dimensions D = new Dimensions(10, 10, 4);
    private static final Geometry G = Geometry.axisAligned(new Spacing(1, 1, 2));

    private static final LabelMap A = Phantoms.labels(D, G, (i, j, k) -> i < 6);   // 240
    private static final LabelMap B = Phantoms.labels(D, G, (i, j, k) -> i >= 4 && j < 5); // 6*5*4 = 120, overlap 2*5*4 = 40

    @Test
    void booleanOperationsHaveExactCounts() {
        assertEquals(Map.of(1, 320L), LabelMapOps.union(A, B, 1).counts());
        assertEquals(Map.of(2, 40L), LabelMapOps.intersection(A, B, 2).counts());
        assertEquals(Map.of(1, 200L), LabelMapOps.difference(A, B, 1).counts());
        assertEquals(Map.of(1, 80L), LabelMapOps.difference(B, A, 1).counts());
        assertEquals(Map.of(1, 280L), LabelMapOps.xor(A, B, 1).counts());
        assertEquals(Map.of(700, 280L), LabelMapOps.xor(A, B, 700).counts());
        LabelMap other = Phantoms.labels(D, Geometry.axisAligned(new Spacing(1, 1, 3)), (i, j, k) -> true);
        assertThrows(IllegalArgumentException.class, () -> LabelMapOps.union(A, other, 1));
    }

    @Test
    void mergeOverwritesInOrderAndExtractKeepsNames() {
        LabelMap a = Masks.toLabelMap(Phantoms.mask(D, (i, j, k) -> i < 6), D, G, 3)
                .withInfo(Map.of(3, new LabelInfo(3, "liver", 0x8b4513ff)));
        LabelMap b = Masks.toLabelMap(Phantoms.mask(D, (i, j, k) -> i >= 4 && j < 5), D, G, 300);
        LabelMap m = LabelMapOps.merge(List.of(a, b));
        assertEquals(Map.of(3, 200L, 300, 120L), m.counts());
        assertEquals("liver", m.info(3).orElseThrow().name());
        LabelMap liver = LabelMapOps.extract(m, 3, 1);
        assertEquals(Map.of(1, 200L), liver.counts());
        assertEquals("liver", liver.info(1).orElseThrow().name());
        assertEquals(Map.of(1, 120L), LabelMapOps.extract(m, 300, 1).counts());
    }
}
