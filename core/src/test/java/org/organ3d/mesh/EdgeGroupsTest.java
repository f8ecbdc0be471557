package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** EdgeGroups against a brute-force map of undirected edges, on random triangles and a high-valence fan. */
class EdgeGroupsTest {

    private static void check(int nv, int[] idx) {
        // expected: undirected edge (min, max) -> list of reversed flags, in ascending key order
        TreeMap<Long, List<Boolean>> want = new TreeMap<>();
        for (int h = 0; h < idx.length; h++) {
            int a = idx[h];
            int b = idx[h - h % 3 + (h + 1) % 3];
            long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
            want.computeIfAbsent(key, k -> new ArrayList<>()).add(a > b);
        }
        EdgeGroups g = EdgeGroups.of(nv, idx);
        assertEquals(nv, g.vertexCount());
        List<Long> gotKeys = new ArrayList<>();
        for (int v = 0; v < nv; v++) {
            int end = g.start[v + 1];
            for (int x = g.start[v]; x < end;) {
                int y = g.groupEnd(x, end);
                long key = (long) v << 32 | g.larger(x);
                gotKeys.add(key);
                List<Boolean> flags = want.get(key);
                assertTrue(flags != null, "edge " + v + "-" + g.larger(x));
                assertEquals(flags.size(), y - x, "uses of " + v + "-" + g.larger(x));
                long reversed = flags.stream().filter(f -> f).count();
                int got = 0;
                for (int h = x; h < y; h++) {
                    got += g.reversed(h) ? 1 : 0;
                }
                assertEquals(reversed, got);
                x = y;
            }
        }
        assertEquals(new ArrayList<>(want.keySet()), gotKeys, "every edge once, in ascending order");
    }

    @Test
    void randomTrianglesWithDegenerateAndRepeatedEdges() {
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int nv = 1 + r.nextInt(40);
            int[] idx = new int[3 * r.nextInt(200)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = r.nextInt(nv);
            }
            check(nv, idx);
        }
    }

    @Test
    void highValenceFan() {
        int n = 20000;
        int[] idx = new int[3 * n];
        for (int t = 0; t < n; t++) {
            idx[3 * t] = 0;
            idx[3 * t + 1] = 1 + (t * 7919) % n;
            idx[3 * t + 2] = 1 + (t * 7919 + 1) % n;
        }
        check(n + 1, idx);
    }
}
