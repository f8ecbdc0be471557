package org.organ3d.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes a label's surface-nets mesh edge-manifold where two cell sheets are joined twice.
 *
 * <p>When a label forms a one-voxel ring around a thread of other labels, the same sheet in one cell
 * and the same sheet in the neighbouring cell are joined across both segments of their shared
 * (ambiguous) face. The dual mesh then uses the vertex pair (P1, P2) for two distinct edges, each
 * shared by two quads, so the index edge P1–P2 has four triangles. The two quads of one copy are
 * those of the two grid edges meeting at the same voxel of the label (the {@code side} tag of each
 * triangle). This pass keeps the first copy (smallest tag) and subdivides every other copy at a new
 * vertex X at the middle of P1–P2: each of its two triangles (P1, P2, Y) becomes (P1, X, Y) and
 * (X, P2, Y). The surface and its volume are unchanged; every edge is then used exactly twice.
 * Configurations that do not pair up this way are left as they are (and {@link MeshTopology}
 * reports them). Not thread-safe; used once.
 */
final class DoubleEdgeSplit {

    private float[] pos;
    private int[] idx;
    private final long[] side;
    private int nv;
    private int nt;

    DoubleEdgeSplit(float[] pos, int[] idx, long[] side) {
        this.pos = pos;
        this.idx = idx;
        this.side = side;
        this.nv = pos.length / 3;
        this.nt = idx.length / 3;
    }

    Mesh run() {
        Map<Long, List<int[]>> bad = new TreeMap<>();
        for (long k : overusedEdges()) {
            bad.put(k, new ArrayList<>());
        }
        if (bad.isEmpty()) {
            return Mesh.adopt(pos, null, idx);
        }
        for (int h = 0; h < 3 * nt; h++) {
            List<int[]> uses = bad.get(key(idx[h], idx[h - h % 3 + (h + 1) % 3]));
            if (uses != null) {
                int t = h / 3;
                int c = h % 3;
                uses.add(new int[] {t, idx[3 * t + c], idx[3 * t + (c + 1) % 3]});
            }
        }
        int originalTriangles = nt;
        // triangles derived from an original one by earlier splits (to find an edge again)
        Map<Integer, List<Integer>> derived = new HashMap<>();
        for (List<int[]> uses : bad.values()) {
            TreeMap<Long, List<int[]>> groups = new TreeMap<>();
            for (int[] u : uses) {
                groups.computeIfAbsent(side[u[0]], s -> new ArrayList<>()).add(u);
            }
            boolean paired = groups.values().stream().allMatch(g -> g.size() == 2 && g.get(0)[1] == g.get(1)[2]);
            if (!paired || groups.size() < 2) {
                continue;
            }
            boolean firstGroup = true;
            for (List<int[]> g : groups.values()) {
                if (firstGroup) {
                    firstGroup = false;
                    continue;
                }
                int p1 = g.get(0)[1];
                int p2 = g.get(0)[2];
                int x = addVertex(0.5f * (pos[3 * p1] + pos[3 * p2]), 0.5f * (pos[3 * p1 + 1] + pos[3 * p2 + 1]),
                        0.5f * (pos[3 * p1 + 2] + pos[3 * p2 + 2]));
                for (int[] u : g) {
                    split(u[0], u[1], u[2], x, derived, originalTriangles);
                }
            }
        }
        return Mesh.adopt(Arrays.copyOf(pos, 3 * nv), null, Arrays.copyOf(idx, 3 * nt));
    }

    /** Keys of the edges that more than two triangles use, ascending (before any split: idx holds nt triangles). */
    private long[] overusedEdges() {
        EdgeGroups groups = EdgeGroups.of(nv, idx);
        long[] out = new long[0];
        int n = 0;
        for (int v = 0; v < nv; v++) {
            int end = groups.start[v + 1];
            for (int x = groups.start[v]; x < end;) {
                int y = groups.groupEnd(x, end);
                if (y - x > 2) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, 2 * n + 4);
                    }
                    out[n++] = key(v, groups.larger(x));
                }
                x = y;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long key(int a, int b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        return lo << 31 | hi;
    }

    /** Splits the triangle (from original t) that holds directed edge a→b at vertex x. */
    private void split(int t, int a, int b, int x, Map<Integer, List<Integer>> derived, int originals) {
        List<Integer> candidates = derived.computeIfAbsent(t, q -> new ArrayList<>(List.of(q)));
        for (int q : candidates) {
            for (int c = 0; c < 3; c++) {
                if (idx[3 * q + c] == a && idx[3 * q + (c + 1) % 3] == b) {
                    int y = idx[3 * q + (c + 2) % 3];
                    idx[3 * q] = a;
                    idx[3 * q + 1] = x;
                    idx[3 * q + 2] = y;
                    candidates.add(addTriangle(x, b, y));
                    return;
                }
            }
        }
        throw new IllegalStateException("surface nets: edge " + a + "-" + b + " not found in triangle " + t
                + " (of " + originals + ")");
    }

    private int addVertex(float x, float y, float z) {
        if (3 * nv + 3 > pos.length) {
            pos = Arrays.copyOf(pos, pos.length + pos.length / 2 + 3);
        }
        pos[3 * nv] = x;
        pos[3 * nv + 1] = y;
        pos[3 * nv + 2] = z;
        return nv++;
    }

    private int addTriangle(int a, int b, int c) {
        if (3 * nt + 3 > idx.length) {
            idx = Arrays.copyOf(idx, idx.length + idx.length / 2 + 3);
        }
        idx[3 * nt] = a;
        idx[3 * nt + 1] = b;
        idx[3 * nt + 2] = c;
        return nt++;
    }
}
