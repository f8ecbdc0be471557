package org.organ3d.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatticeHullTest {

    @Test
    void hullOfRandomLatticePointsContainsEveryPointAndIsAClosedSurface() {
        Random r = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int n = 20 + r.nextInt(2000);
            int span = 1 + r.nextInt(trial % 3 == 0 ? 4 : 200); // small spans: many coplanar points
            int[] x = new int[n];
            int[] y = new int[n];
            int[] z = new int[n];
            for (int p = 0; p < n; p++) {
                x[p] = r.nextInt(span + 1) - span / 2;
                y[p] = r.nextInt(span + 1);
                z[p] = r.nextInt(span + 1) * 3;
            }
            x[0] = -span;
            y[1] = span + 3;
            z[2] = -5;
            z[3] = 3 * span + 7;
            int[] t = LatticeHull3.hull(x, y, z, n);
            // Every point on or below every face plane (exact), so the hull contains all points.
            for (int f = 0; f < t.length; f += 3) {
                for (int p = 0; p < n; p++) {
                    assertTrue(orient(x, y, z, t[f], t[f + 1], t[f + 2], p) <= 0, "point outside face");
                }
            }
            // Closed, consistently wound: each directed edge once, and its reverse once.
            Map<Long, Integer> edges = new HashMap<>();
            for (int f = 0; f < t.length; f += 3) {
                for (int e = 0; e < 3; e++) {
                    long key = (long) t[f + e] * n + t[f + (e + 1) % 3];
                    assertEquals(null, edges.put(key, f), "directed edge used twice");
                }
            }
            for (long key : edges.keySet()) {
                long a = key / n;
                long b = key % n;
                assertTrue(edges.containsKey(b * n + a), "open edge");
            }
        }
    }

    @Test
    void cubeCornersGiveTwelveTrianglesOfTheBox() {
        int[] x = new int[27];
        int[] y = new int[27];
        int[] z = new int[27];
        int p = 0;
        for (int a = -1; a <= 1; a++) {
            for (int b = -1; b <= 1; b++) {
                for (int c = -1; c <= 1; c++) {
                    x[p] = a;
                    y[p] = b;
                    z[p++] = c;
                }
            }
        }
        int[] t = LatticeHull3.hull(x, y, z, 27);
        double vol = 0;
        for (int f = 0; f < t.length; f += 3) {
            vol += orient(x, y, z, t[f], t[f + 1], t[f + 2], 13); // apex at the centre (0,0,0)
        }
        assertEquals(-8 * 6, vol, 0); // 6 × volume 8, sign: centre is below every face
    }

    @Test
    void minimumWidthOfARegularTetrahedronIsFoundAtAnEdgePair() {
        // Vertices (0,0,0), (s,s,0), (s,0,s), (0,s,s) with s = 10 mm: edge s√2, height s√2·√(2/3),
        // width s (between opposite edges), attained only at an edge–edge pair.
        int[] x = {0, 20, 20, 0, 10};
        int[] y = {0, 20, 0, 20, 10};
        int[] z = {0, 0, 20, 20, 10};
        LabelHull h = LabelHull.ofLattice(x, y, z, 5, org.organ3d.volume.Geometry.unit());
        assertEquals(4, h.vertexCount());
        assertEquals(10 * Math.sqrt(2) * Math.sqrt(2.0 / 3), new FeretDiameters(h).minOverFaces()[0], 1e-9);
        double[] w = new FeretDiameters(h).min();
        assertEquals(10, w[0], 1e-9);
        assertEquals(1, w[4]);
        assertEquals(1, Math.abs(w[3]), 1e-9); // direction ±z
        assertEquals(10 * Math.sqrt(2), new FeretDiameters(h).max()[0], 1e-9);
    }

    @Test
    void square2dHullDropsCollinearAndInteriorPoints() {
        int[] x = {0, 1, 2, 2, 2, 1, 0, 0, 1};
        int[] y = {0, 0, 0, 1, 2, 2, 2, 1, 1};
        int[] h = LatticeHull2.hull(x, y, 9);
        assertEquals(8, h.length); // 4 corners
    }

    private static long orient(int[] x, int[] y, int[] z, int a, int b, int c, int d) {
        long bx = x[b] - x[a];
        long by = y[b] - y[a];
        long bz = z[b] - z[a];
        long cx = x[c] - x[a];
        long cy = y[c] - y[a];
        long cz = z[c] - z[a];
        long dx = x[d] - x[a];
        long dy = y[d] - y[a];
        long dz = z[d] - z[a];
        return dx * (by * cz - bz * cy) + dy * (bz * cx - bx * cz) + dz * (bx * cy - by * cx);
    }
}
