package org.organ3d.viewer.pick;

import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.joml.Vector4fc;
import org.organ3d.mesh.Mesh;

/**
 * A bounding volume hierarchy over the triangles of several meshes, for exact surface picking.
 *
 * <p>Build: top-down, splitting each node at the median triangle centroid along the longest axis of
 * the centroids' box (quickselect, O(n log n)), leaves of at most {@value #LEAF} triangles; nodes are
 * stored in flat arrays. Query: slab test against node boxes, nearest child first, Möller–Trumbore
 * ray–triangle intersection (1997) in double precision, keeping the nearest hit. Triangles are
 * two-sided (a click hits back faces too, which matters when a clipping plane opens an organ).
 *
 * <p>Immutable after construction and safe to query from several threads. Memory: ~60 bytes per
 * triangle plus a copy of the positions.
 */
public final class TriangleBvh {

    private static final int LEAF = 4;
    private final float[][] positions;
    private final int[][] indices;
    private final int[] triObject;
    private final int[] triIndex;
    private final int[] order;
    private float[] box;      // 6 per node: min xyz, max xyz
    private int[] first;      // leaf: first slot in order; inner: left child (right = left + 1)
    private int[] count;      // leaf: triangle count; inner: 0
    private int nodes;

    public TriangleBvh(List<Mesh> meshes) {
        int n = 0;
        positions = new float[meshes.size()][];
        indices = new int[meshes.size()][];
        for (int m = 0; m < meshes.size(); m++) {
            positions[m] = meshes.get(m).positionsCopy();
            indices[m] = meshes.get(m).indicesCopy();
            n += meshes.get(m).triangleCount();
        }
        triObject = new int[n];
        triIndex = new int[n];
        order = new int[n];
        float[] centroid = new float[3 * n];
        int t = 0;
        for (int m = 0; m < meshes.size(); m++) {
            int tc = indices[m].length / 3;
            for (int i = 0; i < tc; i++, t++) {
                triObject[t] = m;
                triIndex[t] = i;
                order[t] = t;
                for (int c = 0; c < 3; c++) {
                    int v = indices[m][3 * i + c];
                    for (int a = 0; a < 3; a++) {
                        centroid[3 * t + a] += positions[m][3 * v + a] / 3f;
                    }
                }
            }
        }
        int cap = Math.max(1, 2 * n);
        box = new float[6 * cap];
        first = new int[cap];
        count = new int[cap];
        nodes = 1;
        build(0, 0, n, centroid);
    }

    public int triangleCount() {
        return order.length;
    }

