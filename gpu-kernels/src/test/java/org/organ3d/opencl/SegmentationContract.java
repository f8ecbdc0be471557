package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;

/**
 * The segmentation half of the backend contract every backend meets: component sizes of an analytic
 * phantom (two balls of known voxel counts). Parity with the Java backend (threshold masks, component
 * labels, distance margins) is {@link JavaParityContract}'s.
 */
abstract class SegmentationContract extends BackendContract {

    static byte[][] randomMask(Dimensions d, long seed, int oneIn) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] m = new byte[d.nz()][d.sliceSize()];
        for (byte[] s : m) {
            for (int x = 0; x < s.length; x++) {
                s[x] = (byte) (rnd.nextInt(oneIn) == 0 ? 1 : 0);
            }
        }
        return m;
    }

    @Test
    void componentSizesOfTwoBallsAreExact() {
        Dimensions d = new Dimensions(40, 24, 24);
        byte[][] m = new byte[d.nz()][d.sliceSize()];
        long big = 0;
        long small = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double a = (i - 11) * (i - 11) + (j - 12) * (j - 12) + (k - 12) * (k - 12);
                    double b = (i - 31) * (i - 31) + (j - 12) * (j - 12) + (k - 12) * (k - 12);
                    if (a <= 81) {
                        m[k][j * d.nx() + i] = 1;
                        big++;
                    } else if (b <= 25) {
                        m[k][j * d.nx() + i] = 1;
                        small++;
                    }
                }
            }
        }
        Components c = backend().connectedComponents(m, d, Geometry.unit(), Connectivity.TWENTY_SIX);
        assertEquals(2, c.count());
        assertEquals(big, c.sizeVoxels(1));
        assertEquals(small, c.sizeVoxels(2));
        assertEquals(1, c.componentAt(11, 12, 12));
        assertEquals(2, c.componentAt(31, 12, 12));
    }
}
