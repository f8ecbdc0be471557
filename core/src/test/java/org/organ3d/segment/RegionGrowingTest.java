package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

class RegionGrowingTest {

    private static final Geometry G = Geometry.axisAligned(new Spacing(0.8, 0.8, 2.0), new Vector3d(-10, -20, 50));
    private static final Dimensions D = new Dimensions(30, 20, 10);

    /** Two bright boxes (100) on 0: A = i 2..9, B = i 11..18 (a one-voxel gap at i = 10). */
    private static Volume gap() {
        return Phantoms.int16(D, G, (i, j, k) -> (i >= 2 && i <= 9 || i >= 11 && i <= 18) && j >= 3 && j <= 12 && k >= 2 && k <= 6 ? 100 : 0);
    }

    /** Box A, and box B touching A only along an edge (i+1, j+1) or only at a corner (i+1, j+1, k+1). */
    private static Volume contact(boolean cornerOnly) {
        return Phantoms.int16(D, G, (i, j, k) -> {
            boolean a = i >= 2 && i <= 9 && j >= 2 && j <= 9 && k >= 1 && k <= 4;
            boolean b = i >= 10 && i <= 16 && j >= 10 && j <= 16 && (cornerOnly ? k >= 5 && k <= 8 : k >= 1 && k <= 4);
            return a || b ? 100 : 0;
        });
    }

    private static final ThresholdRange BRIGHT = new ThresholdRange(50, 150);
    private static final List<VoxelIndex> SEED = List.of(new VoxelIndex(4, 5, 3));

    @Test
    void stopsAtAOneVoxelGapUnderEveryConnectivity() {
        for (Connectivity c : Connectivity.values()) {
            RegionGrowing.Result r = RegionGrowing.connectedThreshold(gap(), SEED, BRIGHT, c, RegionGrowing.NO_LIMIT, 1);
            assertEquals(8 * 10 * 5, r.voxels(), c.toString());
            assertEquals(0, r.region().label(11, 5, 3));
            assertFalse(r.leakGuardHit());
            assertTrue(r.warnings().isEmpty());
        }
    }

    @Test
    void crossesAnEdgeContactUnder18And26AndACornerContactOnlyUnder26() {
        long a = 8 * 8 * 4;
        long b = 7 * 7 * 4;
        assertEquals(a, grow(contact(false), Connectivity.SIX));
        assertEquals(a + b, grow(contact(false), Connectivity.EIGHTEEN));
        assertEquals(a + b, grow(contact(false), Connectivity.TWENTY_SIX));
        assertEquals(a, grow(contact(true), Connectivity.SIX));
        assertEquals(a, grow(contact(true), Connectivity.EIGHTEEN));
        assertEquals(a + b, grow(contact(true), Connectivity.TWENTY_SIX));
    }

    private static long grow(Volume v, Connectivity c) {
        return RegionGrowing.connectedThreshold(v, SEED, BRIGHT, c, RegionGrowing.NO_LIMIT, 1).voxels();
    }

    @Test
    void leakGuardStopsTheGrowthWithAWarning() {
        Volume v = Phantoms.int16(D, G, (i, j, k) -> 100);
        double vv = G.voxelVolume();
        RegionGrowing.Result r = RegionGrowing.connectedThreshold(v, SEED, BRIGHT, Connectivity.SIX, 250 * vv + 0.1, 2);
        assertTrue(r.leakGuardHit());
        assertEquals(250, r.voxels());
        assertEquals(java.util.Map.of(2, 250L), r.region().counts());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("leak guard"), r.warnings().get(0));
        RegionGrowing.Result all = RegionGrowing.connectedThreshold(v, SEED, BRIGHT, Connectivity.SIX, D.voxelCount() * vv, 1);
        assertFalse(all.leakGuardHit());
        assertEquals(D.voxelCount(), all.voxels());
    }

    @Test
    void seedsByLpsAreRoundedAndSeedsOutsideAreRejected() {
        Volume v = gap();
        Vector3d p = G.indexToPatient(4.4, 5.4, 2.6);
        List<VoxelIndex> s = RegionGrowing.seedsFromLps(v, List.of(p));
        assertEquals(new VoxelIndex(4, 5, 3), s.get(0));
        SeedOutsideVolumeException e = assertThrows(SeedOutsideVolumeException.class,
                () -> RegionGrowing.seedsFromLps(v, List.of(G.indexToPatient(4, 5, 10.6))));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertThrows(SeedOutsideVolumeException.class, () -> RegionGrowing.connectedThreshold(v,
                List.of(new VoxelIndex(-1, 0, 0)), BRIGHT, Connectivity.SIX, RegionGrowing.NO_LIMIT, 1));
    }

    @Test
    void seedOutsideTheRangeIsIgnoredWithAWarning() {
        RegionGrowing.Result r = RegionGrowing.connectedThreshold(gap(), List.of(new VoxelIndex(0, 0, 0), new VoxelIndex(15, 5, 3)),
                BRIGHT, Connectivity.SIX, RegionGrowing.NO_LIMIT, 1);
        assertEquals(400, r.voxels());
        assertEquals(1, r.region().label(15, 5, 3));
        assertTrue(r.warnings().get(0).contains("outside the range"));
        RegionGrowing.Result none = RegionGrowing.connectedThreshold(gap(), List.of(new VoxelIndex(0, 0, 0)),
                BRIGHT, Connectivity.SIX, RegionGrowing.NO_LIMIT, 1);
        assertEquals(0, none.voxels());
        assertTrue(none.warnings().get(none.warnings().size() - 1).contains("found nothing"));
    }

    @Test
    void confidenceConnectedFindsANoisyBlobAndStopsAtItsEdge() {
        Random r = new Random(2);
        Dimensions d = new Dimensions(40, 40, 12);
        // blob 120 ± 10 (sphere radius 8 voxels in-plane), background 20 ± 10
        Volume v = Phantoms.int16(d, Geometry.unit(), (i, j, k) -> {
            boolean in = (i - 20) * (i - 20) + (j - 20) * (j - 20) + 4 * (k - 6) * (k - 6) <= 64;
            return (in ? 120 : 20) + r.nextGaussian() * 10;
        });
        RegionGrowing.Result g = ConfidenceConnected.grow(v, List.of(new VoxelIndex(20, 20, 6)), Connectivity.SIX,
                RegionGrowing.NO_LIMIT, 1);
        long truth = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    boolean in = (i - 20) * (i - 20) + (j - 20) * (j - 20) + 4 * (k - 6) * (k - 6) <= 64;
                    truth += in ? 1 : 0;
                    if (!in) {
                        assertEquals(0, g.region().label(i, j, k), "leaked to " + i + "," + j + "," + k);
                    }
                }
            }
        }
        assertTrue(g.voxels() > 0.97 * truth, g.voxels() + " of " + truth);
        assertTrue(g.range().lower() > 50 && g.range().upper() < 200, g.range().toString());
    }
}
