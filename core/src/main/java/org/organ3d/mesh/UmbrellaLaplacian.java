package org.organ3d.mesh;

import java.util.stream.IntStream;

/**
 * The umbrella (uniform-weight) discrete Laplacian of a triangle mesh, {@code Δx_i = mean_j(x_j) −
 * x_i} over the smoothing neighbours j of vertex i, the operator that Taubin's λ/μ and windowed sinc
 * filters are polynomials of (Taubin 1995, §4; its eigenvalues k lie in [0, 2]).
 *
 * <p>Which neighbours count: an interior vertex of a manifold mesh uses all its edge neighbours. A
 * boundary vertex, when boundary smoothing is on and it has exactly two boundary-edge neighbours,
 * uses only those two, so it moves along the boundary curve (which is filtered like a closed
 * polyline); otherwise it is fixed. A vertex on a non-manifold edge, or used by no edge, is fixed (an
 * empty row: Δ = 0). Immutable; {@link #apply} runs in parallel over vertex blocks and gives the
 * same result on every run because every output vertex is written by one task only.
 */
final class UmbrellaLaplacian {

    private static final int BLOCK = 4096;

    private final int[] offsets;
    private final int[] neighbours;
    private final int fixedCount;
    private final int vertexCount;

    private UmbrellaLaplacian(int[] offsets, int[] neighbours, int fixedCount) {
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.fixedCount = fixedCount;
        this.vertexCount = offsets.length - 1;
    }

    static UmbrellaLaplacian of(VertexNeighbourhood nb, boolean smoothBoundary) {
        int n = nb.vertexCount();
        int[] offsets = new int[n + 1];
        int[] neighbours = new int[nb.neighbours.length];
        int fixed = 0;
        int fill = 0;
        for (int v = 0; v < n; v++) {
            int start = nb.offsets[v];
            int end = nb.offsets[v + 1];
            if (nb.nonManifoldVertex[v] || end == start) {
                fixed++;
            } else if (nb.boundaryVertex[v]) {
                int boundaryNeighbours = 0;
                for (int e = start; e < end; e++) {
                    if (nb.boundaryEdge[e]) {
                        boundaryNeighbours++;
                    }
                }
                if (smoothBoundary && boundaryNeighbours == 2) {
                    for (int e = start; e < end; e++) {
                        if (nb.boundaryEdge[e]) {
                            neighbours[fill++] = nb.neighbours[e];
                        }
                    }
                } else {
                    fixed++;
                }
            } else {
                for (int e = start; e < end; e++) {
                    neighbours[fill++] = nb.neighbours[e];
                }
            }
            offsets[v + 1] = fill;
        }
        return new UmbrellaLaplacian(offsets, neighbours, fixed);
    }

    /** Vertices that never move (empty rows). */
    int fixedCount() {
        return fixedCount;
    }

    boolean isFixed(int v) {
        return offsets[v] == offsets[v + 1];
    }

    /**
     * {@code out = Δ x} for x, y, z per vertex; {@code out} must not alias {@code x}.
     */
    void apply(double[] x, double[] out) {
        int blocks = (vertexCount + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> applyBlock(x, out, b * BLOCK,
                Math.min(vertexCount, (b + 1) * BLOCK)));
    }

    private void applyBlock(double[] x, double[] out, int from, int to) {
        for (int v = from; v < to; v++) {
            int start = offsets[v];
            int end = offsets[v + 1];
            int o = 3 * v;
            if (start == end) {
                out[o] = 0;
                out[o + 1] = 0;
                out[o + 2] = 0;
                continue;
            }
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int e = start; e < end; e++) {
                int j = 3 * neighbours[e];
                sx += x[j];
                sy += x[j + 1];
                sz += x[j + 2];
            }
            double inv = 1.0 / (end - start);
            out[o] = sx * inv - x[o];
            out[o + 1] = sy * inv - x[o + 1];
            out[o + 2] = sz * inv - x[o + 2];
        }
    }
}
