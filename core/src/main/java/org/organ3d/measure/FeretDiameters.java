package org.organ3d.measure;

import java.util.Arrays;

/**
 * Feret (caliper) diameters of a convex hull in millimetres: the maximum (the hull's diameter, over all
 * vertex pairs) and the minimum width (face–vertex and edge–edge antipodal pairs, Houle and
 * Toussaint, "Computing the width of a set", IEEE PAMI 10(5), 1988). Reads the hull, never changes
 * it; one instance per thread.
 */
final class FeretDiameters {

    private final double[] vertices;
    private final int[] triangles;

    FeretDiameters(LabelHull hull) {
        this.vertices = hull.vertices;
        this.triangles = hull.triangles;
    }

    private int vertexCount() {
        return vertices.length / 3;
    }

    /**
     * Maximum Feret diameter: the largest distance between two hull vertices (the diameter of a
     * convex polytope is attained at two of its vertices). Exact up to double rounding; O(V²).
     *
     * @return {@code [length, index of end a, index of end b]}
     */
    double[] max() {
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
    double[] minOverFaces() {
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
     * ({@link #minOverFaces}) and of the edge–edge widths. For two hull edges e₁, e₂ with
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
    double[] min() {
        double[] best = minOverFaces();
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
