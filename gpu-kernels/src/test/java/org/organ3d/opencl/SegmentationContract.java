package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

/**
 * The segmentation half of the backend contract: threshold masks, component labels and sizes, and
 * distance-transform margins identical to the Java backend; component sizes of an analytic phantom.
 */
abstract class SegmentationContract extends BackendContract {

    private final ComputeBackend java = new JavaBackend();

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
    void thresholdMatchesJava() {
        Volume v = Phantoms.random(31, 17, 9, 5);
        for (ThresholdRange r : new ThresholdRange[] {new ThresholdRange(-10, 10.25), ThresholdRange.atLeast(0.1),
            new ThresholdRange(Double.NEGATIVE_INFINITY, -0.3), new ThresholdRange(1.0000001, 1.0000001)}) {
            byte[][] want = java.threshold(v, r);
            byte[][] got = backend().threshold(v, r);
            for (int k = 0; k < want.length; k++) {
                assertArrayEquals(want[k], got[k], r + " slice " + k);
            }
        }
    }

    @Test
    void componentsMatchJava() {
        Dimensions d = new Dimensions(29, 23, 17);
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.8, 2.0));
        for (int oneIn : new int[] {2, 3, 5}) {
            byte[][] m = randomMask(d, 11 + oneIn, oneIn);
            for (Connectivity c : Connectivity.values()) {
                Components want = java.connectedComponents(m, d, g, c);
                Components got = backend().connectedComponents(m, d, g, c);
                assertEquals(want.count(), got.count(), c + " 1/" + oneIn);
                assertArrayEquals(want.sizesVoxels(), got.sizesVoxels(), c + " sizes");
                for (int k = 0; k < d.nz(); k++) {
                    for (int j = 0; j < d.ny(); j++) {
                        for (int i = 0; i < d.nx(); i++) {
                            if (want.componentAt(i, j, k) != got.componentAt(i, j, k)) {
                                assertEquals(want.componentAt(i, j, k), got.componentAt(i, j, k), c + " at " + i + "," + j + "," + k);
                            }
                        }
                    }
                }
            }
        }
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

    @Test
    void distanceMarginsMatchJava() {
        Dimensions d = new Dimensions(37, 29, 21);
        double[] sp = {0.7, 0.9, 2.5};
        byte[][] src = randomMask(d, 3, 400);
        for (double r : new double[] {0, 1.4, 5.0, 12.5}) {
            byte[][] want = java.withinMm(src, d, sp, r);
            byte[][] got = backend().withinMm(src, d, sp, r);
            for (int k = 0; k < d.nz(); k++) {
                assertArrayEquals(want[k], got[k], "r=" + r + " slice " + k);
            }
        }
        for (double cap : new double[] {Double.POSITIVE_INFINITY, 6.0}) {
            float[][] want = java.squaredDistanceMm(src, d, sp, cap);
            float[][] got = backend().squaredDistanceMm(src, d, sp, cap);
            for (int k = 0; k < d.nz(); k++) {
                float tol = exactReals() ? 0f : 1e-3f;
                for (int x = 0; x < want[k].length; x++) {
                    float w = want[k][x];
                    float g = got[k][x];
                    // NB: identical on PoCL; 1e-6 relative allows a device compiler's fused multiply-add.
                    if (w != g && !(Math.abs(w - g) <= Math.max(tol, 1e-6f * Math.abs(w)))) {
                        assertEquals(w, g, "cap=" + cap + " slice " + k + " voxel " + x);
                    }
                }
            }
        }
        byte[][] none = new byte[d.nz()][d.sliceSize()];
        byte[][] empty = backend().withinMm(none, d, sp, 3);
        for (byte[] s : empty) {
            for (byte b : s) {
                assertTrue(b == 0);
            }
        }
    }
}
