package org.organ3d.mesh;

import java.util.Arrays;

/**
 * Combinatorial checks of an indexed triangle mesh: the edge map (which triangles share each edge
 * and in which direction), watertightness, Euler characteristic, connected components and genus.
 * Topology is by vertex index: two vertices at the same position are different vertices.
 *
 * <p>Edge map: the 3T directed half-edges (a→b) are grouped by their undirected edge with a direction
 * bit ({@link EdgeGroups}: no hashing, linear for bounded valence). An edge is <em>good</em> when exactly two
 * triangles use it in opposite directions (closed, manifold and consistently oriented there); a
 * <em>boundary</em> edge has one triangle; a <em>non-manifold</em> edge three or more; an
 * <em>inconsistent</em> edge two triangles in the same direction.
 *
 * <p>Components: triangles are connected when they share a vertex (union-find over vertices); they
 * are numbered 0.. in the order of their first triangle. Per component the Euler characteristic is
 * χ = V − E + F over the vertices, edges and triangles it uses, and for a closed orientable surface
 * genus = (2 − χ) / 2 (a sphere 0, a torus 1). Vertices that no triangle uses belong to no component.
 *
 * <p>Immutable after construction and thread-safe. Memory: one int per half-edge while building.
 */
public final class MeshTopology {

    private final int triangles;
    private final long edges;
    private final long boundaryEdges;
    private final long nonManifoldEdges;
    private final long inconsistentEdges;
    private final int usedVertices;
    private final int components;
    private final int[] triangleComponent;
    private final int[] vertexComponent;
    private final long[] compVertices;
    private final long[] compEdges;
    private final long[] compTriangles;
    private final boolean[] compClosed;

    private MeshTopology(Mesh mesh) {
        int nt = mesh.triangleCount();
        int nv = mesh.vertexCount();
        // NB: the mesh's own array, read only (no 12-bytes-per-triangle copy)
        int[] tri = mesh.indexArray();
        triangles = nt;
        // components (union-find, sequential) and the edge map (counting sort, buckets sorted in
        // parallel) are independent: they run side by side
        Object[] parts = new Object[2];
        SlabRunner.run(0, 2, s -> parts[s] = s == 0 ? new Components(tri, nt, nv) : EdgeGroups.of(nv, tri));
        Components cs = (Components) parts[0];
        EdgeGroups groups = (EdgeGroups) parts[1];
        triangleComponent = cs.triangleComponent;
        vertexComponent = cs.vertexComponent;
        int nc = cs.count;
        components = nc;
        compVertices = new long[nc];
        compEdges = new long[nc];
        compTriangles = new long[nc];
        compClosed = new boolean[nc];
        Arrays.fill(compClosed, true);
        int uv = 0;
        for (int v = 0; v < nv; v++) {
            if (vertexComponent[v] >= 0) {
                uv++;
                compVertices[vertexComponent[v]]++;
            }
        }
        usedVertices = uv;
        for (int t = 0; t < nt; t++) {
            compTriangles[triangleComponent[t]]++;
        }

        // edge map: buckets (smaller vertex v) classified in parallel into per-vertex edge counts and
        // flags, then summed per component in vertex order (an edge's component is its vertex v's)
        int[] bucketEdges = new int[nv];
        byte[] bucketBad = new byte[nv];
        int chunks = Math.max(1, Math.min(64, nv / 65536));
        long[][] sums = new long[chunks][];
        SlabRunner.run(0, chunks, c -> sums[c] = classify(groups, SlabRunner.start(c, chunks, nv),
                SlabRunner.start(c + 1, chunks, nv), bucketEdges, bucketBad));
        long e = 0;
        long bnd = 0;
        long nonMan = 0;
        long incons = 0;
        for (long[] x : sums) {
            e += x[0];
            bnd += x[1];
            nonMan += x[2];
            incons += x[3];
        }
        for (int v = 0; v < nv; v++) {
            if (bucketEdges[v] > 0) {
                int comp = vertexComponent[v];
                compEdges[comp] += bucketEdges[v];
                if (bucketBad[v] != 0) {
                    compClosed[comp] = false;
                }
            }
        }
        edges = e;
        boundaryEdges = bnd;
        nonManifoldEdges = nonMan;
        inconsistentEdges = incons;
    }

    /**
     * Classifies the edges of buckets [v0, v1): per bucket its number of distinct edges and whether
     * any is not good; returns {edges, boundary, non-manifold, inconsistent} of the range.
     */
    private static long[] classify(EdgeGroups groups, int v0, int v1, int[] bucketEdges, byte[] bucketBad) {
        long bnd = 0;
        long nonMan = 0;
        long incons = 0;
        long e = 0;
        for (int v = v0; v < v1; v++) {
            int end = groups.start[v + 1];
            int n = 0;
            boolean bad = false;
            for (int x = groups.start[v]; x < end;) {
                int y = groups.groupEnd(x, end);
                int forward = 0;
                for (int h = x; h < y; h++) {
                    forward += groups.reversed(h) ? 0 : 1;
                }
                int count = y - x;
                n++;
                if (count == 1) {
                    bnd++;
                    bad = true;
                } else if (count > 2) {
                    nonMan++;
                    bad = true;
                } else if (forward != 1) {
                    incons++;
                    bad = true;
                }
                x = y;
            }
            bucketEdges[v] = n;
            bucketBad[v] = (byte) (bad ? 1 : 0);
            e += n;
        }
        return new long[] {e, bnd, nonMan, incons};
    }

