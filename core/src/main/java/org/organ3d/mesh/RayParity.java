package org.organ3d.mesh;

/**
 * Point-in-closed-surface test by ray parity: a ray from the point crosses a closed surface an odd
 * number of times iff the point is inside. Ray–triangle intersection after Möller and Trumbore
 * (1997), in double. NB: the ray direction is fixed but deliberately not axis-aligned, so that rays
 * from points on the voxel lattice of a marching-cubes surface do not graze its edges and vertices.
 */
final class RayParity {

    private static final double DX = 0.8017837257372732;
    private static final double DY = 0.4489988609048254;
    private static final double DZ = 0.3944053188733077;

    private RayParity() {
    }

    /** True if {@code p} is inside the closed surface {@code indices} over {@code positions}. */
    static boolean inside(double[] positions, int[] indices, double[] p) {
        int crossings = 0;
        for (int t = 0; t < indices.length; t += 3) {
            int a = 3 * indices[t];
            int b = 3 * indices[t + 1];
            int c = 3 * indices[t + 2];
            double e1x = positions[b] - positions[a];
            double e1y = positions[b + 1] - positions[a + 1];
            double e1z = positions[b + 2] - positions[a + 2];
            double e2x = positions[c] - positions[a];
            double e2y = positions[c + 1] - positions[a + 1];
            double e2z = positions[c + 2] - positions[a + 2];
            double hx = DY * e2z - DZ * e2y;
            double hy = DZ * e2x - DX * e2z;
            double hz = DX * e2y - DY * e2x;
            double det = e1x * hx + e1y * hy + e1z * hz;
            if (det == 0) {
                continue;
            }
            double inv = 1 / det;
            double sx = p[0] - positions[a];
            double sy = p[1] - positions[a + 1];
            double sz = p[2] - positions[a + 2];
            double u = inv * (sx * hx + sy * hy + sz * hz);
            if (u < 0 || u > 1) {
                continue;
            }
            double qx = sy * e1z - sz * e1y;
            double qy = sz * e1x - sx * e1z;
            double qz = sx * e1y - sy * e1x;
            double v = inv * (DX * qx + DY * qy + DZ * qz);
            if (v < 0 || u + v > 1) {
                continue;
            }
            double dist = inv * (e2x * qx + e2y * qy + e2z * qz);
            if (dist > 0) {
                crossings++;
            }
        }
        return (crossings & 1) == 1;
    }
}
