package org.organ3d.mesh;

import java.util.Objects;

/**
 * What a decimation produced.
 *
 * @param mesh            the decimated mesh (LPS mm, compacted: only vertices used by a triangle,
 *                        area-weighted normals)
 * @param trianglesBefore triangles of the input
 * @param trianglesAfter  triangles of {@link #mesh}
 * @param collapses       edge collapses performed
 * @param maxErrorMm      the largest quadric distance bound {@code sqrt(Q(v))} of any collapse
 *                        performed (0 when none): every output vertex lies within this distance of
 *                        the plane of every input triangle that touched a vertex merged into it
 * @param lockedVertices  vertices that were never moved (boundary, non-manifold edge or pinched
 *                        vertex)
 * @param stoppedByError  true if the error bound stopped the decimation before the target count
 */
public record DecimationResult(Mesh mesh, int trianglesBefore, int trianglesAfter, int collapses, double maxErrorMm,
        int lockedVertices, boolean stoppedByError) {

    public DecimationResult {
        Objects.requireNonNull(mesh, "mesh");
    }

    /** trianglesAfter / trianglesBefore (1 for an empty input). */
    public double keptFraction() {
        return trianglesBefore == 0 ? 1 : (double) trianglesAfter / trianglesBefore;
    }
}
