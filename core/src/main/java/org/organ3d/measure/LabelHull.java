package org.organ3d.measure;

import java.util.Arrays;
import org.joml.Matrix4d;
import org.organ3d.volume.Geometry;

/**
 * The convex hull of one label's voxels — of the corner points of all its voxels — in patient
 * millimetres, and the convex hull of each of its slices (the acquired plane, index k).
 *
 * <p>Pass 1 (slice hulls): in slice k the hull of a row's voxels is the hull of the four outer
 * corners of its first and last voxel; the exact 2D hull of those corners ({@link LatticeHull2},
 * doubled index coordinates) is the slice's hull.
 * Pass 2 (3D hull): a voxel of slice k spans k ± ½, so the label's hull is the hull of every slice
 * hull placed on both planes k − ½ and k + ½; corners inside their slice's hull can never be hull
 * vertices and are dropped before the exact 3D Quickhull ({@link LatticeHull3}).
 * Pass 3 (to millimetres): hull vertices are mapped through the grid's index→LPS affine. An affine
 * map preserves convexity, so this is exactly the hull of the voxel corners in patient space, for
 * anisotropic, oblique and sheared grids alike.
 *
 * <p>Immutable after construction; thread-confined while it is built.
 */
final class LabelHull {

    /** Hull vertices in LPS mm: x, y, z per vertex. */
    final double[] vertices;
    /** Hull triangles as indices into {@link #vertices}, counter-clockwise seen from outside. */
    final int[] triangles;
    /** First slice index of {@link #sliceHulls}. */
    final int k0;
    /** Per slice k (from {@link #k0}): hull vertices of the slice's voxel corners in LPS mm, in order around the polygon (length 0 if empty). */
    final double[][] sliceHulls;

    private LabelHull(double[] vertices, int[] triangles, int k0, double[][] sliceHulls) {
        this.vertices = vertices;
        this.triangles = triangles;
        this.k0 = k0;
        this.sliceHulls = sliceHulls;
    }

    static LabelHull of(RowExtents e, Geometry g) {
        Matrix4d a = g.indexToLps();
        int nk = e.k1 - e.k0 + 1;
        int[][] lattice2 = new int[nk][];
        double[][] sliceMm = new double[nk][];
        int rows = e.j1 - e.j0 + 1;
        int[] xs = new int[4 * rows];
        int[] ys = new int[4 * rows];
        int total = 0;
        for (int k = e.k0; k <= e.k1; k++) {
            int p = 0; // corner points of slice k in doubled index coordinates
            for (int j = e.j0; j <= e.j1; j++) {
                if (!e.hasRow(j, k)) {
                    continue;
                }
                int lo = 2 * e.lo(j, k) - 1;
                int hi = 2 * e.hi(j, k) + 1;
                xs[p] = lo;
                ys[p++] = 2 * j - 1;
                xs[p] = lo;
                ys[p++] = 2 * j + 1;
                xs[p] = hi;
                ys[p++] = 2 * j - 1;
                xs[p] = hi;
                ys[p++] = 2 * j + 1;
            }
            int[] h = p == 0 ? new int[0] : LatticeHull2.hull(xs, ys, p);
            lattice2[k - e.k0] = h;
            total += h.length / 2;
            double[] mm = new double[h.length / 2 * 3];
            for (int v = 0; v < h.length / 2; v++) {
                toMm(a, h[2 * v] * 0.5, h[2 * v + 1] * 0.5, k, mm, 3 * v);
            }
            sliceMm[k - e.k0] = mm;
        }
        // NB: the plane k + ½ holds the corners of slices k and k + 1; only the vertices of the 2D hull
        // of their union can be vertices of the 3D hull, which roughly halves Quickhull's input.
        int[] hx = new int[2 * total];
        int[] hy = new int[2 * total];
        int[] hz = new int[2 * total];
        int q = 0;
        int[] ux = new int[0];
        int[] uy = new int[0];
        for (int plane = e.k0; plane <= e.k1 + 1; plane++) {
            int[] below = plane - 1 >= e.k0 ? lattice2[plane - 1 - e.k0] : new int[0];
            int[] above = plane <= e.k1 ? lattice2[plane - e.k0] : new int[0];
            int m = (below.length + above.length) / 2;
            if (ux.length < m) {
                ux = new int[m];
                uy = new int[m];
            }
            int u = 0;
            for (int[] h : new int[][] {below, above}) {
                for (int v = 0; v < h.length / 2; v++) {
                    ux[u] = h[2 * v];
                    uy[u++] = h[2 * v + 1];
                }
            }
            int[] h = u == 0 ? new int[0] : LatticeHull2.hull(ux, uy, u);
            for (int v = 0; v < h.length / 2; v++) {
                hx[q] = h[2 * v];
                hy[q] = h[2 * v + 1];
                hz[q++] = 2 * plane - 1;
            }
        }
        LabelHull h = ofLattice(hx, hy, hz, q, g);
        return new LabelHull(h.vertices, h.triangles, e.k0, sliceMm);
    }

    /**
     * The hull of arbitrary points in doubled index coordinates (index = coordinate / 2), mapped to
     * LPS mm; no slice hulls.
     */
    static LabelHull ofLattice(int[] hx, int[] hy, int[] hz, int q, Geometry g) {
        Matrix4d a = g.indexToLps();
        int[] tris = LatticeHull3.hull(hx, hy, hz, q);
        // Keep only the points that are triangle corners, renumbered.
        int[] remap = new int[q];
        Arrays.fill(remap, -1);
        int nv = 0;
        for (int t = 0; t < tris.length; t++) {
            int p = tris[t];
            if (remap[p] < 0) {
                remap[p] = nv++;
            }
            tris[t] = remap[p];
        }
        double[] verts = new double[3 * nv];
        for (int p = 0; p < q; p++) {
            if (remap[p] >= 0) {
                toMm(a, hx[p] * 0.5, hy[p] * 0.5, hz[p] * 0.5, verts, 3 * remap[p]);
            }
        }
        return new LabelHull(verts, tris, 0, new double[0][]);
    }

    private static void toMm(Matrix4d a, double i, double j, double k, double[] dest, int at) {
        dest[at] = a.m00() * i + a.m10() * j + a.m20() * k + a.m30();
        dest[at + 1] = a.m01() * i + a.m11() * j + a.m21() * k + a.m31();
        dest[at + 2] = a.m02() * i + a.m12() * j + a.m22() * k + a.m32();
    }

    int vertexCount() {
        return vertices.length / 3;
    }

    Vec3 vertex(int v) {
        return new Vec3(vertices[3 * v], vertices[3 * v + 1], vertices[3 * v + 2]);
    }

    /** Smallest and largest LPS coordinate of the voxel corners: {@code [minX, minY, minZ, maxX, maxY, maxZ]}. */
    double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int v = 0; v < vertexCount(); v++) {
            for (int c = 0; c < 3; c++) {
                b[c] = Math.min(b[c], vertices[3 * v + c]);
                b[3 + c] = Math.max(b[3 + c], vertices[3 * v + c]);
            }
        }
        return b;
    }

    /** Extent (max − min of the projections) of the voxel corners along each unit vector. */
    double[] extentsAlong(double[][] axes) {
        double[] out = new double[axes.length];
        for (int e = 0; e < axes.length; e++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vertexCount(); v++) {
                double d = axes[e][0] * vertices[3 * v] + axes[e][1] * vertices[3 * v + 1] + axes[e][2] * vertices[3 * v + 2];
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            out[e] = hi - lo;
        }
        return out;
    }
}
