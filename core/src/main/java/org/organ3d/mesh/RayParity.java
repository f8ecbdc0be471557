package org.organ3d.mesh;

/**
 * Point-in-closed-surface test by ray parity: a ray from the point crosses a closed surface an odd
 * number of times iff the point is inside. Ray–triangle intersection after Möller and Trumbore
 * (1997), in double.
 *
 * <p>All rays share one direction D, so a ray projects to a single point on the plane normal to D:
 * the triangles are bucketed once into a uniform grid on that plane by their projected bounding
 * boxes, and a query tests only the triangles of its cell (O(T) to build, then about T/cells per
 * query instead of T). NB: D is deliberately not axis-aligned, so that rays from points on the
 * voxel lattice of a marching-cubes surface do not run along its edges or through its vertices.
 * Immutable after construction; thread-safe.
 */
final class RayParity {

    private static final double DX = 0.8017837257372732;
    private static final double DY = 0.4489988609048254;
    private static final double DZ = 0.3944053188733077;
    // an orthonormal basis (U, W) of the plane normal to D
    private static final double[] U;
    private static final double[] W;

    static {
        double[] u = {-DY, DX, 0};
        double n = Math.sqrt(u[0] * u[0] + u[1] * u[1]);
        U = new double[] {u[0] / n, u[1] / n, 0};
        W = new double[] {DY * U[2] - DZ * U[1], DZ * U[0] - DX * U[2], DX * U[1] - DY * U[0]};
    }

    private final double[] positions;
    private final int[] indices;
    private final double u0;
    private final double w0;
    private final double cellSize;
    private final int grid;
    private final int[] cellStart;
    private final int[] cellTriangles;

    private RayParity(double[] positions, int[] indices) {
        this.positions = positions;
        this.indices = indices;
        int t = indices.length / 3;
        double uMin = Double.POSITIVE_INFINITY;
        double uMax = Double.NEGATIVE_INFINITY;
        double wMin = Double.POSITIVE_INFINITY;
        double wMax = Double.NEGATIVE_INFINITY;
        for (int v : indices) {
            double pu = project(U, v);
            double pw = project(W, v);
            uMin = Math.min(uMin, pu);
            uMax = Math.max(uMax, pu);
            wMin = Math.min(wMin, pw);
            wMax = Math.max(wMax, pw);
        }
        grid = (int) Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(t / 4.0))));
        u0 = t == 0 ? 0 : uMin;
        w0 = t == 0 ? 0 : wMin;
        double extent = t == 0 ? 1 : Math.max(uMax - uMin, wMax - wMin);
        cellSize = extent > 0 ? extent / grid * (1 + 1e-9) : 1;
        cellStart = new int[grid * grid + 1];
        int[][] ranges = new int[t][];
        for (int i = 0; i < t; i++) {
            int[] r = cellRange(i);
            ranges[i] = r;
            for (int cu = r[0]; cu <= r[1]; cu++) {
                for (int cw = r[2]; cw <= r[3]; cw++) {
                    cellStart[cu * grid + cw + 1]++;
                }
            }
        }
        for (int c = 0; c < grid * grid; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] fill = cellStart.clone();
        cellTriangles = new int[cellStart[grid * grid]];
        for (int i = 0; i < t; i++) {
            int[] r = ranges[i];
            for (int cu = r[0]; cu <= r[1]; cu++) {
                for (int cw = r[2]; cw <= r[3]; cw++) {
                    cellTriangles[fill[cu * grid + cw]++] = i;
                }
            }
        }
    }

    /** An index over the closed surface {@code indices} on {@code positions} (arrays not copied). */
    static RayParity of(double[] positions, int[] indices) {
        return new RayParity(positions, indices);
    }

    private double project(double[] axis, int v) {
        return axis[0] * positions[3 * v] + axis[1] * positions[3 * v + 1] + axis[2] * positions[3 * v + 2];
    }

    private int cell(double coordinate, double origin) {
        return (int) Math.max(0, Math.min(grid - 1, Math.floor((coordinate - origin) / cellSize)));
    }

    private int[] cellRange(int t) {
        double uMin = Double.POSITIVE_INFINITY;
        double uMax = Double.NEGATIVE_INFINITY;
        double wMin = Double.POSITIVE_INFINITY;
        double wMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            int v = indices[3 * t + k];
            double pu = project(U, v);
            double pw = project(W, v);
            uMin = Math.min(uMin, pu);
            uMax = Math.max(uMax, pu);
            wMin = Math.min(wMin, pw);
            wMax = Math.max(wMax, pw);
        }
        return new int[] {cell(uMin, u0), cell(uMax, u0), cell(wMin, w0), cell(wMax, w0)};
    }

    /** True if {@code p} (LPS mm) is inside the closed surface. */
    boolean inside(double[] p) {
        double pu = U[0] * p[0] + U[1] * p[1] + U[2] * p[2];
        double pw = W[0] * p[0] + W[1] * p[1] + W[2] * p[2];
        if (cellTriangles.length == 0 || pu < u0 || pw < w0 || pu > u0 + grid * cellSize
                || pw > w0 + grid * cellSize) {
            return false;
        }
        int cell = cell(pu, u0) * grid + cell(pw, w0);
        int crossings = 0;
        for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
            if (hit(cellTriangles[i], p)) {
                crossings++;
            }
        }
        return (crossings & 1) == 1;
    }

    private boolean hit(int t, double[] p) {
        int a = 3 * indices[3 * t];
        int b = 3 * indices[3 * t + 1];
        int c = 3 * indices[3 * t + 2];
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
            return false;
        }
        double inv = 1 / det;
        double sx = p[0] - positions[a];
        double sy = p[1] - positions[a + 1];
        double sz = p[2] - positions[a + 2];
        double u = inv * (sx * hx + sy * hy + sz * hz);
        if (u < 0 || u > 1) {
            return false;
        }
        double qx = sy * e1z - sz * e1y;
        double qy = sz * e1x - sx * e1z;
        double qz = sx * e1y - sy * e1x;
        double v = inv * (DX * qx + DY * qy + DZ * qz);
        if (v < 0 || u + v > 1) {
            return false;
        }
        return inv * (e2x * qx + e2y * qy + e2z * qz) > 0;
    }
}
