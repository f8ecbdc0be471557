package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;

class HoleFillingTest {

    private static final Dimensions D = new Dimensions(24, 22, 20);
    private static final Geometry G = Geometry.axisAligned(new Spacing(1, 1, 1.5));

    private static int r2(int i, int j, int k) {
        return (i - 11) * (i - 11) + (j - 10) * (j - 10) + (k - 9) * (k - 9);
    }

    @Test
    void hollowBallIsFilledIn3dAndSliceBySlice() {
        LabelMap shell = Phantoms.labels(D, G, (i, j, k) -> r2(i, j, k) <= 64 && r2(i, j, k) > 25);
        long solid = Phantoms.count(Phantoms.mask(D, (i, j, k) -> r2(i, j, k) <= 64));
        assertEquals(Map.of(4, solid), HoleFilling.fill3d(shell, 4).counts());
        assertEquals(Map.of(1, solid), HoleFilling.fillSlices(shell, 1).counts());
    }

    @Test
    void tubeOpenAtBothEndsIsFilledOnlySliceBySlice() {
        // a tube along k through the whole grid: its lumen touches the k = 0 and k = nz-1 faces
        LabelMap tube = Phantoms.labels(D, G, (i, j, k) -> {
            int q = (i - 11) * (i - 11) + (j - 10) * (j - 10);
            return q <= 36 && q > 9;
        });
        long wall = Masks.count(tube);
        long full = Phantoms.count(Phantoms.mask(D, (i, j, k) -> (i - 11) * (i - 11) + (j - 10) * (j - 10) <= 36));
        assertEquals(Map.of(1, wall), HoleFilling.fill3d(tube, 1).counts());
        assertEquals(Map.of(1, full), HoleFilling.fillSlices(tube, 1).counts());
    }

    @Test
    void cavitySealedOnlyByDiagonalContactsCountsAsSealedIn3d() {
        // A 3×3×3 cube shell whose centre voxel is a hole; remove one face-centre voxel: the hole now
        // leaks through a face (6-connected background), and is no longer a hole.
        byte[][] shell = Phantoms.mask(D, (i, j, k) -> i >= 4 && i <= 6 && j >= 4 && j <= 6 && k >= 4 && k <= 6
                && !(i == 5 && j == 5 && k == 5));
        assertEquals(27, Phantoms.count(HoleFilling.fill3d(shell, D, Connectivity.SIX)));
        shell[5][D.offsetInSlice(5, 4)] = 0;
        assertEquals(25, Phantoms.count(HoleFilling.fill3d(shell, D, Connectivity.SIX)));
        // with 26-connected background even an edge-voxel removal opens it
        byte[][] edge = Phantoms.mask(D, (i, j, k) -> i >= 4 && i <= 6 && j >= 4 && j <= 6 && k >= 4 && k <= 6
                && !(i == 5 && j == 5 && k == 5) && !(i == 4 && j == 4 && k == 5));
        assertEquals(26, Phantoms.count(HoleFilling.fill3d(edge, D, Connectivity.SIX)));
        assertEquals(25, Phantoms.count(HoleFilling.fill3d(edge, D, Connectivity.TWENTY_SIX)));
    }
}
