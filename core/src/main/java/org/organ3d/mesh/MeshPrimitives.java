package org.organ3d.mesh;

import java.util.HashMap;
import java.util.Map;

/**
 * Closed, outward-wound triangle meshes of simple solids with known volume and area: test
 * phantoms for mesh filters and exporters (in the spirit of vtkSphereSource). Positions in LPS mm;
 * normals are the analytic surface normals. Stateless, thread-safe.
 */
public final class MeshPrimitives {

    private MeshPrimitives() {
    }

    /**
     * Icosphere: a regular icosahedron subdivided {@code level} times (each triangle into four), every
     * vertex projected onto the sphere. 20·4^level triangles, 10·4^level + 2 vertices, genus 0. The
     * vertices lie on the sphere, so the mesh is inscribed: its volume is slightly below 4/3·πr³.
     *
     * @param level 0..9
     */
    public static Mesh icosphere(double cx, double cy, double cz, double radius, int level) {
        return ellipsoid(cx, cy, cz, radius, radius, radius, level);
    }

    /** An icosphere scaled to semi-axes a, b, c along x, y, z (normals from the implicit gradient). */
    public static Mesh ellipsoid(double cx, double cy, double cz, double a, double b, double c, int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("level must be 0..9: " + level);
        }
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("semi-axes must be positive");
        }
        double t = (1 + Math.sqrt(5)) / 2;
        double[] base = {-1, t, 0, 1, t, 0, -1, -t, 0, 1, -t, 0, 0, -1, t, 0, 1, t, 0, -1, -t, 0, 1, -t, t, 0, -1, t, 0,
            1, -t, 0, -1, -t, 0, 1};
        int[] tris = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3,
            9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        int finalVertices = 10 * (1 << (2 * level)) + 2;
        double[] unit = new double[3 * finalVertices];
        for (int i = 0; i < 12; i++) {
            double len = Math.sqrt(base[3 * i] * base[3 * i] + base[3 * i + 1] * base[3 * i + 1]
                    + base[3 * i + 2] * base[3 * i + 2]);
            unit[3 * i] = base[3 * i] / len;
            unit[3 * i + 1] = base[3 * i + 1] / len;
            unit[3 * i + 2] = base[3 * i + 2] / len;
        }
        int vertices = 12;
        for (int l = 0; l < level; l++) {
            Map<Long, Integer> midpoints = new HashMap<>(tris.length);
            int[] next = new int[tris.length * 4];
            int o = 0;
            for (int f = 0; f < tris.length; f += 3) {
                int v0 = tris[f];
                int v1 = tris[f + 1];
                int v2 = tris[f + 2];
                int[] m = new int[3];
                int[][] edges = {{v0, v1}, {v1, v2}, {v2, v0}};
                for (int e = 0; e < 3; e++) {
                    int p = edges[e][0];
                    int q = edges[e][1];
                    long key = p < q ? ((long) p << 32) | q : ((long) q << 32) | p;
                    Integer existing = midpoints.get(key);
                    if (existing == null) {
                        double x = unit[3 * p] + unit[3 * q];
                        double y = unit[3 * p + 1] + unit[3 * q + 1];
                        double z = unit[3 * p + 2] + unit[3 * q + 2];
                        double len = Math.sqrt(x * x + y * y + z * z);
                        unit[3 * vertices] = x / len;
                        unit[3 * vertices + 1] = y / len;
                        unit[3 * vertices + 2] = z / len;
                        existing = vertices++;
                        midpoints.put(key, existing);
                    }
                    m[e] = existing;
                }
                int[] quad = {v0, m[0], m[2], v1, m[1], m[0], v2, m[2], m[1], m[0], m[1], m[2]};
                System.arraycopy(quad, 0, next, o, 12);
                o += 12;
            }
            tris = next;
        }
        float[] positions = new float[3 * vertices];
        float[] normals = new float[3 * vertices];
        for (int v = 0; v < vertices; v++) {
            double ux = unit[3 * v];
            double uy = unit[3 * v + 1];
            double uz = unit[3 * v + 2];
            positions[3 * v] = (float) (cx + a * ux);
            positions[3 * v + 1] = (float) (cy + b * uy);
            positions[3 * v + 2] = (float) (cz + c * uz);
            double nx = ux / a;
            double ny = uy / b;
            double nz = uz / c;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            normals[3 * v] = (float) (nx / len);
            normals[3 * v + 1] = (float) (ny / len);
            normals[3 * v + 2] = (float) (nz / len);
        }
        return Mesh.adopt(positions, normals, tris);
    }

    /**
     * Torus about the z axis through (cx, cy, cz): tube centre radius {@code major}, tube radius
     * {@code minor} &lt; major, {@code nu} segments around z and {@code nv} around the tube (≥ 3 each);
     * 2·nu·nv triangles, genus 1. Analytic volume 2π²Rr², area 4π²Rr.
     */
    public static Mesh torus(double cx, double cy, double cz, double major, double minor, int nu, int nv) {
        if (!(minor > 0 && major > minor) || nu < 3 || nv < 3) {
            throw new IllegalArgumentException("need 0 < minor < major and nu, nv >= 3");
        }
        float[] positions = new float[3 * nu * nv];
        float[] normals = new float[3 * nu * nv];
        for (int i = 0; i < nu; i++) {
            double u = 2 * Math.PI * i / nu;
            for (int j = 0; j < nv; j++) {
                double v = 2 * Math.PI * j / nv;
                int k = 3 * (i * nv + j);
                double ring = major + minor * Math.cos(v);
                positions[k] = (float) (cx + ring * Math.cos(u));
                positions[k + 1] = (float) (cy + ring * Math.sin(u));
                positions[k + 2] = (float) (cz + minor * Math.sin(v));
                normals[k] = (float) (Math.cos(v) * Math.cos(u));
                normals[k + 1] = (float) (Math.cos(v) * Math.sin(u));
                normals[k + 2] = (float) Math.sin(v);
            }
        }
        int[] indices = new int[6 * nu * nv];
        int o = 0;
        for (int i = 0; i < nu; i++) {
            int i1 = (i + 1) % nu;
            for (int j = 0; j < nv; j++) {
                int j1 = (j + 1) % nv;
                int p00 = i * nv + j;
                int p10 = i1 * nv + j;
                int p11 = i1 * nv + j1;
                int p01 = i * nv + j1;
                indices[o++] = p00;
                indices[o++] = p10;
                indices[o++] = p11;
                indices[o++] = p00;
                indices[o++] = p11;
                indices[o++] = p01;
            }
        }
        return Mesh.adopt(positions, normals, indices);
    }

    /**
     * Axis-aligned box from (x0, y0, z0) to (x1, y1, z1): 8 shared vertices, 12 triangles, outward
     * winding; no normals (a corner has no single normal).
     */
    public static Mesh box(double x0, double y0, double z0, double x1, double y1, double z1) {
        if (!(x1 > x0 && y1 > y0 && z1 > z0)) {
            throw new IllegalArgumentException("box must have positive extent");
        }
        float[] p = new float[24];
        for (int v = 0; v < 8; v++) {
            p[3 * v] = (float) ((v & 1) == 0 ? x0 : x1);
            p[3 * v + 1] = (float) ((v & 2) == 0 ? y0 : y1);
            p[3 * v + 2] = (float) ((v & 4) == 0 ? z0 : z1);
        }
        int[] idx = {0, 2, 3, 0, 3, 1, 4, 5, 7, 4, 7, 6, 0, 1, 5, 0, 5, 4, 2, 6, 7, 2, 7, 3, 0, 4, 6, 0, 6, 2, 1, 3, 7, 1,
            7, 5};
        return Mesh.adopt(p, null, idx);
    }

    /**
     * The triangles of {@code inner} reversed (inward-facing) appended to {@code outer}: a hollow
     * shell whose enclosed volume is outer minus inner. Normals dropped.
     */
    public static Mesh withCavity(Mesh outer, Mesh inner) {
        float[] po = outer.positionsCopy();
        float[] pi = inner.positionsCopy();
        int[] io = outer.indicesCopy();
        int[] ii = inner.indicesCopy();
        float[] p = new float[po.length + pi.length];
        System.arraycopy(po, 0, p, 0, po.length);
        System.arraycopy(pi, 0, p, po.length, pi.length);
        int[] idx = new int[io.length + ii.length];
        System.arraycopy(io, 0, idx, 0, io.length);
        int off = outer.vertexCount();
        for (int t = 0; t < ii.length; t += 3) {
            idx[io.length + t] = ii[t] + off;
            idx[io.length + t + 1] = ii[t + 2] + off;
            idx[io.length + t + 2] = ii[t + 1] + off;
        }
        return Mesh.adopt(p, null, idx);
    }
}