    /** Connected components of the triangles (sharing a vertex) by union-find over vertices. */
    private static final class Components {
        final int[] triangleComponent;
        final int[] vertexComponent;
        final int count;

        Components(int[] tri, int nt, int nv) {
            int[] parent = new int[nv];
            for (int v = 0; v < nv; v++) {
                parent[v] = v;
            }
            boolean[] used = new boolean[nv];
            for (int t = 0; t < nt; t++) {
                int a = tri[3 * t];
                used[a] = true;
                used[tri[3 * t + 1]] = true;
                used[tri[3 * t + 2]] = true;
                union(parent, a, tri[3 * t + 1]);
                union(parent, a, tri[3 * t + 2]);
            }
            int[] rootLabel = new int[nv];
            Arrays.fill(rootLabel, -1);
            triangleComponent = new int[nt];
            int nc = 0;
            for (int t = 0; t < nt; t++) {
                int root = find(parent, tri[3 * t]);
                if (rootLabel[root] < 0) {
                    rootLabel[root] = nc++;
                }
                triangleComponent[t] = rootLabel[root];
            }
            count = nc;
            vertexComponent = new int[nv];
            for (int v = 0; v < nv; v++) {
                vertexComponent[v] = used[v] ? rootLabel[find(parent, v)] : -1;
            }
        }
    }

    /** Topology of {@code mesh}. */
    public static MeshTopology of(Mesh mesh) {
        return new MeshTopology(mesh);
    }

    private static int find(int[] p, int v) {
        while (p[v] != v) {
            p[v] = p[p[v]];
            v = p[v];
        }
        return v;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) {
            // NB: the smaller root wins, so labels do not depend on the order of unions.
            if (ra < rb) {
                p[rb] = ra;
            } else {
                p[ra] = rb;
            }
        }
    }

    /**
     * True when the mesh has triangles and every edge is shared by exactly two triangles with opposite
     * orientation (closed, edge-manifold, consistently oriented). False for the empty mesh.
     */
    public boolean isWatertight() {
        return triangles > 0 && boundaryEdges == 0 && nonManifoldEdges == 0 && inconsistentEdges == 0;
    }

    /** Distinct (undirected) edges. */
    public long edgeCount() {
        return edges;
    }

    /** Edges used by exactly one triangle. */
    public long boundaryEdgeCount() {
        return boundaryEdges;
    }

    /** Edges used by three or more triangles. */
    public long nonManifoldEdgeCount() {
        return nonManifoldEdges;
    }

    /** Edges used by two triangles in the same direction (orientation flips). */
    public long inconsistentEdgeCount() {
        return inconsistentEdges;
    }

    /** Vertices used by at least one triangle. */
    public int usedVertexCount() {
        return usedVertices;
    }

    /** V − E + F over used vertices, distinct edges and triangles. */
    public long eulerCharacteristic() {
        return usedVertices - edges + triangles;
    }

    /** Number of connected components (triangles sharing a vertex are connected). */
    public int componentCount() {
        return components;
    }

    /** Component of triangle t (0..componentCount-1). */
    public int triangleComponent(int t) {
        return triangleComponent[t];
    }

    /** Component of every triangle (a copy). */
    public int[] triangleComponents() {
        return triangleComponent.clone();
    }

    /** Component of vertex v, or -1 when no triangle uses it. */
    public int vertexComponent(int v) {
        return vertexComponent[v];
    }

    /** Triangles in component c. */
    public long componentTriangleCount(int c) {
        return compTriangles[c];
    }

    /** χ = V − E + F of component c. */
    public long componentEulerCharacteristic(int c) {
        return compVertices[c] - compEdges[c] + compTriangles[c];
    }

    /** True when every edge of component c is shared by two oppositely oriented triangles. */
    public boolean isComponentClosed(int c) {
        return compClosed[c];
    }

    /**
     * Genus (number of handles) of component c, (2 − χ) / 2, when it is a closed orientable surface;
     * -1 when the component is not closed (genus undefined).
     */
    public int componentGenus(int c) {
        if (!compClosed[c]) {
            return -1;
        }
        return (int) ((2 - componentEulerCharacteristic(c)) / 2);
    }

    @Override
    public String toString() {
        return "MeshTopology[" + triangles + " triangles, " + edges + " edges, " + components + " components, χ="
                + eulerCharacteristic() + ", boundary " + boundaryEdges + ", non-manifold " + nonManifoldEdges
                + ", inconsistent " + inconsistentEdges + "]";
    }
}
