package org.organ3d.opencl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.mesh.Mesh;

/**
 * Compares two meshes independently of vertex and triangle order: every vertex of one must have
 * exactly one partner in the other within {@code tol} mm (a bijection), and the triangles, mapped
 * through that bijection and rotated to a canonical first corner, must be the same multiset (same
 * winding). Returns null when they agree, else the first difference.
 */
final class MeshComparison {

    private MeshComparison() {
    }

    static String difference(Mesh expected, Mesh actual, double tol) {
        if (expected.vertexCount() != actual.vertexCount()) {
            return "vertex count " + actual.vertexCount() + " != expected " + expected.vertexCount();
        }
        if (expected.triangleCount() != actual.triangleCount()) {
            return "triangle count " + actual.triangleCount() + " != expected " + expected.triangleCount();
        }
        var pe = expected.positions();
        var pa = actual.positions();
        double cell = Math.max(tol * 4, 1e-6);
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int v = 0; v < expected.vertexCount(); v++) {
            grid.computeIfAbsent(key(pe.get(3 * v), pe.get(3 * v + 1), pe.get(3 * v + 2), cell), x -> new ArrayList<>()).add(v);
        }
        // NB: vertices may coincide (a sample exactly at iso puts the vertices of all its cut edges on
        // it), so vertices are matched to classes of expected vertices at the same place.
        int[] cls = new int[expected.vertexCount()];
        for (int v = 0; v < expected.vertexCount(); v++) {
            int[] near = nearest(grid, pe, pe.get(3 * v), pe.get(3 * v + 1), pe.get(3 * v + 2), cell, tol, v);
            cls[v] = near[0] >= 0 ? cls[near[0]] : v;
        }
        int[] map = new int[actual.vertexCount()];
        Map<Integer, Integer> multiplicity = new HashMap<>();
        for (int v = 0; v < expected.vertexCount(); v++) {
            multiplicity.merge(cls[v], 1, Integer::sum);
        }
        for (int v = 0; v < actual.vertexCount(); v++) {
            double x = pa.get(3 * v), y = pa.get(3 * v + 1), z = pa.get(3 * v + 2);
            int[] near = nearest(grid, pe, x, y, z, cell, tol, Integer.MAX_VALUE);
            if (near[0] < 0) {
                return "vertex " + v + " (" + x + ", " + y + ", " + z + ") has no partner within " + tol + " mm";
            }
            map[v] = cls[near[0]];
            if (multiplicity.merge(map[v], -1, Integer::sum) < 0) {
                return "vertex " + v + " (" + x + ", " + y + ", " + z + ") occurs more often than in the expected mesh";
            }
        }
        Map<String, Integer> tris = new HashMap<>();
        for (int t = 0; t < expected.triangleCount(); t++) {
            tris.merge(canonical(cls[expected.index(t, 0)], cls[expected.index(t, 1)], cls[expected.index(t, 2)]), 1, Integer::sum);
        }
        for (int t = 0; t < actual.triangleCount(); t++) {
            String k = canonical(map[actual.index(t, 0)], map[actual.index(t, 1)], map[actual.index(t, 2)]);
            Integer n = tris.get(k);
            if (n == null || n == 0) {
                return "triangle " + t + " (" + k + " in expected numbering) is not in the expected mesh";
            }
            tris.put(k, n - 1);
        }
        return null;
    }

    /** {nearest expected vertex with index below {@code below} within tol, or -1}. */
    private static int[] nearest(Map<Long, List<Integer>> grid, java.nio.FloatBuffer pe, double x, double y, double z,
                                 double cell, double tol, int below) {
        long cx = (long) Math.floor(x / cell), cy = (long) Math.floor(y / cell), cz = (long) Math.floor(z / cell);
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (long dx = -1; dx <= 1; dx++) {
            for (long dy = -1; dy <= 1; dy++) {
                for (long dz = -1; dz <= 1; dz++) {
                    List<Integer> l = grid.get(pack(cx + dx, cy + dy, cz + dz));
                    if (l == null) {
                        continue;
                    }
                    for (int w : l) {
                        if (w >= below) {
                            continue;
                        }
                        double d = Math.max(Math.abs(pe.get(3 * w) - x), Math.max(Math.abs(pe.get(3 * w + 1) - y),
                                Math.abs(pe.get(3 * w + 2) - z)));
                        if (d <= tol && (d < bestD || d == bestD && w < best)) {
                            bestD = d;
                            best = w;
                        }
                    }
                }
            }
        }
        return new int[] {best};
    }

    private static String canonical(int a, int b, int c) {
        if (a <= b && a <= c) {
            return a + "," + b + "," + c;
        }
        if (b <= a && b <= c) {
            return b + "," + c + "," + a;
        }
        return c + "," + a + "," + b;
    }

    private static long key(double x, double y, double z, double cell) {
        return pack((long) Math.floor(x / cell), (long) Math.floor(y / cell), (long) Math.floor(z / cell));
    }

    private static long pack(long x, long y, long z) {
        return (x * 73856093L) ^ (y * 19349663L) ^ (z * 83492791L);
    }
}
