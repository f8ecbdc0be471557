package org.organ3d.measure;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.organ3d.mesh.Mesh;

/**
 * Enclosed volume and area of a closed triangle mesh: the volume by the divergence theorem as the sum
 * of signed tetrahedra (origin, a, b, c) — (a · (b × c)) / 6 — computed about the mesh's first
 * vertex to limit cancellation far from the origin; the area as the sum of |(b − a) × (c − a)| / 2.
 * Positive volume for outward, counter-clockwise triangles. Accumulated in double. Thread-safe.
 */
final class MeshMeasures {

    private MeshMeasures() {
    }

    /** {@code [volume mm³, area mm²]}; {@code [0, 0]} for an empty mesh. */
    static double[] volumeAndArea(Mesh m) {
        if (m.isEmpty()) {
            return new double[] {0, 0};
        }
        FloatBuffer p = m.positions();
        IntBuffer t = m.indices();
        double ox = p.get(0);
        double oy = p.get(1);
        double oz = p.get(2);
        double vol = 0;
        double area = 0;
        int nt = m.triangleCount();
        for (int f = 0; f < nt; f++) {
            int a = 3 * t.get(3 * f);
            int b = 3 * t.get(3 * f + 1);
            int c = 3 * t.get(3 * f + 2);
            double ax = p.get(a) - ox;
            double ay = p.get(a + 1) - oy;
            double az = p.get(a + 2) - oz;
            double bx = p.get(b) - ox;
            double by = p.get(b + 1) - oy;
            double bz = p.get(b + 2) - oz;
            double cx = p.get(c) - ox;
            double cy = p.get(c + 1) - oy;
            double cz = p.get(c + 2) - oz;
            vol += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
            double ux = bx - ax;
            double uy = by - ay;
            double uz = bz - az;
            double vx = cx - ax;
            double vy = cy - ay;
            double vz = cz - az;
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            area += Math.sqrt(nx * nx + ny * ny + nz * nz);
        }
        return new double[] {vol / 6, area / 2};
    }
}
