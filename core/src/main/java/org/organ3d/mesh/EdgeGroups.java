package org.organ3d.mesh;

import java.util.Arrays;

/**
 * The 3T half-edges of a triangle list grouped by undirected edge, in ascending (smaller vertex,
 * larger vertex) order: a counting sort by the smaller vertex, then a sort of each vertex's few
 * entries by the larger one. Linear in the mesh size for bounded valence (a vertex of a closed
 * triangle mesh has about six edges), where sorting every edge key as one array cost
 * O(T log T) and dominated mesh checks and smoothing set-up.
 *
 * <p>Entry x of bucket v (x in [{@link #start}[v], {@link #start}[v + 1])) is
 * {@code larger << 1 | reversed}: the edge's larger vertex, and 1 when that half-edge runs from
 * the larger vertex to v (0 when it runs from v). Degenerate half-edges (a = a) are kept, in
 * bucket a with larger vertex a. Vertex indices must be below 2^30.
 */
final class EdgeGroups {

    /** Bucket boundaries: bucket v (smaller vertex v) is [start[v], start[v + 1]). */
    final int[] start;
    /** Per half-edge: larger vertex << 1 | reversed, sorted within each bucket. */
    final int[] entry;

    private EdgeGroups(int[] start, int[] entry) {
        this.start = start;
        this.entry = entry;
    }

    /** Groups the half-edges of triangles {@code indices} (vertices 0..vertexCount-1). */
    static EdgeGroups of(int vertexCount, int[] indices) {
        if (vertexCount >= 1 << 30) {
            throw new IllegalArgumentException("too many vertices for edge grouping: " + vertexCount);
        }
        int[] start = new int[vertexCount + 2];
        int n = indices.length - indices.length % 3;
        for (int h = 0; h < n; h++) {
            start[Math.min(indices[h], indices[next(h)]) + 2]++;
        }
        for (int v = 2; v < start.length; v++) {
            start[v] += start[v - 1];
        }
        int[] entry = new int[n];
        for (int h = 0; h < n; h++) {
            int a = indices[h];
            int b = indices[next(h)];
            entry[start[Math.min(a, b) + 1]++] = Math.max(a, b) << 1 | (a > b ? 1 : 0);
        }
        // NB: a few entries per vertex: Arrays.sort uses insertion sort on such ranges; buckets are
        // independent, so ranges of them are sorted in parallel (same result for any thread count)
        int chunks = Math.max(1, Math.min(64, vertexCount / 65536));
        SlabRunner.run(0, chunks, c -> {
            for (int v = SlabRunner.start(c, chunks, vertexCount), e = SlabRunner.start(c + 1, chunks, vertexCount); v < e; v++) {
                Arrays.sort(entry, start[v], start[v + 1]);
            }
        });
        return new EdgeGroups(Arrays.copyOf(start, vertexCount + 1), entry);
    }

    /** The half-edge after h in its triangle (h's triangle's next corner). */
    private static int next(int h) {
        return h - h % 3 + (h + 1) % 3;
    }

    int vertexCount() {
        return start.length - 1;
    }

    /** Larger vertex of entry x. */
    int larger(int x) {
        return entry[x] >>> 1;
    }

    /** True when entry x's half-edge runs from the larger vertex to the smaller. */
    boolean reversed(int x) {
        return (entry[x] & 1) != 0;
    }

    /** End of the group (same undirected edge) that starts at entry x of a bucket ending at {@code end}. */
    int groupEnd(int x, int end) {
        int edge = entry[x] >>> 1;
        int y = x + 1;
        while (y < end && entry[y] >>> 1 == edge) {
            y++;
        }
        return y;
    }
}
