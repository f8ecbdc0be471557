package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;

class DistanceTransformTest {

    private static final double[] ANISO = {0.7, 0.7, 2.5};

    @Test
    void squaredDistancesEqualBruteForceOnRandomSparseMasks() {
        Random r = new Random(7);
        for (int trial = 0; trial < 6; trial++) {
            Dimensions d = new Dimensions(9 + r.nextInt(8), 7 + r.nextInt(8), 5 + r.nextInt(6));
            double[] s = trial % 2 == 0 ? ANISO : new double[] {1.3, 0.45, 0.9};
            int sources = trial == 5 ? 1 : 1 + r.nextInt(12);
            byte[][] src = new byte[d.nz()][d.sliceSize()];
            for (int n = 0; n < sources; n++) {
                src[r.nextInt(d.nz())][r.nextInt(d.sliceSize())] = 1;
            }
            double[][] want = Phantoms.bruteSquared(src, d, s);
            float[][] got = DistanceTransform.squaredMm(src, d, s, Double.POSITIVE_INFINITY);
            for (int k = 0; k < d.nz(); k++) {
                for (int x = 0; x < d.sliceSize(); x++) {
                    assertEquals(want[k][x], got[k][x], 1e-6 * Math.max(1, want[k][x]), "trial " + trial + " k " + k + " x " + x);
                }
            }
        }
    }

    @Test
    void capMakesFarVoxelsInfiniteAndKeepsNearOnesExact() {
        Dimensions d = new Dimensions(30, 20, 12);
        byte[][] src = new byte[d.nz()][d.sliceSize()];
        src[5][d.offsetInSlice(10, 10)] = 1;
        src[6][d.offsetInSlice(22, 3)] = 1;
        double[][] want = Phantoms.bruteSquared(src, d, ANISO);
        float[][] got = DistanceTransform.squaredMm(src, d, ANISO, 4.0);
        for (int k = 0; k < d.nz(); k++) {
            for (int x = 0; x < d.sliceSize(); x++) {
                if (want[k][x] <= 16 * (1 + 1e-6)) {
                    assertEquals(want[k][x], got[k][x], 1e-5);
                } else {
                    assertEquals(Float.POSITIVE_INFINITY, got[k][x]);
                }
            }
        }
    }

    @Test
    void dilationEqualsTheDefinitionOnAnAnisotropicBlob() {
        // within r <=> some source voxel centre at distance <= r; brute force as the witness
        Dimensions d = new Dimensions(40, 36, 14);
        Random rnd = new Random(3);
        byte[][] src = Phantoms.mask(d, (i, j, k) -> Math.hypot(i - 18, j - 16) < 6 + rnd.nextInt(3) && k >= 5 && k <= 8);
        double[][] want = Phantoms.bruteSquared(src, d, ANISO);
        for (double r : new double[] {0, 0.7, 2.5, 3.3, 5.0, 7.25}) {
            byte[][] got = Morphology.dilate(src, d, ANISO, r);
            for (int k = 0; k < d.nz(); k++) {
                for (int x = 0; x < d.sliceSize(); x++) {
                    assertEquals(want[k][x] <= r * r * (1 + 1e-6), got[k][x] != 0, "r " + r + " k " + k + " x " + x);
                }
            }
        }
    }

    @Test
    void dilatingOneVoxelGivesTheExactBallOfThatRadius() {
        Geometry g = Geometry.axisAligned(new Spacing(0.7, 0.7, 2.5), new Vector3d(-20, 5, 100));
        Dimensions d = new Dimensions(41, 41, 13);
        byte[][] one = new byte[d.nz()][d.sliceSize()];
        one[6][d.offsetInSlice(20, 20)] = 1;
        org.joml.Vector3d c = g.indexToPatient(20, 20, 6);
        for (double r : new double[] {5.0, 7.5, 12.0}) {
            byte[][] got = Morphology.dilate(one, d, ANISO, r);
            byte[][] ball = Phantoms.ball(d, g, c.x, c.y, c.z, r);
            assertEquals(0, Phantoms.differences(got, ball), "r = " + r);
        }
    }

