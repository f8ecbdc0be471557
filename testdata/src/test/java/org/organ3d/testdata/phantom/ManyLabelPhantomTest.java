package org.organ3d.testdata.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.VoxelType;

class ManyLabelPhantomTest {

    @Test
    void everyLabelKeepsVoxelsAndTheMapIsTheSameOnEveryRun() {
        Dimensions d = new Dimensions(160, 160, 120);
        LabelMap a = ManyLabelPhantom.generate(d, 117, 7);
        Map<Integer, Long> counts = a.counts();
        assertEquals(117, counts.size(), "labels present");
        assertEquals(VoxelType.UINT8, a.labels().type());
        assertEquals(counts, ManyLabelPhantom.generate(d, 117, 7).counts());
        assertTrue(counts.values().stream().allMatch(n -> n > 0));
        assertEquals("structure 5", a.info().get(5).name());
        LabelMap wide = ManyLabelPhantom.generate(new Dimensions(64, 64, 40), 300, 7);
        assertEquals(VoxelType.UINT16, wide.labels().type());
    }
}
