package org.organ3d.mesh;

import java.util.Arrays;
import java.util.Objects;

/**
 * Edge-collapse decimation driven by quadric error metrics (M. Garland, P. Heckbert, "Surface
 * simplification using quadric error metrics", SIGGRAPH 1997), restricted to collapses that keep a
 * closed 2-manifold closed and manifold.
 *
 * <p>Pass 1: topology. The edge graph ({@link VertexNeighbourhood}) marks boundary vertices (on an
 * edge used by one triangle) and non-manifold ones (an edge used by three or more); a vertex whose
 * incident triangles do not form a single fan (pinched) is found by comparing its triangle and
 * neighbour counts. All of these are locked: they never move, and an edge between two locked
 * vertices is never collapsed, so boundaries and non-manifold features are preserved exactly.
 * Pass 2: quadrics. Each triangle adds its unweighted plane quadric to its three vertices, so
 * {@code Q(p)} is a sum of squared distances to planes and {@code sqrt(Q(p))} bounds the distance
 * from p to each of those planes: that is the error in mm ({@link Options#maxErrorMm()}). Pass 3:
 * every edge is priced at its optimal position (the minimiser of Q_u + Q_v, Cramer's rule; when A
 * is nearly singular, or the minimiser lies farther than two edge lengths from the edge midpoint,
 * the minimiser on the segment u–v, which covers endpoints and midpoint; a locked endpoint is the
 * only position allowed) and pushed on a radix heap ({@link EdgeHeap}). Pass 4: the cheapest edge
 * is popped; stale entries (a vertex changed since the push) are skipped (lazy invalidation). A collapse is done
 * only if (a) the link condition holds: u and v have exactly two common neighbours, the apexes of
 * the two triangles on the edge (Dey et al. 1999; this forbids collapses that pinch the surface or
 * make a non-manifold edge), (b) the survivor keeps at least three neighbours (no collapse of a
 * tetrahedron), and (c) no surviving triangle around u or v reverses its normal or loses its area
 * at the new position. The survivor's edges are re-priced and pushed. When the heap runs dry before
 * the target (edges rejected earlier may have become valid), it is rebuilt once per round while
 * rounds still make progress. Pass 5: compaction (unused vertices dropped, the rest renumbered in order of first use) and
 * area-weighted normals.
 *
 * <p>Caveats: sequential. The error bound is on vertices against the supporting planes of the
 * merged input triangles, not a Hausdorff distance between surfaces. Planes are unweighted, so
 * small triangles count as much as large ones. Each collapse removes two triangles, so the output
 * count is within one of the target.
 */
public final class QuadricDecimation {

    private QuadricDecimation() {
    }

    /**
     * Decimation parameters; the run stops at whichever limit comes first.
     *
     * @param targetFraction fraction of the input triangles to keep, in (0, 1]; 1 together with a
     *                       finite error bound means no count limit (the bound alone decides)
     * @param maxErrorMm     largest allowed quadric distance bound in mm (> 0; infinity for none)
     */
    public record Options(double targetFraction, double maxErrorMm) {

        public Options {
            if (!(targetFraction > 0 && targetFraction <= 1)) {
                throw new IllegalArgumentException("target fraction must be in (0, 1]: " + targetFraction);
            }
            if (!(maxErrorMm > 0)) {
                throw new IllegalArgumentException("max error must be > 0 mm: " + maxErrorMm);
            }
        }

        /** Keep {@code fraction} of the triangles, no error limit. */
        public static Options toFraction(double fraction) {
            return new Options(fraction, Double.POSITIVE_INFINITY);
        }

        /** Collapse as long as the error bound stays within {@code mm} (no count limit). */
        public static Options maxError(double mm) {
            return new Options(1, mm);
        }

        /** The triangle count to stop at for an input of {@code triangles}. */
        int targetTriangles(int triangles) {
            if (targetFraction >= 1 && Double.isFinite(maxErrorMm)) {
                return 0;
            }
            return (int) Math.min(triangles, Math.ceil(targetFraction * triangles));
        }
    }