    private void build(int node, int lo, int hi, float[] centroid) {
        float[] b = box;
        int o = 6 * node;
        b[o] = b[o + 1] = b[o + 2] = Float.POSITIVE_INFINITY;
        b[o + 3] = b[o + 4] = b[o + 5] = Float.NEGATIVE_INFINITY;
        float[] cmin = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] cmax = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int s = lo; s < hi; s++) {
            int t = order[s];
            float[] p = positions[triObject[t]];
            int[] ix = indices[triObject[t]];
            for (int c = 0; c < 3; c++) {
                int v = 3 * ix[3 * triIndex[t] + c];
                for (int a = 0; a < 3; a++) {
                    b[o + a] = Math.min(b[o + a], p[v + a]);
                    b[o + 3 + a] = Math.max(b[o + 3 + a], p[v + a]);
                }
            }
            for (int a = 0; a < 3; a++) {
                cmin[a] = Math.min(cmin[a], centroid[3 * t + a]);
                cmax[a] = Math.max(cmax[a], centroid[3 * t + a]);
            }
        }
        int axis = 0;
        for (int a = 1; a < 3; a++) {
            if (cmax[a] - cmin[a] > cmax[axis] - cmin[axis]) {
                axis = a;
            }
        }
        if (hi - lo <= LEAF || cmax[axis] - cmin[axis] <= 0f) {
            first[node] = lo;
            count[node] = hi - lo;
            return;
        }
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, axis, centroid);
        int left = nodes;
        nodes += 2;
        first[node] = left;
        count[node] = 0;
        build(left, lo, mid, centroid);
        build(left + 1, mid, hi, centroid);
    }

    /** Quickselect: afterwards order[lo..k) have centroids <= order[k] <= order(k..hi] on the axis. */
    private void select(int lo, int hi, int k, int axis, float[] centroid) {
        while (hi > lo) {
            float pivot = centroid[3 * order[(lo + hi) >>> 1] + axis];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (centroid[3 * order[i] + axis] < pivot) {
                    i++;
                }
                while (centroid[3 * order[j] + axis] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /**
     * The nearest intersection of the ray with the triangles of objects whose {@code enabled} entry is
     * true (null: all), ignoring points where {@code clip}·(p, 1) < 0 (null: no clipping).
     *
     * @param origin    ray origin, LPS mm
     * @param direction ray direction (need not be unit; distances are in its units × |direction|)
     * @return the nearest hit, or null
     */
    public Hit intersect(Vector3dc origin, Vector3dc direction, boolean[] enabled, Vector4fc clip) {
        double len = direction.length();
        double dx = direction.x() / len;
        double dy = direction.y() / len;
        double dz = direction.z() / len;
        double ox = origin.x();
        double oy = origin.y();
        double oz = origin.z();
        double ix = 1 / dx;
        double iy = 1 / dy;
        double iz = 1 / dz;
        double best = Double.POSITIVE_INFINITY;
        int bestTri = -1;
        int[] stack = new int[128];
        int sp = 0;
        stack[sp++] = 0;
        if (order.length == 0) {
            return null;
        }
        while (sp > 0) {
            int node = stack[--sp];
            if (slab(node, ox, oy, oz, ix, iy, iz) >= best) {
                continue;
            }
            if (count[node] == 0) {
                int l = first[node];
                double tl = slab(l, ox, oy, oz, ix, iy, iz);
                double tr = slab(l + 1, ox, oy, oz, ix, iy, iz);
                if (tl < tr) {
                    stack[sp++] = l + 1;
                    stack[sp++] = l;
                } else {
                    stack[sp++] = l;
                    stack[sp++] = l + 1;
                }
                continue;
            }
            for (int s = first[node], e = s + count[node]; s < e; s++) {
                int t = order[s];
                int m = triObject[t];
                if (enabled != null && !enabled[m]) {
                    continue;
                }
                double d = triangle(m, triIndex[t], ox, oy, oz, dx, dy, dz);
                if (d < best && d > 0) {
                    if (clip != null) {
                        double px = ox + d * dx;
                        double py = oy + d * dy;
                        double pz = oz + d * dz;
                        if (clip.x() * px + clip.y() * py + clip.z() * pz + clip.w() < 0) {
                            continue;
                        }
                    }
                    best = d;
                    bestTri = t;
                }
            }
        }
        if (bestTri < 0) {
            return null;
        }
        return new Hit(triObject[bestTri], triIndex[bestTri], best,
                new Vector3d(ox + best * dx, oy + best * dy, oz + best * dz));
    }

    private double slab(int node, double ox, double oy, double oz, double ix, double iy, double iz) {
        int o = 6 * node;
        double t0 = (box[o] - ox) * ix;
        double t1 = (box[o + 3] - ox) * ix;
        double tmin = Math.min(t0, t1);
        double tmax = Math.max(t0, t1);
        t0 = (box[o + 1] - oy) * iy;
        t1 = (box[o + 4] - oy) * iy;
        tmin = Math.max(tmin, Math.min(t0, t1));
        tmax = Math.min(tmax, Math.max(t0, t1));
        t0 = (box[o + 2] - oz) * iz;
        t1 = (box[o + 5] - oz) * iz;
        tmin = Math.max(tmin, Math.min(t0, t1));
        tmax = Math.min(tmax, Math.max(t0, t1));
        // NB: NaN from 0 * inf (ray in a box face plane) makes the comparisons false: treated as a hit.
        return tmax >= Math.max(tmin, 0) || Double.isNaN(tmin) || Double.isNaN(tmax) ? Math.max(tmin, 0)
                : Double.POSITIVE_INFINITY;
    }

    /** Möller–Trumbore; returns the distance or +inf. */
    private double triangle(int m, int tri, double ox, double oy, double oz, double dx, double dy, double dz) {
        float[] p = positions[m];
        int[] ix = indices[m];
        int a = 3 * ix[3 * tri];
        int b = 3 * ix[3 * tri + 1];
        int c = 3 * ix[3 * tri + 2];
        double e1x = p[b] - p[a];
        double e1y = p[b + 1] - p[a + 1];
        double e1z = p[b + 2] - p[a + 2];
        double e2x = p[c] - p[a];
        double e2y = p[c + 1] - p[a + 1];
        double e2z = p[c + 2] - p[a + 2];
        double px = dy * e2z - dz * e2y;
        double py = dz * e2x - dx * e2z;
        double pz = dx * e2y - dy * e2x;
        double det = e1x * px + e1y * py + e1z * pz;
        if (Math.abs(det) < 1e-14) {
            return Double.POSITIVE_INFINITY;
        }
        double inv = 1 / det;
        double tx = ox - p[a];
        double ty = oy - p[a + 1];
        double tz = oz - p[a + 2];
        double u = (tx * px + ty * py + tz * pz) * inv;
        if (u < 0 || u > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double qx = ty * e1z - tz * e1y;
        double qy = tz * e1x - tx * e1z;
        double qz = tx * e1y - ty * e1x;
        double v = (dx * qx + dy * qy + dz * qz) * inv;
        if (v < 0 || u + v > 1) {
            return Double.POSITIVE_INFINITY;
        }
        return (e2x * qx + e2y * qy + e2z * qz) * inv;
    }
}
