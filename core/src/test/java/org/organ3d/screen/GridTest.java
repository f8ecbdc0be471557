package org.organ3d.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.segment.DistanceTransform;
import org.organ3d.volume.Dimensions;

class GridTest {

    @Test
    void distancesAndDilationEqualBruteForceAndTheSegmentationModule() {
        Random r = new Random(9);
        for (int trial = 0; trial < 8; trial++) {
            Dimensions d = new Dimensions(5 + r.nextInt(12), 4 + r.nextInt(12), 3 + r.nextInt(8));
            double[] sp = trial % 2 == 0 ? new double[] {0.7, 0.7, 2.5} : new double[] {1.1, 0.6, 0.9};
            Grid g = new Grid(d, sp);
            boolean[] m = new boolean[g.size()];
            double fill = trial < 4 ? 0.9 : 0.1;
            for (int v = 0; v < m.length; v++) {
                m[v] = r.nextDouble() < fill;
            }
            float[] got = g.squaredDistanceToOutside(m);
            byte[][] outside = new byte[d.nz()][d.sliceSize()];
            for (int v = 0; v < m.length; v++) {
                outside[g.k(v)][v % d.sliceSize()] = (byte) (m[v] ? 0 : 1);
            }
            float[][] lib = DistanceTransform.squaredMm(outside, d, sp, Double.POSITIVE_INFINITY);
            for (int v = 0; v < m.length; v++) {
                double best = Double.POSITIVE_INFINITY;
                for (int w = 0; w < m.length; w++) {
                    if (!m[w]) {
                        double dx = (g.i(v) - g.i(w)) * sp[0];
                        double dy = (g.j(v) - g.j(w)) * sp[1];
                        double dz = (g.k(v) - g.k(w)) * sp[2];
                        best = Math.min(best, dx * dx + dy * dy + dz * dz);
                    }
                }
                if (Double.isInfinite(best)) {
                    assertEquals(Float.POSITIVE_INFINITY, got[v]);
                } else {
                    assertEquals(best, got[v], 1e-4 * Math.max(1, best), "trial " + trial + " voxel " + v);
                }
                assertEquals(lib[g.k(v)][v % d.sliceSize()], got[v], 1e-4 * Math.max(1, got[v]));
            }
            double rad = 1.3;
            boolean[] dil = g.dilate(m, rad);
            byte[][] src = new byte[d.nz()][d.sliceSize()];
            for (int v = 0; v < m.length; v++) {
                src[g.k(v)][v % d.sliceSize()] = (byte) (m[v] ? 1 : 0);
            }
            byte[][] want = DistanceTransform.withinMm(src, d, sp, rad);
            for (int v = 0; v < m.length; v++) {
                assertEquals(want[g.k(v)][v % d.sliceSize()] != 0, dil[v], "dilation trial " + trial + " voxel " + v);
            }
        }
    }

    @Test
    void floodIsSixConnected() {
        Grid g = new Grid(new Dimensions(4, 3, 2), new double[] {1, 1, 1});
        boolean[] m = new boolean[g.size()];
        m[g.index(0, 0, 0)] = true;
        m[g.index(1, 0, 0)] = true;
        m[g.index(2, 1, 0)] = true;
        m[g.index(1, 0, 1)] = true;
        boolean[] f = g.flood(g.index(0, 0, 0), v -> m[v]);
        assertEquals(true, f[g.index(1, 0, 1)]);
        assertEquals(false, f[g.index(2, 1, 0)]);
    }
}
