package org.organ3d.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * Enclosed volume, surface area and centroid of the enclosed volume of a triangle mesh (LPS mm).
 *
 * <p>Volume by the divergence theorem: the sum over triangles of the signed volume of the
 * tetrahedron (r, a, b, c), with r a fixed reference point (the centre of the bounding box, which
 * keeps the terms small), accumulated in double. It is the enclosed volume for a closed surface
 * wound counter-clockwise seen from outside (positive), and meaningless for an open one. Area is
 * the sum of triangle areas. The centroid is the volume-weighted mean of the tetrahedra centroids.
 *
 * @param volumeMm3 enclosed volume in mm³ (negative when the winding is inward)
 * @param areaMm2   surface area in mm²
 * @param centroidX x of the enclosed volume's centroid, LPS mm (NaN when the volume is 0)
 * @param centroidY y of the centroid, LPS mm
 * @param centroidZ z of the centroid, LPS mm
 * @param triangles number of triangles summed
 */
public record MeshProperties(double volumeMm3, double areaMm2, double centroidX, double centroidY, double centroidZ,
        long triangles) {

    public MeshProperties {
        if (!(areaMm2 >= 0) || triangles < 0) {
            throw new IllegalArgumentException("area must be >= 0 and triangles >= 0: " + areaMm2 + ", " + triangles);
        }
    }

    /** Properties of the whole mesh. */
    public static MeshProperties of(Mesh mesh) {
        return compute(mesh, null, 1).get(0);
    }

    /** Properties of each connected component of {@code mesh} (index = component number of {@code topology}). */
    public static List<MeshProperties> ofComponents(Mesh mesh, MeshTopology topology) {
        return compute(mesh, topology, topology.componentCount());
    }

    private static List<MeshProperties> compute(Mesh mesh, MeshTopology topology, int groups) {
        // NB: the mesh's own arrays, read only
        float[] p = mesh.positionArray();
        int[] ix = mesh.indexArray();
        int nv = mesh.vertexCount();
        int nt = mesh.triangleCount();
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int v = 0; v < nv; v++) {
            for (int d = 0; d < 3; d++) {
                double x = p[3 * v + d];
                lo[d] = Math.min(lo[d], x);
                hi[d] = Math.max(hi[d], x);
            }
        }
        double rx = nv == 0 ? 0 : 0.5 * (lo[0] + hi[0]);
        double ry = nv == 0 ? 0 : 0.5 * (lo[1] + hi[1]);
        double rz = nv == 0 ? 0 : 0.5 * (lo[2] + hi[2]);
        double[] vol = new double[groups];
        double[] area = new double[groups];
        double[] cx = new double[groups];
        double[] cy = new double[groups];
        double[] cz = new double[groups];
        long[] count = new long[groups];
        for (int t = 0; t < nt; t++) {
            int g = topology == null ? 0 : topology.triangleComponent(t);
            int a = 3 * ix[3 * t];
            int b = 3 * ix[3 * t + 1];
            int c = 3 * ix[3 * t + 2];
            double ax = p[a] - rx;
            double ay = p[a + 1] - ry;
            double az = p[a + 2] - rz;
            double bx = p[b] - rx;
            double by = p[b + 1] - ry;
            double bz = p[b + 2] - rz;
            double qx = p[c] - rx;
            double qy = p[c + 1] - ry;
            double qz = p[c + 2] - rz;
            // signed tetra volume (r, a, b, c) = a · (b × c) / 6
            double six = ax * (by * qz - bz * qy) - ay * (bx * qz - bz * qx) + az * (bx * qy - by * qx);
            vol[g] += six;
            cx[g] += six * (ax + bx + qx);
            cy[g] += six * (ay + by + qy);
            cz[g] += six * (az + bz + qz);
            double ux = bx - ax;
            double uy = by - ay;
            double uz = bz - az;
            double wx = qx - ax;
            double wy = qy - ay;
            double wz = qz - az;
            double nx = uy * wz - uz * wy;
            double ny = uz * wx - ux * wz;
            double nz = ux * wy - uy * wx;
            area[g] += 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
            count[g]++;
        }
        List<MeshProperties> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            double v = vol[g] / 6.0;
            // centroid of tetra (0, a, b, c) is (a + b + c) / 4, weighted by its volume six / 6
            double s = vol[g] == 0 ? Double.NaN : 1.0 / (4.0 * vol[g]);
            out.add(new MeshProperties(v, area[g], rx + cx[g] * s, ry + cy[g] * s, rz + cz[g] * s, count[g]));
        }
        return out;
    }
}
