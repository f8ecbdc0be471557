package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/** The passes give the same answer on 1 thread and on several (parallel streams run in the caller's pool). */
class ThreadIndependenceTest {

    private static final Dimensions D = new Dimensions(37, 29, 23);
    private static final double[] S = {0.7, 0.9, 2.5};

    private static byte[][][] all(byte[][] m, Volume v) {
        Components c = ConnectedComponents.label(m, D, Geometry.unit(), Connectivity.TWENTY_SIX);
        byte[][] largest = c.mask(id -> id == 1);
        RegionGrowing.Result g = RegionGrowing.connectedThreshold(v, List.of(new VoxelIndex(18, 14, 11)),
                new ThresholdRange(0, 55), Connectivity.SIX, RegionGrowing.NO_LIMIT, 1);
        return new byte[][][] {Morphology.dilate(m, D, S, 3.1), Morphology.erode(m, D, S, 1.9),
            HoleFilling.fill3d(m, D, Connectivity.SIX), HoleFilling.fillSlices(m, D, false), largest,
            Masks.foreground(g.region()), Threshold.mask(v, new ThresholdRange(20, 60))};
    }

    @Test
    void oneThreadAndFourThreadsAgree() throws Exception {
        Random r = new Random(9);
        byte[][] m = Phantoms.mask(D, (i, j, k) -> r.nextDouble() < 0.45);
        Random r2 = new Random(10);
        Volume v = Phantoms.int16(D, Geometry.unit(), (i, j, k) -> r2.nextInt(100));
        byte[][][] one = new ForkJoinPool(1).submit(() -> all(m, v)).get();
        byte[][][] four = new ForkJoinPool(4).submit(() -> all(m, v)).get();
        for (int n = 0; n < one.length; n++) {
            assertEquals(one[n].length, four[n].length);
            for (int k = 0; k < one[n].length; k++) {
                assertArrayEquals(one[n][k], four[n][k], "result " + n + " slice " + k);
            }
        }
    }
}
