package org.organ3d.mesh;

import java.util.Arrays;

/**
 * The undirected edge graph of a triangle mesh in compressed rows: for each vertex the distinct
 * vertices it shares an edge with, and for each such edge whether it is a boundary edge (used by one
 * triangle) or a non-manifold edge (used by three or more). Built from {@link EdgeGroups} (edges in
 * ascending order), so the neighbour order is ascending and the result is deterministic. Immutable
 * after construction.
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
        EdgeGroups groups = EdgeGroups.of(vertexCount, indices);
        int[] offsets = new int[vertexCount + 1];
        boolean[] boundaryVertex = new boolean[vertexCount];
        boolean[] nonManifoldVertex = new boolean[vertexCount];
        // unique edges in ascending (a, b) order, a < b
        int[] edgeA = new int[groups.entry.length];
        int[] edgeB = new int[groups.entry.length];
        byte[] uses = new byte[groups.entry.length];
        int boundaryEdges = 0;
        int nonManifoldEdges = 0;
        int unique = 0;
        for (int a = 0; a < vertexCount; a++) {
            int end = groups.start[a + 1];
            for (int i = groups.start[a]; i < end;) {
                int j = groups.groupEnd(i, end);
                int b = groups.larger(i);
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
                    edgeA[unique] = a;
                    edgeB[unique++] = b;
                }
                i = j;
            }
        }
        for (int v = 0; v < vertexCount; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] fill = Arrays.copyOf(offsets, vertexCount);
        int[] neighbours = new int[offsets[vertexCount]];
        boolean[] boundaryEdge = new boolean[neighbours.length];
        // NB: edges come in ascending (a, b) order with a < b, so row v first receives its smaller
        // neighbours (edges (a, v), ascending a) and then its larger ones (edges (v, b), ascending b):
        // every row comes out in ascending order without a second sort.
        for (int e = 0; e < unique; e++) {
            int a = edgeA[e];
            int b = edgeB[e];
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
}
