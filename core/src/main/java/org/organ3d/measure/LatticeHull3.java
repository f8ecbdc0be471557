package org.organ3d.measure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact 3D convex hull of integer lattice points by Quickhull (Barber, Dobkin, Huhdanpaa, "The
 * Quickhull algorithm for convex hulls", ACM TOMS 22(4), 1996).
 *
 * <p>Input: points with integer coordinates of magnitude below 2<sup>18</sup> (organ3d feeds voxel
 * corners in doubled index coordinates, {@code 2i ± 1} with {@code i < 65536}, so every corner is an
 * integer). All orientation tests are evaluated exactly in {@code long} arithmetic: differences are
 * below 2<sup>19</sup>, cross products below 2<sup>39</sup>, the determinant below
 * 3·2<sup>58</sup> &lt; 2<sup>63</sup>. There are no tolerances and no robustness failures; because the hull is built in index space and every affine map preserves convexity, the
 * hull in patient millimetres is the image of this hull under the grid's affine.
 *
 * <p>Pass 1 (initial simplex): two extreme points along x, the point farthest from their line and
 * the point farthest from that plane; a set with no four non-coplanar points is rejected.
 * Pass 2 (conflict lists): every point strictly outside a face is assigned to one such face.
 * Pass 3 (expansion): take a face with a non-empty outside set, its farthest point p; the faces that
 * p sees strictly (positive orientation) form a disc whose boundary is the horizon; those faces are
 * replaced by a cone of triangles from the horizon to p, and their outside points are reassigned to
 * the new faces. Points exactly on a face plane are treated as inside.
 *
 * <p>Caveats: coplanar neighbouring triangles are not merged (a hull face may be split into several
 * coplanar triangles); points that lie on the hull boundary but are not corners of it may or may
 * not appear as vertices. Neither changes widths, diameters or extents. Not thread-safe per
 * instance; use one instance per thread.
 */
final class LatticeHull3 {

    /** Largest coordinate magnitude accepted, so that every determinant fits a {@code long}. */
    static final int MAX_COORD = 1 << 18;

    private final long[] x;
    private final long[] y;
    private final long[] z;
    private final int n;

    // faces: vertices a,b,c (counter-clockwise from outside), alive flag, outside-set head.
    private int[] fa = new int[64];
    private int[] fb = new int[64];
    private int[] fc = new int[64];
    private boolean[] alive = new boolean[64];
    private int faceCount;
    private int[] outsideHead = new int[64];
    // linked lists of outside points: next pointer per point.
    private int[] nextOutside;
    // neighbour face across edge e of face f (e = 0: a→b, 1: b→c, 2: c→a) at nbr[3f + e].
    private int[] nbr = new int[3 * 64];
    // per face: the expansion step that last classified it, and whether it was visible then.
    private int[] stamp = new int[64];
    private boolean[] visibleNow = new boolean[64];
    private int step;
    // per point: the cone face that starts / ends at it during one expansion step.
    private int[] coneFrom;
    private int[] coneTo;

    private LatticeHull3(int[] xs, int[] ys, int[] zs, int count) {
        this.n = count;
        this.x = new long[count];
        this.y = new long[count];
        this.z = new long[count];
        for (int p = 0; p < count; p++) {
            if (Math.abs(xs[p]) >= MAX_COORD || Math.abs(ys[p]) >= MAX_COORD || Math.abs(zs[p]) >= MAX_COORD) {
                throw new IllegalArgumentException("lattice coordinate out of range at point " + p);
            }
            x[p] = xs[p];
            y[p] = ys[p];
            z[p] = zs[p];
        }
    }

    /**
     * The hull of the first {@code count} points.
     *
     * @return triangles as vertex indices into the input, three per face, counter-clockwise seen
     *         from outside
     * @throws IllegalArgumentException if all points are coplanar or a coordinate is out of range
     */
    static int[] hull(int[] xs, int[] ys, int[] zs, int count) {
        return new LatticeHull3(xs, ys, zs, count).run();
    }

    private long orient(int a, int b, int c, int d) {
        long bx = x[b] - x[a];
        long by = y[b] - y[a];
        long bz = z[b] - z[a];
        long cx = x[c] - x[a];
        long cy = y[c] - y[a];
        long cz = z[c] - z[a];
        long dx = x[d] - x[a];
        long dy = y[d] - y[a];
        long dz = z[d] - z[a];
        return dx * (by * cz - bz * cy) + dy * (bz * cx - bx * cz) + dz * (bx * cy - by * cx);
    }

    private long orientFace(int f, int p) {
        return orient(fa[f], fb[f], fc[f], p);
    }

    private int[] run() {
        if (n < 4) {
            throw new IllegalArgumentException("need at least 4 points for a 3D hull, got " + n);
        }
        int[] simplex = initialSimplex();
        nextOutside = new int[n];
        int p0 = simplex[0];
        int p1 = simplex[1];
        int p2 = simplex[2];
        int p3 = simplex[3];
        if (orient(p0, p1, p2, p3) > 0) {
            int t = p1;
            p1 = p2;
            p2 = t;
        }
        // Now p3 is below face (p0,p1,p2): the four faces below are outward.
        int[] first = {addFace(p0, p1, p2), addFace(p0, p3, p1), addFace(p1, p3, p2), addFace(p2, p3, p0)};
        for (int f : first) {
            for (int e = 0; e < 3; e++) {
                for (int g : first) {
                    int ge = edgeIndex(g, vertex(f, (e + 1) % 3), vertex(f, e));
                    if (g != f && ge >= 0) {
                        nbr[3 * f + e] = g;
                    }
                }
            }
        }
        coneFrom = new int[n];
        coneTo = new int[n];
        for (int p = 0; p < n; p++) {
            if (p == p0 || p == p1 || p == p2 || p == p3) {
                continue;
            }
            for (int f : first) {
                if (orientFace(f, p) > 0) {
                    pushOutside(f, p);
                    break;
                }
            }
        }
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int f : first) {
            work.push(f);
        }
        List<Integer> visible = new ArrayList<>();
        List<int[]> horizon = new ArrayList<>();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        while (!work.isEmpty()) {
            int f = work.pop();
            if (!alive[f] || outsideHead[f] < 0) {
                continue;
            }
            int apex = -1;
            long best = 0;
            for (int p = outsideHead[f]; p >= 0; p = nextOutside[p]) {
                long d = orientFace(f, p);
                if (d > best) {
                    best = d;
                    apex = p;
                }
            }
            visible.clear();
            horizon.clear();
            step++;
            findVisible(f, apex, visible, horizon, stack);
            int pending = -1;
            for (int v : visible) {
                for (int p = outsideHead[v]; p >= 0; ) {
                    int nx = nextOutside[p];
                    if (p != apex) {
                        nextOutside[p] = pending;
                        pending = p;
                    }
                    p = nx;
                }
                outsideHead[v] = -1;
                alive[v] = false;
            }
            int firstNew = faceCount;
            for (int[] e : horizon) {
                // e = {a, b, outer face g, edge of g that is b→a}
                int h = addFace(e[0], e[1], apex);
                nbr[3 * h] = e[2];
                nbr[3 * e[2] + e[3]] = h;
                coneFrom[e[0]] = h;
                coneTo[e[1]] = h;
            }
            int lastNew = faceCount;
            for (int h = firstNew; h < lastNew; h++) {
                nbr[3 * h + 1] = coneFrom[fb[h]]; // edge b→apex borders the cone face (b, c, apex)
                nbr[3 * h + 2] = coneTo[fa[h]];   // edge apex→a borders the cone face (x, a, apex)
            }
            for (int p = pending; p >= 0; ) {
                int nx = nextOutside[p];
                for (int g = firstNew; g < lastNew; g++) {
                    if (orientFace(g, p) > 0) {
                        pushOutside(g, p);
                        break;
                    }
                }
                p = nx;
            }
            for (int g = firstNew; g < lastNew; g++) {
                if (outsideHead[g] >= 0) {
                    work.push(g);
                }
            }
        }
        int live = 0;
        for (int f = 0; f < faceCount; f++) {
            if (alive[f]) {
                live++;
            }
        }
        int[] tris = new int[3 * live];
        int t = 0;
        for (int f = 0; f < faceCount; f++) {
            if (alive[f]) {
                tris[t++] = fa[f];
                tris[t++] = fb[f];
                tris[t++] = fc[f];
            }
        }
        return tris;
    }

    /**
     * Depth-first search over the faces strictly visible from {@code apex} (orientation > 0); collects
     * the horizon edges as {@code {a, b, outer face, edge index of b→a in the outer face}}.
     */
    private void findVisible(int start, int apex, List<Integer> visible, List<int[]> horizon, ArrayDeque<Integer> stack) {
        stack.clear();
        stack.push(start);
        stamp[start] = step;
        visibleNow[start] = true;
        while (!stack.isEmpty()) {
            int f = stack.pop();
            visible.add(f);
            for (int e = 0; e < 3; e++) {
                int g = nbr[3 * f + e];
                if (stamp[g] != step) {
                    stamp[g] = step;
                    visibleNow[g] = orientFace(g, apex) > 0;
                    if (visibleNow[g]) {
                        stack.push(g);
                    }
                }
                if (!visibleNow[g]) {
                    int a = vertex(f, e);
                    int b = vertex(f, (e + 1) % 3);
                    horizon.add(new int[] {a, b, g, edgeIndex(g, b, a)});
                }
            }
        }
    }

    private int vertex(int f, int corner) {
        return corner == 0 ? fa[f] : corner == 1 ? fb[f] : fc[f];
    }

    /** Index e of the edge from → to in face g, or -1. */
    private int edgeIndex(int g, int from, int to) {
        for (int e = 0; e < 3; e++) {
            if (vertex(g, e) == from && vertex(g, (e + 1) % 3) == to) {
                return e;
            }
        }
        return -1;
    }

    private int addFace(int a, int b, int c) {
        if (faceCount == fa.length) {
            int cap = fa.length * 2;
            fa = java.util.Arrays.copyOf(fa, cap);
            fb = java.util.Arrays.copyOf(fb, cap);
            fc = java.util.Arrays.copyOf(fc, cap);
            alive = java.util.Arrays.copyOf(alive, cap);
            outsideHead = java.util.Arrays.copyOf(outsideHead, cap);
            stamp = java.util.Arrays.copyOf(stamp, cap);
            visibleNow = java.util.Arrays.copyOf(visibleNow, cap);
            nbr = java.util.Arrays.copyOf(nbr, 3 * cap);
        }
        int f = faceCount++;
        fa[f] = a;
        fb[f] = b;
        fc[f] = c;
        alive[f] = true;
        outsideHead[f] = -1;
        stamp[f] = -1;
        return f;
    }

    private void pushOutside(int f, int p) {
        nextOutside[p] = outsideHead[f];
        outsideHead[f] = p;
    }

    private int[] initialSimplex() {
        int p0 = 0;
        int p1 = 0;
        for (int p = 1; p < n; p++) {
            if (x[p] < x[p0] || x[p] == x[p0] && (y[p] < y[p0] || y[p] == y[p0] && z[p] < z[p0])) {
                p0 = p;
            }
            if (x[p] > x[p1] || x[p] == x[p1] && (y[p] > y[p1] || y[p] == y[p1] && z[p] > z[p1])) {
                p1 = p;
            }
        }
        if (p0 == p1) {
            throw new IllegalArgumentException("all points coincide");
        }
        int p2 = -1;
        double best = 0;
        long ux = x[p1] - x[p0];
        long uy = y[p1] - y[p0];
        long uz = z[p1] - z[p0];
        for (int p = 0; p < n; p++) {
            long vx = x[p] - x[p0];
            long vy = y[p] - y[p0];
            long vz = z[p] - z[p0];
            long cx = uy * vz - uz * vy;
            long cy = uz * vx - ux * vz;
            long cz = ux * vy - uy * vx;
            if (cx == 0 && cy == 0 && cz == 0) {
                continue;
            }
            double d = (double) cx * cx + (double) cy * cy + (double) cz * cz;
            if (d > best) {
                best = d;
                p2 = p;
            }
        }
        if (p2 < 0) {
            throw new IllegalArgumentException("all points are collinear");
        }
        int p3 = -1;
        long bestVol = 0;
        for (int p = 0; p < n; p++) {
            long v = Math.abs(orient(p0, p1, p2, p));
            if (v > bestVol) {
                bestVol = v;
                p3 = p;
            }
        }
        if (p3 < 0) {
            throw new IllegalArgumentException("all points are coplanar");
        }
        return new int[] {p0, p1, p2, p3};
    }
}
