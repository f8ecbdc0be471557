package org.organ3d.mesh;

import java.util.Arrays;

/**
 * The undirected edge graph of a triangle mesh in compressed rows: for each vertex the distinct
 * vertices it shares an edge with, and for each such edge whether it is a boundary edge (used by one
 * triangle) or a non-manifold edge (used by three or more). Built by sorting the 3T edge keys, so
 * the neighbour order is ascending and the result is deterministic. Immutable after construction.
 */
final class VertexNeighbourhood {

    /** Row start per vertex (length n + 1) into {@link #neighbours}. */
    final int[] offsets;
    /** Neighbour vertex indices, ascending within a row. */
    final int[] neighbours;
    /** Per entry of {@link #neighbours}: the edge is used by exactly one triangle. */
    final boolean[] boundaryEdge;
    /** Per vertex: on at least one boundary edge. */
    final boolean[] boundaryVertex;
    /** Per vertex: on at least one edge used by three or more triangles. */
    final boolean[] nonManifoldVertex;
    final int boundaryEdges;
    final int nonManifoldEdges;

    private VertexNeighbourhood(int[] offsets, int[] neighbours, boolean[] boundaryEdge, boolean[] boundaryVertex,
            boolean[] nonManifoldVertex, int boundaryEdges, int nonManifoldEdges) {
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.boundaryEdge = boundaryEdge;
        this.boundaryVertex = boundaryVertex;
        this.nonManifoldVertex = nonManifoldVertex;
        this.boundaryEdges = boundaryEdges;
        this.nonManifoldEdges = nonManifoldEdges;
    }

    static VertexNeighbourhood of(int vertexCount, int[] indices) {
        long[] keys = new long[indices.length];
        for (int t = 0; t < indices.length; t += 3) {
            keys[t] = key(indices[t], indices[t + 1]);
            keys[t + 1] = key(indices[t + 1], indices[t + 2]);
            keys[t + 2] = key(indices[t + 2], indices[t]);
        }
        Arrays.parallelSort(keys);
        int[] offsets = new int[vertexCount + 1];
        boolean[] boundaryVertex = new boolean[vertexCount];
        boolean[] nonManifoldVertex = new boolean[vertexCount];
        byte[] uses = new byte[keys.length];
        int boundaryEdges = 0;
        int nonManifoldEdges = 0;
        int unique = 0;
        for (int i = 0; i < keys.length;) {
            int j = i + 1;
            while (j < keys.length && keys[j] == keys[i]) {
                j++;
            }
            int a = (int) (keys[i] >>> 32);
            int b = (int) keys[i];
            if (a != b) {
                offsets[a + 1]++;
                offsets[b + 1]++;
                if (j - i == 1) {
                    boundaryEdges++;
                    boundaryVertex[a] = true;
                    boundaryVertex[b] = true;
                } else if (j - i > 2) {
                    nonManifoldEdges++;
                    nonManifoldVertex[a] = true;
                    nonManifoldVertex[b] = true;
                }
                uses[unique] = (byte) Math.min(j - i, 3);
                keys[unique++] = keys[i];
            }
            i = j;
        }
        for (int v = 0; v < vertexCount; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] fill = Arrays.copyOf(offsets, vertexCount);
        int[] neighbours = new int[offsets[vertexCount]];
        boolean[] boundaryEdge = new boolean[neighbours.length];
        // NB: keys are sorted by (a, b) with a < b, so row v first receives its smaller neighbours
        // (keys (a, v), ascending a) and then its larger ones (keys (v, b), ascending b): every row
        // comes out in ascending order without a second sort.
        for (int e = 0; e < unique; e++) {
            int a = (int) (keys[e] >>> 32);
            int b = (int) keys[e];
            boolean boundary = uses[e] == 1;
            neighbours[fill[a]] = b;
            boundaryEdge[fill[a]++] = boundary;
            neighbours[fill[b]] = a;
            boundaryEdge[fill[b]++] = boundary;
        }
        return new VertexNeighbourhood(offsets, neighbours, boundaryEdge, boundaryVertex, nonManifoldVertex,
                boundaryEdges, nonManifoldEdges);
    }

    int vertexCount() {
        return offsets.length - 1;
    }

    static long key(int a, int b) {
        return a < b ? ((long) a << 32) | (b & 0xFFFFFFFFL) : ((long) b << 32) | (a & 0xFFFFFFFFL);
    }
}
