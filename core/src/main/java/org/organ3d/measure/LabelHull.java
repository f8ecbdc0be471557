package org.organ3d.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Maximum Feret diameter: the largest distance between two hull vertices (the diameter of a
     * convex polytope is attained at two of its vertices). Exact up to double rounding; O(V²).
     *
     * @return {@code [length, index of end a, index of end b]}
     */
    double[] maxFeret() {
        int n = vertexCount();
        double best = -1;
        int ba = 0;
        int bb = 0;
        for (int p = 0; p < n; p++) {
            double px = vertices[3 * p];
            double py = vertices[3 * p + 1];
            double pz = vertices[3 * p + 2];
            for (int r = p + 1; r < n; r++) {
                double dx = vertices[3 * r] - px;
                double dy = vertices[3 * r + 1] - py;
                double dz = vertices[3 * r + 2] - pz;
                double d = dx * dx + dy * dy + dz * dz;
                if (d > best * (1 + 1e-9)) { // NB: tie-break fixed in index space, as in Recist
                    best = d;
                    ba = p;
                    bb = r;
                }
            }
        }
        return new double[] {Math.sqrt(best), ba, bb};
    }

    /**
     * Minimum Feret diameter over the hull's face normals: for each face, the distance from its
     * plane to the farthest vertex; the smallest of these. This is exact whenever the minimum
     * width is attained at a face–vertex pair (boxes, slabs, prisms, most voxelized shapes); when
     * the true minimum is attained at an edge–edge pair it is an upper bound. O(F·V).
     *
     * @return {@code [width, nx, ny, nz]} (the unit normal of the minimizing face, LPS)
     */
    double[] minFeretOverFaces() {
        double best = Double.POSITIVE_INFINITY;
        double[] dir = {Double.NaN, Double.NaN, Double.NaN};
        int n = vertexCount();
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t];
            int b = 3 * triangles[t + 1];
            int c = 3 * triangles[t + 2];
            double ux = vertices[b] - vertices[a];
            double uy = vertices[b + 1] - vertices[a + 1];
            double uz = vertices[b + 2] - vertices[a + 2];
            double vx = vertices[c] - vertices[a];
            double vy = vertices[c + 1] - vertices[a + 1];
            double vz = vertices[c + 2] - vertices[a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len == 0) {
                continue;
            }
            nx /= len;
            ny /= len;
            nz /= len;
            double off = nx * vertices[a] + ny * vertices[a + 1] + nz * vertices[a + 2];
            double deepest = 0;
            for (int v = 0; v < n && -deepest < best; v++) {
                double d = nx * vertices[3 * v] + ny * vertices[3 * v + 1] + nz * vertices[3 * v + 2] - off;
                if (d < deepest) {
                    deepest = d;
                }
            }
            if (-deepest < best * (1 - 1e-9)) {
                best = -deepest;
                dir = new double[] {nx, ny, nz};
            }
        }
        return new double[] {best, dir[0], dir[1], dir[2]};
    }

    /** Largest number of non-flat hull edges for which edge–edge antipodal pairs are searched (O(E²)). */
    static final int EDGE_PAIR_LIMIT = 4096;

    /** Upper bounds of the half-angle groups of hull edges (radians) for the edge–edge search. */
    private static final double[] GROUPS = {0.02, 0.05, 0.1, 0.2, 0.4, 0.8, Math.PI};

    /**
     * Minimum Feret diameter (minimum width) of the hull: the smallest of the face–vertex widths
     * ({@link #minFeretOverFaces}) and of the edge–edge widths. For two hull edges e₁, e₂ with
     * directions d₁, d₂ the candidate direction is n = d₁ × d₂; the pair is antipodal when n lies in
     * the Gauss-map arc of e₁ (between the outward normals of its two faces) and −n in that of e₂ (or
     * the same with n negated); the width is then |n̂ · (p₂ − p₁)|. Edges between coplanar triangles
     * (flat edges) are skipped: their arc is a single point, already covered by the face normals. The
     * width of a convex polytope is attained at a face–vertex or an edge–edge antipodal pair (Houle
     * and Toussaint, IEEE PAMI 10(5), 1988), so this is exact — as long as the hull has at most
     * {@link #EDGE_PAIR_LIMIT} non-flat edges; above that only face normals are used (an upper bound,
     * with organ-sized hulls whose facets are tiny).
     *
     * @return {@code [width, nx, ny, nz, 1 if edge pairs were searched else 0]}
     */
    double[] minFeret() {
        double[] best = minFeretOverFaces();
        int nt = triangles.length / 3;
        double[] fn = new double[3 * nt];
        for (int t = 0; t < nt; t++) {
            int a = 3 * triangles[3 * t];
            int b = 3 * triangles[3 * t + 1];
            int c = 3 * triangles[3 * t + 2];
            double ux = vertices[b] - vertices[a];
            double uy = vertices[b + 1] - vertices[a + 1];
            double uz = vertices[b + 2] - vertices[a + 2];
            double vx = vertices[c] - vertices[a];
            double vy = vertices[c + 1] - vertices[a + 1];
            double vz = vertices[c + 2] - vertices[a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
            fn[3 * t] = nx / l;
            fn[3 * t + 1] = ny / l;
            fn[3 * t + 2] = nz / l;
        }
        java.util.HashMap<Long, Integer> twin = new java.util.HashMap<>();
        long nv = vertexCount();
        for (int t = 0; t < nt; t++) {
            for (int e = 0; e < 3; e++) {
                twin.put(triangles[3 * t + e] * nv + triangles[3 * t + (e + 1) % 3], t);
            }
        }
        // Non-flat edges, each once: endpoints p, direction d, the two face normals A (left) and B.
        double[] ed = new double[12 * 64];
        int ne = 0;
        for (int t = 0; t < nt; t++) {
            for (int e = 0; e < 3; e++) {
                int a = triangles[3 * t + e];
                int b = triangles[3 * t + (e + 1) % 3];
                if (a > b) {
                    continue;
                }
                Integer g = twin.get(b * nv + a);
                if (g == null) {
                    continue;
                }
                double cx = fn[3 * t + 1] * fn[3 * g + 2] - fn[3 * t + 2] * fn[3 * g + 1];
                double cy = fn[3 * t + 2] * fn[3 * g] - fn[3 * t] * fn[3 * g + 2];
                double cz = fn[3 * t] * fn[3 * g + 1] - fn[3 * t + 1] * fn[3 * g];
                if (cx * cx + cy * cy + cz * cz < 1e-20) {
                    continue;
                }
                if (ne == EDGE_PAIR_LIMIT) {
                    return new double[] {best[0], best[1], best[2], best[3], 0};
                }
                if (12 * (ne + 1) > ed.length) {
                    ed = java.util.Arrays.copyOf(ed, 2 * ed.length);
                }
                int o = 12 * ne++;
                ed[o] = vertices[3 * a];
                ed[o + 1] = vertices[3 * a + 1];
                ed[o + 2] = vertices[3 * a + 2];
                ed[o + 3] = vertices[3 * b] - vertices[3 * a];
                ed[o + 4] = vertices[3 * b + 1] - vertices[3 * a + 1];
                ed[o + 5] = vertices[3 * b + 2] - vertices[3 * a + 2];
                System.arraycopy(fn, 3 * t, ed, o + 6, 3);
                System.arraycopy(fn, 3 * g, ed, o + 9, 3);
            }
        }
        // NB: arcs of e₁ and of −e₂ can only meet if their midpoints are within the sum of their
        // half-angles. Edges are grouped by half-angle (upper bounds GROUPS) and, within a group,
        // sorted by the z of their negated midpoint; an edge x is paired with the edges y of its own
        // and every wider group (the test is symmetric, so each pair is met once) inside the z band
        // of half-width h_x + H_group — z is 1-Lipschitz in angle — which keeps the bands narrow.
        double[] mid = new double[3 * ne];
        double[] halfAngle = new double[ne];
        double[] half = new double[2 * ne]; // cos and sin of each half-angle
        int[] group = new int[ne];
        int[] groupSize = new int[GROUPS.length];
        for (int x = 0; x < ne; x++) {
            int o = 12 * x;
            double mx = ed[o + 6] + ed[o + 9];
            double my = ed[o + 7] + ed[o + 10];
            double mz = ed[o + 8] + ed[o + 11];
            double ml = Math.sqrt(mx * mx + my * my + mz * mz);
            mid[3 * x] = mx / ml;
            mid[3 * x + 1] = my / ml;
            mid[3 * x + 2] = mz / ml;
            double dot = ed[o + 6] * ed[o + 9] + ed[o + 7] * ed[o + 10] + ed[o + 8] * ed[o + 11];
            halfAngle[x] = 0.5 * Math.acos(Math.max(-1, Math.min(1, dot)));
            half[2 * x] = Math.cos(halfAngle[x]);
            half[2 * x + 1] = Math.sin(halfAngle[x]);
            int gr = 0;
            while (halfAngle[x] > GROUPS[gr]) {
                gr++;
            }
            group[x] = gr;
            groupSize[gr]++;
        }
        int[][] members = new int[GROUPS.length][];
        double[][] keys = new double[GROUPS.length][];
        for (int gr = 0; gr < GROUPS.length; gr++) {
            final int g0 = gr;
            members[gr] = java.util.stream.IntStream.range(0, ne).filter(x -> group[x] == g0).boxed()
                    .sorted((p, r) -> Double.compare(-mid[3 * p + 2], -mid[3 * r + 2]))
                    .mapToInt(Integer::intValue).toArray();
            keys[gr] = new double[members[gr].length];
            for (int m = 0; m < members[gr].length; m++) {
                keys[gr][m] = -mid[3 * members[gr][m] + 2];
            }
        }
        double[] state = {best[0], best[1], best[2], best[3]};
        for (int x = 0; x < ne; x++) {
            for (int gr = group[x]; gr < GROUPS.length; gr++) {
                double r = Math.min(Math.PI, halfAngle[x] + GROUPS[gr]) + 1e-9;
                double[] k = keys[gr];
                int[] mem = members[gr];
                for (int s2 = lowerBound(k, mid[3 * x + 2] - r); s2 < k.length && k[s2] <= mid[3 * x + 2] + r; s2++) {
                    int y = mem[s2];
                    if (gr != group[x] || y > x) {
                        tryPair(ed, mid, half, x, y, state);
                    }
                }
            }
        }
        double w = state[0];
        double[] dir = {state[1], state[2], state[3]};
        return new double[] {w, dir[0], dir[1], dir[2], 1};
    }

    private static int lowerBound(double[] keys, double v) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (keys[m] < v) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    /** Tests edges x and y for antipodality and lowers {@code state = [width, nx, ny, nz]} if narrower. */
    private static void tryPair(double[] ed, double[] mid, double[] half, int x, int y, double[] state) {
        if (x == y) {
            return;
        }
        // angle(m_x, −m_y) ≤ h_x + h_y  ⇔  cos(angle) ≥ cos(h_x + h_y) (h_x + h_y < π for hull edges).
        double md = -(mid[3 * x] * mid[3 * y] + mid[3 * x + 1] * mid[3 * y + 1] + mid[3 * x + 2] * mid[3 * y + 2]);
        double cosLimit = half[2 * x] * half[2 * y] - half[2 * x + 1] * half[2 * y + 1];
        if (md < cosLimit - 1e-9) {
            return;
        }
        int o = 12 * x;
        int q = 12 * y;
        double nx = ed[o + 4] * ed[q + 5] - ed[o + 5] * ed[q + 4];
        double ny = ed[o + 5] * ed[q + 3] - ed[o + 3] * ed[q + 5];
        double nz = ed[o + 3] * ed[q + 4] - ed[o + 4] * ed[q + 3];
        double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (l == 0) {
            return;
        }
        nx /= l;
        ny /= l;
        nz /= l;
        double sign;
        if (inArc(ed, o, nx, ny, nz) && inArc(ed, q, -nx, -ny, -nz)) {
            sign = 1;
        } else if (inArc(ed, o, -nx, -ny, -nz) && inArc(ed, q, nx, ny, nz)) {
            sign = -1;
        } else {
            return;
        }
        double d = Math.abs(nx * (ed[q] - ed[o]) + ny * (ed[q + 1] - ed[o + 1]) + nz * (ed[q + 2] - ed[o + 2]));
        if (d < state[0] * (1 - 1e-9)) {
            state[0] = d;
            state[1] = sign * nx;
            state[2] = sign * ny;
            state[3] = sign * nz;
        }
    }

    /**
     * True if the unit vector n (perpendicular to the edge at {@code o}) lies in the edge's Gauss-map
     * arc: n = αA + βB with α, β ≥ 0 (A, B the outward normals of its two faces), within 1e-12.
     */
    private static boolean inArc(double[] ed, int o, double nx, double ny, double nz) {
        double ax = ed[o + 6];
        double ay = ed[o + 7];
        double az = ed[o + 8];
        double bx = ed[o + 9];
        double by = ed[o + 10];
        double bz = ed[o + 11];
        // n must be on the outer side of both faces' "other" normals: n·A ≥ 0, n·B ≥ 0 is necessary;
        // inside the arc means (A × n) and (n × B) point the same way as (A × B).
        double abx = ay * bz - az * by;
        double aby = az * bx - ax * bz;
        double abz = ax * by - ay * bx;
        double anx = ay * nz - az * ny;
        double any = az * nx - ax * nz;
        double anz = ax * ny - ay * nx;
        double nbx = ny * bz - nz * by;
        double nby = nz * bx - nx * bz;
        double nbz = nx * by - ny * bx;
        return ax * nx + ay * ny + az * nz > -1e-12 && bx * nx + by * ny + bz * nz > -1e-12
                && anx * abx + any * aby + anz * abz >= -1e-12 && nbx * abx + nby * aby + nbz * abz >= -1e-12;
    }
}