    /** Decimates {@code mesh} (not modified). Single-threaded; deterministic. */
    public static DecimationResult decimate(Mesh mesh, Options options) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(options, "options");
        int triangles = mesh.triangleCount();
        int target = options.targetTriangles(triangles);
        double maxCost = options.maxErrorMm() == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY
                : options.maxErrorMm() * options.maxErrorMm();
        Collapser c = new Collapser(mesh);
        boolean stoppedByError = false;
        int collapses = 0;
        while (c.liveTriangles > target) {
            c.fillHeap();
            int before = collapses;
            while (c.liveTriangles > target && !c.heap.isEmpty()) {
                int e = c.heap.pop();
                int u = c.heap.first(e);
                int v = c.heap.second(e);
                int pushedAt = c.heap.pushedAt(e);
                if (c.changedAt[u] > pushedAt || c.changedAt[v] > pushedAt) {
                    continue;
                }
                double cost = c.price(u, v);
                if (cost > maxCost) {
                    stoppedByError = true;
                    break;
                }
                if (c.tryCollapse(u, v, cost)) {
                    collapses++;
                }
            }
            if (stoppedByError || collapses == before) {
                break;
            }
        }
        Mesh out = c.compact(mesh.isCapped());
        return new DecimationResult(out, triangles, out.triangleCount(), collapses, Math.sqrt(c.maxCost),
                c.lockedCount, stoppedByError);
    }

    /** The mutable state of one decimation run. */
    private static final class Collapser {
        final double[] pos;
        final double[] q;
        final int[] tri;
        final boolean[] triAlive;
        final int[][] vtris;
        final int[] vtCount;
        final boolean[] locked;
        final boolean[] alive;
        final int[] changedAt;
        final int[] mark;
        final int[] seen;
        final EdgeHeap heap = new EdgeHeap();
        final int lockedCount;
        int liveTriangles;
        int stamp;
        int sequence;
        double maxCost;
        // scratch for pricing: survivor, removed vertex, position
        int keep;
        int drop;
        final double[] target = new double[3];
        private final double[] sum = new double[Quadrics.SIZE];
        private final double[] p0 = new double[3];
        private final double[] p1 = new double[3];
        private final int[] ring = new int[64];

        Collapser(Mesh mesh) {
            int n = mesh.vertexCount();
            tri = mesh.indicesCopy();
            pos = PositionArrays.toDouble(mesh.positionsCopy());
            int t = tri.length / 3;
            triAlive = new boolean[t];
            vtCount = new int[n];
            for (int i = 0; i < t; i++) {
                int a = tri[3 * i];
                int b = tri[3 * i + 1];
                int cc = tri[3 * i + 2];
                boolean ok = a != b && b != cc && a != cc;
                triAlive[i] = ok;
                if (ok) {
                    liveTriangles++;
                    vtCount[a]++;
                    vtCount[b]++;
                    vtCount[cc]++;
                }
            }
            vtris = new int[n][];
            for (int v = 0; v < n; v++) {
                vtris[v] = new int[vtCount[v] + 2];
            }
            Arrays.fill(vtCount, 0);
            q = new double[Quadrics.SIZE * n];
            for (int i = 0; i < t; i++) {
                if (!triAlive[i]) {
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    int v = tri[3 * i + k];
                    vtris[v][vtCount[v]++] = i;
                }
                addPlane(i);
            }
            VertexNeighbourhood nb = VertexNeighbourhood.of(n, tri);
            locked = new boolean[n];
            alive = new boolean[n];
            int lockedVertices = 0;
            for (int v = 0; v < n; v++) {
                int degree = nb.offsets[v + 1] - nb.offsets[v];
                alive[v] = vtCount[v] > 0;
                // NB: a vertex with one closed fan has as many distinct neighbours as triangles; two
                // fans that share the vertex (a pinch) can pass that count, so the fan walk decides.
                locked[v] = alive[v] && (nb.boundaryVertex[v] || nb.nonManifoldVertex[v] || degree != vtCount[v]
                        || !singleFan(v));
                if (locked[v]) {
                    lockedVertices++;
                }
            }
            lockedCount = lockedVertices;
            changedAt = new int[n];
            mark = new int[n];
            seen = new int[n];
        }

        private void addPlane(int t) {
            int a = 3 * tri[3 * t];
            int b = 3 * tri[3 * t + 1];
            int c = 3 * tri[3 * t + 2];
            double ux = pos[b] - pos[a];
            double uy = pos[b + 1] - pos[a + 1];
            double uz = pos[b + 2] - pos[a + 2];
            double vx = pos[c] - pos[a];
            double vy = pos[c + 1] - pos[a + 1];
            double vz = pos[c + 2] - pos[a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (!(len > 0)) {
                return;
            }
            nx /= len;
            ny /= len;
            nz /= len;
            double d = -(nx * pos[a] + ny * pos[a + 1] + nz * pos[a + 2]);
            for (int k = 0; k < 3; k++) {
                Quadrics.addPlane(q, Quadrics.SIZE * tri[3 * t + k], nx, ny, nz, d);
            }
        }

        /** True if the live triangles around v form one cycle (walk apex to apex). */
        private boolean singleFan(int v) {
            int count = vtCount[v];
            if (count == 0) {
                return true;
            }
            int t0 = vtris[v][0];
            int start = after(t0, v);
            int cur = start;
            int steps = 0;
            do {
                int next = -1;
                for (int i = 0; i < count; i++) {
                    int t = vtris[v][i];
                    if (after(t, v) == cur) {
                        next = before(t, v);
                        break;
                    }
                }
                if (next < 0) {
                    return false;
                }
                cur = next;
                steps++;
            } while (cur != start && steps <= count);
            return steps == count;
        }

        /** The vertex after v in triangle t (counter-clockwise). */
        private int after(int t, int v) {
            int o = 3 * t;
            return tri[o] == v ? tri[o + 1] : tri[o + 1] == v ? tri[o + 2] : tri[o];
        }

        /** The vertex before v in triangle t. */
        private int before(int t, int v) {
            int o = 3 * t;
            return tri[o] == v ? tri[o + 2] : tri[o + 1] == v ? tri[o] : tri[o + 1];
        }

        /** Pushes every collapsible edge of the live mesh. */
        void fillHeap() {
            heap.clear();
            for (int u = 0; u < alive.length; u++) {
                if (!alive[u]) {
                    continue;
                }
                int k = neighbours(u);
                for (int i = 0; i < k; i++) {
                    int w = ring[i];
                    if (w > u && !(locked[u] && locked[w])) {
                        heap.push(u, w, price(u, w), sequence);
                    }
                }
            }
        }

        /** Distinct neighbours of v into {@link #ring}; returns their count (capped at ring size). */
        private int neighbours(int v) {
            stamp++;
            int k = 0;
            int[] ts = vtris[v];
            for (int i = 0; i < vtCount[v]; i++) {
                int o = 3 * ts[i];
                for (int j = 0; j < 3; j++) {
                    int w = tri[o + j];
                    if (w != v && mark[w] != stamp) {
                        mark[w] = stamp;
                        if (k < ring.length) {
                            ring[k++] = w;
                        }
                    }
                }
            }
            return k;
        }

        /**
         * Prices the collapse of edge u–v: sets {@link #keep}, {@link #drop} and {@link #target},
         * returns Q(target). Infinite when both are locked.
         */
        double price(int u, int v) {
            if (locked[u] && locked[v]) {
                return Double.POSITIVE_INFINITY;
            }
            System.arraycopy(q, Quadrics.SIZE * u, sum, 0, Quadrics.SIZE);
            Quadrics.add(sum, 0, q, Quadrics.SIZE * v);
            keep = u;
            drop = v;
            if (locked[v]) {
                keep = v;
                drop = u;
            }
            if (locked[keep]) {
                System.arraycopy(pos, 3 * keep, target, 0, 3);
            } else {
                System.arraycopy(pos, 3 * u, p0, 0, 3);
                System.arraycopy(pos, 3 * v, p1, 0, 3);
                double ex = p1[0] - p0[0];
                double ey = p1[1] - p0[1];
                double ez = p1[2] - p0[2];
                double edge2 = ex * ex + ey * ey + ez * ez;
                boolean ok = Quadrics.minimiser(sum, target);
                if (ok) {
                    double mx = target[0] - 0.5 * (p0[0] + p1[0]);
                    double my = target[1] - 0.5 * (p0[1] + p1[1]);
                    double mz = target[2] - 0.5 * (p0[2] + p1[2]);
                    ok = mx * mx + my * my + mz * mz <= 4 * edge2;
                }
                if (!ok) {
                    Quadrics.segmentMinimiser(sum, p0, p1, target);
                }
            }
            return Math.max(0, Quadrics.evaluate(sum, target[0], target[1], target[2]));
        }

        /** Collapses u–v at the position {@link #price} chose, if the topology and flip tests pass. */
        boolean tryCollapse(int u, int v, double cost) {
            int k = keep;
            int r = drop;
            if (!linkConditionHolds(k, r) || flips(r, k) || (!locked[k] && flips(k, r))) {
                return false;
            }
            collapse(k, r);
            maxCost = Math.max(maxCost, cost);
            return true;
        }

        private boolean linkConditionHolds(int k, int r) {
            int nk = neighbours(k);
            if (nk >= ring.length) {
                return false;
            }
            int stampK = stamp;
            int shared = 0;
            int[] ts = vtris[r];
            for (int i = 0; i < vtCount[r]; i++) {
                int o = 3 * ts[i];
                if (tri[o] == k || tri[o + 1] == k || tri[o + 2] == k) {
                    shared++;
                }
            }
            if (shared != 2) {
                return false;
            }
            // NB: r's neighbours are walked here rather than with neighbours(r), which would
            // overwrite the marks of k's neighbours.
            int nr = 0;
            int common = 0;
            int stampR = ++stamp;
            for (int i = 0; i < vtCount[r]; i++) {
                int o = 3 * ts[i];
                for (int j = 0; j < 3; j++) {
                    int w = tri[o + j];
                    if (w == r || seen[w] == stampR) {
                        continue;
                    }
                    seen[w] = stampR;
                    nr++;
                    if (mark[w] == stampK) {
                        common++;
                    }
                }
            }
            // union without k and r: (nk - 1) + (nr - 1) - common
            return common == 2 && nk + nr - 2 - common >= 3;
        }

        /**
         * True if moving vertex {@code moved} to {@link #target} reverses or flattens a triangle of
         * it that does not contain {@code other} (those two disappear).
         */
        private boolean flips(int moved, int other) {
            int[] ts = vtris[moved];
            for (int i = 0; i < vtCount[moved]; i++) {
                int o = 3 * ts[i];
                int a = tri[o];
                int b = tri[o + 1];
                int c = tri[o + 2];
                if (a == other || b == other || c == other) {
                    continue;
                }
                // rotate so that the moved vertex is first
                if (b == moved) {
                    b = c;
                    c = a;
                } else if (c == moved) {
                    c = b;
                    b = a;
                }
                double bx = pos[3 * b];
                double by = pos[3 * b + 1];
                double bz = pos[3 * b + 2];
                double cx = pos[3 * c];
                double cy = pos[3 * c + 1];
                double cz = pos[3 * c + 2];
                double ex = cx - bx;
                double ey = cy - by;
                double ez = cz - bz;
                double ax = pos[3 * moved] - bx;
                double ay = pos[3 * moved + 1] - by;
                double az = pos[3 * moved + 2] - bz;
                double tx = target[0] - bx;
                double ty = target[1] - by;
                double tz = target[2] - bz;
                // normals of (b, c, a) before and after: e × (a − b)
                double n0x = ey * az - ez * ay;
                double n0y = ez * ax - ex * az;
                double n0z = ex * ay - ey * ax;
                double n1x = ey * tz - ez * ty;
                double n1y = ez * tx - ex * tz;
                double n1z = ex * ty - ey * tx;
                double dot = n0x * n1x + n0y * n1y + n0z * n1z;
                double len1 = n1x * n1x + n1y * n1y + n1z * n1z;
                double len0 = n0x * n0x + n0y * n0y + n0z * n0z;
                // NB: a triangle that has no area before the move has no orientation to keep (flying
                // edges makes such triangles where the iso value equals a sample value); it is not
                // allowed to block the collapses that remove it.
                double edge2 = ex * ex + ey * ey + ez * ez + ax * ax + ay * ay + az * az;
                if (len0 <= 1e-24 * edge2 * edge2) {
                    continue;
                }
                if (!(dot > 0) || len1 <= 1e-12 * len0) {
                    return true;
                }
            }
            return false;
        }

        private void collapse(int k, int r) {
            System.arraycopy(target, 0, pos, 3 * k, 3);
            Quadrics.add(q, Quadrics.SIZE * k, q, Quadrics.SIZE * r);
            alive[r] = false;
            // NB: a dead vertex counts as changed after every push, so one array answers "stale?"
            changedAt[r] = Integer.MAX_VALUE;
            int[] ts = vtris[r];
            for (int i = 0; i < vtCount[r]; i++) {
                int t = ts[i];
                int o = 3 * t;
                if (tri[o] == k || tri[o + 1] == k || tri[o + 2] == k) {
                    triAlive[t] = false;
                    liveTriangles--;
                    for (int j = 0; j < 3; j++) {
                        int w = tri[o + j];
                        if (w != k && w != r) {
                            removeTriangle(w, t);
                        }
                    }
                } else {
                    for (int j = 0; j < 3; j++) {
                        if (tri[o + j] == r) {
                            tri[o + j] = k;
                        }
                    }
                    appendTriangle(k, t);
                }
            }
            vtCount[r] = 0;
            int[] kt = vtris[k];
            int live = 0;
            for (int i = 0; i < vtCount[k]; i++) {
                if (triAlive[kt[i]]) {
                    kt[live++] = kt[i];
                }
            }
            vtCount[k] = live;
            changedAt[k] = ++sequence;
            int nk = neighbours(k);
            for (int i = 0; i < nk; i++) {
                int w = ring[i];
                if (!(locked[k] && locked[w])) {
                    heap.push(k, w, price(k, w), sequence);
                }
            }
        }

        private void removeTriangle(int v, int t) {
            int[] ts = vtris[v];
            for (int i = 0; i < vtCount[v]; i++) {
                if (ts[i] == t) {
                    ts[i] = ts[--vtCount[v]];
                    return;
                }
            }
        }

        private void appendTriangle(int v, int t) {
            if (vtCount[v] == vtris[v].length) {
                vtris[v] = Arrays.copyOf(vtris[v], vtCount[v] * 2 + 4);
            }
            vtris[v][vtCount[v]++] = t;
        }

        Mesh compact(boolean capped) {
            int n = alive.length;
            int[] remap = new int[n];
            Arrays.fill(remap, -1);
            int[] indices = new int[3 * liveTriangles];
            int o = 0;
            int vertices = 0;
            for (int t = 0; t < triAlive.length; t++) {
                if (triAlive[t]) {
                    for (int j = 0; j < 3; j++) {
                        int v = tri[3 * t + j];
                        if (remap[v] < 0) {
                            remap[v] = vertices++;
                        }
                        indices[o++] = remap[v];
                    }
                }
            }
            float[] positions = new float[3 * vertices];
            for (int v = 0; v < n; v++) {
                int m = remap[v];
                if (m >= 0) {
                    positions[3 * m] = (float) pos[3 * v];
                    positions[3 * m + 1] = (float) pos[3 * v + 1];
                    positions[3 * m + 2] = (float) pos[3 * v + 2];
                }
            }
            return Mesh.adopt(positions, VertexNormals.areaWeighted(positions, indices), indices, capped);
        }
    }
}