    @Test
    void ballOf20DilatedBy5IsSandwichedBetweenTheAnalyticBalls() {
        // 0.7 × 0.7 × 2.5 mm voxels; centre off the grid
        Geometry g = Geometry.axisAligned(new Spacing(0.7, 0.7, 2.5));
        Dimensions d = new Dimensions(90, 90, 28);
        double cx = 31.623;
        double cy = 31.956;
        double cz = 35.789;
        byte[][] a20 = Phantoms.ball(d, g, cx, cy, cz, 20);
        byte[][] b25 = Phantoms.ball(d, g, cx, cy, cz, 25);
        byte[][] dil = Morphology.dilate(a20, d, ANISO, 5);
        // every dilated voxel is within 25 mm of the centre (triangle inequality) ...
        assertEquals(0, Phantoms.notIn(dil, b25));
        // ... and every voxel of the 25 mm ball is within 5 mm + one voxel diagonal of the 20 mm voxels
        double h = Math.sqrt(0.7 * 0.7 + 0.7 * 0.7 + 2.5 * 2.5);
        byte[][] wide = Morphology.dilate(a20, d, ANISO, 5 + h);
        assertEquals(0, Phantoms.notIn(b25, wide));
        // the gap is the voxel sampling of the 20 mm ball, and it is not empty here
        long missing = Phantoms.notIn(b25, dil);
        assertTrue(missing > 0 && missing < 0.05 * Phantoms.count(b25), "missing " + missing);
        // it equals scipy.ndimage.distance_transform_edt(~a20, sampling=(0.7,0.7,2.5)) <= 5 (1928 voxels
        // of 53459 computed with Debian's python3-scipy for this centre and grid)
        assertEquals(53459, Phantoms.count(b25));
        assertEquals(1928, missing);
    }

    @Test
    void noOperationOnBallVoxelsCanReturnTheLargerBallExactly() {
        // Two centres 2 µm apart: identical 20 mm voxel sets, different 25 mm voxel sets. Any dilation
        // (a function of the voxel set) therefore misses the 25 mm ball for at least one of them.
        Geometry g = Geometry.axisAligned(new Spacing(0.7, 0.7, 2.5));
        Dimensions d = new Dimensions(90, 90, 28);
        double[] c1 = {31.51876981, 31.48644073, 34.99510855};
        double[] c2 = {31.51808678, 31.48774471, 34.99681283};
        byte[][] a1 = Phantoms.ball(d, g, c1[0], c1[1], c1[2], 20);
        byte[][] a2 = Phantoms.ball(d, g, c2[0], c2[1], c2[2], 20);
        assertEquals(0, Phantoms.differences(a1, a2));
        byte[][] s1 = Phantoms.ball(d, g, c1[0], c1[1], c1[2], 25);
        byte[][] s2 = Phantoms.ball(d, g, c2[0], c2[1], c2[2], 25);
        assertNotEquals(0, Phantoms.differences(s1, s2));
    }

    @Test
    void erosionIsTheDualOfDilationWithTheGridBorderAsForeground() {
        Dimensions d = new Dimensions(34, 30, 16);
        Random rnd = new Random(11);
        byte[][] a = Phantoms.mask(d, (i, j, k) -> (i - 12) * (i - 12) + (j - 14) * (j - 14) < 70 + rnd.nextInt(40)
                || (i > 20 && j < 8 && k > 3) || rnd.nextInt(40) == 0);
        for (double r : new double[] {0.7, 1.5, 2.5, 4.0}) {
            byte[][] er = Morphology.erode(a, d, ANISO, r);
            byte[][] comp = new byte[d.nz()][];
            for (int k = 0; k < d.nz(); k++) {
                comp[k] = a[k].clone();
            }
            Masks.invert(comp);
            byte[][] dual = DistanceTransform.withinMm(comp, d, ANISO, r);
            Masks.invert(dual);
            assertEquals(0, Phantoms.differences(er, dual), "r " + r);
            // opening is anti-extensive, closing extensive
            byte[][] open = Morphology.dilate(er, d, ANISO, r);
            assertEquals(0, Phantoms.notIn(open, a));
            byte[][] close = Morphology.erode(Morphology.dilate(a, d, ANISO, r), d, ANISO, r);
            assertEquals(0, Phantoms.notIn(a, close));
        }
        // an object filling the grid is not eroded at all (the border counts as foreground)
        byte[][] full = Phantoms.mask(d, (i, j, k) -> true);
        assertEquals(d.voxelCount(), Phantoms.count(Morphology.erode(full, d, ANISO, 3)));
    }

    @Test
    void labelMapEntryPointsKeepGeometryAndLabel() {
        Geometry g = Geometry.axisAligned(new Spacing(0.7, 0.7, 2.5), new Vector3d(1, 2, 3));
        Dimensions d = new Dimensions(20, 20, 9);
        var m = Phantoms.labels(d, g, (i, j, k) -> i == 10 && j == 10 && k == 4);
        var dil = Morphology.dilate(m, 2.5, 7);
        assertEquals(g, dil.geometry());
        // 2.5 mm: ±3 voxels in-plane disc of radius 2.5 (|di,dj|·0.7 <= 2.5) plus ±1 slice (single voxel)
        long disc = 0;
        for (int dj = -3; dj <= 3; dj++) {
            for (int di = -3; di <= 3; di++) {
                disc += 0.49 * (di * di + dj * dj) <= 6.25 ? 1 : 0;
            }
        }
        assertEquals(java.util.Map.of(7, disc + 2), dil.counts());
        assertArrayEquals(new double[] {0.7, 0.7, 2.5}, DistanceTransform.spacing(g), 1e-12);
    }
}
