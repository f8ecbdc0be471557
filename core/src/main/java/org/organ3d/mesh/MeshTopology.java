package org.organ3d.mesh;

import java.nio.IntBuffer;
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
        IntBuffer ib = mesh.indices();
        int nt = mesh.triangleCount();
        int nv = mesh.vertexCount();
        int[] tri = new int[3 * nt];
        ib.get(tri);
        triangles = nt;

        // components by union-find over vertices
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
        components = nc;
        vertexComponent = new int[nv];
        compVertices = new long[nc];
        compEdges = new long[nc];
        compTriangles = new long[nc];
        compClosed = new boolean[nc];
        Arrays.fill(compClosed, true);
        int uv = 0;
        for (int v = 0; v < nv; v++) {
            vertexComponent[v] = used[v] ? rootLabel[find(parent, v)] : -1;
            if (used[v]) {
                uv++;
                compVertices[vertexComponent[v]]++;
            }
        }
        usedVertices = uv;
        for (int t = 0; t < nt; t++) {
            compTriangles[triangleComponent[t]]++;
        }

        // edge map: the half-edges grouped by undirected edge
        EdgeGroups groups = EdgeGroups.of(nv, tri);
        long e = 0;
        long bnd = 0;
        long nonMan = 0;
        long incons = 0;
        for (int v = 0; v < nv; v++) {
            int end = groups.start[v + 1];
            for (int x = groups.start[v]; x < end;) {
                int y = groups.groupEnd(x, end);
                int forward = 0;
                for (int h = x; h < y; h++) {
                    forward += groups.reversed(h) ? 0 : 1;
                }
                int count = y - x;
                e++;
                int comp = vertexComponent[groups.larger(x)];
                compEdges[comp]++;
                if (count == 1) {
                    bnd++;
                    compClosed[comp] = false;
                } else if (count > 2) {
                    nonMan++;
                    compClosed[comp] = false;
                } else if (forward != 1) {
                    incons++;
                    compClosed[comp] = false;
                }
                x = y;
            }
        }
        edges = e;
        boundaryEdges = bnd;
        nonManifoldEdges = nonMan;
        inconsistentEdges = incons;
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
