package org.organ3d.opencl;

import java.util.HashMap;
import java.util.Map;
import org.organ3d.mesh.Mesh;

/** Independent mesh checks for the tests: watertightness, divergence-theorem volume, area. */
final class MeshChecks {

    private MeshChecks() {
    }

    /** Null when every directed edge occurs once and its reverse once; otherwise a description. */
    static String watertightProblem(Mesh m) {
        Map<Long, Integer> directed = new HashMap<>();
        for (int t = 0; t < m.triangleCount(); t++) {
            for (int c = 0; c < 3; c++) {
                long a = m.index(t, c);
                long b = m.index(t, (c + 1) % 3);
                if (a == b) {
                    return "degenerate triangle " + t;
                }
                directed.merge(a << 32 | b, 1, Integer::sum);
            }
        }
        for (var e : directed.entrySet()) {
            long a = e.getKey() >>> 32;
            long b = e.getKey() & 0xFFFFFFFFL;
            if (e.getValue() != 1) {
                return "edge " + a + "->" + b + " used " + e.getValue() + " times";
            }
            if (!directed.containsKey(b << 32 | a)) {
                return "edge " + a + "->" + b + " has no opposite (crack or border)";
            }
        }
        return null;
    }

    /** Signed volume (mm³) by the divergence theorem, accumulated in double. */
    static double volume(Mesh m) {
        var p = m.positions();
        double v = 0;
        for (int t = 0; t < m.triangleCount(); t++) {
            int a = 3 * m.index(t, 0), b = 3 * m.index(t, 1), c = 3 * m.index(t, 2);
            double ax = p.get(a), ay = p.get(a + 1), az = p.get(a + 2);
            double bx = p.get(b), by = p.get(b + 1), bz = p.get(b + 2);
            double cx = p.get(c), cy = p.get(c + 1), cz = p.get(c + 2);
            v += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }
        return v / 6;
    }

    /** Surface area (mm²), accumulated in double. */
    static double area(Mesh m) {
        var p = m.positions();
        double s = 0;
        for (int t = 0; t < m.triangleCount(); t++) {
            int a = 3 * m.index(t, 0), b = 3 * m.index(t, 1), c = 3 * m.index(t, 2);
            double ux = p.get(b) - p.get(a), uy = p.get(b + 1) - p.get(a + 1), uz = p.get(b + 2) - p.get(a + 2);
            double vx = p.get(c) - p.get(a), vy = p.get(c + 1) - p.get(a + 1), vz = p.get(c + 2) - p.get(a + 2);
            double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
            s += Math.sqrt(cx * cx + cy * cy + cz * cz) / 2;
        }
        return s;
    }
}
