package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

class SegmentationPlanTest {

    private static final Dimensions D = new Dimensions(40, 40, 16);
    private static final Geometry G = Geometry.axisAligned(new Spacing(1, 1, 2), new Vector3d(-20, -20, 0));

    /** Bone 1000 HU: a big ball (r 8 voxels) with a hollow core, a small ball (r 2); soft tissue 40 elsewhere. */
    private static Volume phantom() {
        return Phantoms.int16(D, G, (i, j, k) -> {
            int big = (i - 12) * (i - 12) + (j - 12) * (j - 12) + 4 * (k - 8) * (k - 8);
            int small = (i - 30) * (i - 30) + (j - 30) * (j - 30) + 4 * (k - 8) * (k - 8);
            return big <= 64 && big > 9 || small <= 4 ? 1000 : 40;
        });
    }

    @Test
    void presetLargestAndFillHolesInContractOrder() {
        Volume v = phantom();
        long big = Phantoms.count(Phantoms.mask(D, (i, j, k) -> (i - 12) * (i - 12) + (j - 12) * (j - 12) + 4 * (k - 8) * (k - 8) <= 64));
        SegmentationPlan.Result r = SegmentationPlan.builder().preset(HuPresets.BONE).largest(true).fillHoles(true).label(5).build().run(v);
        assertEquals(big, r.voxelCount());
        assertEquals(big * 2.0, r.volumeMm3(), 1e-9);
        assertEquals(1, r.components());
        assertEquals(Map.of(5, big), r.labels().counts());
        assertEquals(G, r.labels().geometry());
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void regionGrowingFromAnLpsSeedThenAMargin() {
        Volume v = phantom();
        Vector3d seed = G.indexToPatient(30, 30, 8);
        SegmentationPlan.Result r = SegmentationPlan.builder().range(new ThresholdRange(500, 2000)).seed(seed).regionGrow(true)
                .dilate(2).build().run(v);
        byte[][] small = Phantoms.mask(D, (i, j, k) -> (i - 30) * (i - 30) + (j - 30) * (j - 30) + 4 * (k - 8) * (k - 8) <= 4);
        long want = Phantoms.count(Morphology.dilate(small, D, new double[] {1, 1, 2}, 2));
        assertEquals(want, r.voxelCount());
        assertEquals(1, r.components());
    }

    @Test
    void otsuSplitsBoneFromSoftTissue() {
        SegmentationPlan.Result r = SegmentationPlan.builder().otsu(true).build().run(phantom());
        assertTrue(r.range().lower() > 40 && r.range().lower() < 1000);
        assertEquals(2, r.components());
    }

    @Test
    void emptyResultWarnsAndBadPlansAreRejected() {
        SegmentationPlan.Result r = SegmentationPlan.builder().range(new ThresholdRange(5000, 6000)).build().run(phantom());
        assertEquals(0, r.voxelCount());
        assertTrue(r.warnings().get(0).contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> SegmentationPlan.builder().build());
        assertThrows(IllegalArgumentException.class, () -> SegmentationPlan.builder().otsu(true).regionGrow(true).build());
        assertThrows(IllegalArgumentException.class, () -> SegmentationPlan.builder().otsu(true).dilate(-1).build());
        assertThrows(SeedOutsideVolumeException.class, () -> SegmentationPlan.builder().otsu(true).regionGrow(true)
                .seed(new Vector3d(500, 0, 0)).build().run(phantom()));
    }
}
