package org.organ3d.mesh;

import java.util.Objects;

/**
 * What a smoothing call produced and how much it changed the enclosed volume.
 *
 * @param mesh                     the smoothed mesh (LPS mm, same triangles as the input, new
 *                                 area-weighted normals)
 * @param volumeBeforeMm3          signed enclosed volume of the input (divergence theorem, double)
 * @param volumeAfterMm3           signed enclosed volume of {@link #mesh}
 * @param volumeChangeRelative     {@code (after − before) / |before|} of the returned mesh (0 when
 *                                 the input encloses no volume)
 * @param filterVolumeChangeRelative the same ratio for the filter alone, before any volume
 *                                 restoring rescale (equal to {@code volumeChangeRelative} when
 *                                 that option is off)
 * @param volumeRestored           whether the mesh was rescaled about its volume centroid to
 *                                 restore the input volume
 * @param fixedVertices            vertices that did not move (boundary, non-manifold or isolated)
 * @param iterations               filter iterations run
 */
public record SmoothingResult(Mesh mesh, double volumeBeforeMm3, double volumeAfterMm3, double volumeChangeRelative,
        double filterVolumeChangeRelative, boolean volumeRestored, int fixedVertices, int iterations) {

    public SmoothingResult {
        Objects.requireNonNull(mesh, "mesh");
        if (fixedVertices < 0 || iterations < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /**
     * Builds the result from the smoothed positions: optional volume-restoring rescale about the
     * volume centroid, area-weighted normals, volume bookkeeping. Takes ownership of
     * {@code smoothed}.
     */
    static SmoothingResult finish(Mesh input, double volumeBefore, double[] smoothed, int[] indices,
            boolean preserveVolume, int fixedVertices, int iterations) {
        double filtered = MeshIntegrals.signedVolume(smoothed, indices);
        double filterChange = relative(volumeBefore, filtered);
        boolean restored = false;
        if (preserveVolume && volumeBefore != 0 && filtered != 0 && Math.signum(volumeBefore) == Math.signum(filtered)) {
            double[] c = MeshIntegrals.volumeCentroid(smoothed, indices);
            double s = Math.cbrt(volumeBefore / filtered);
            for (int i = 0; i < smoothed.length; i += 3) {
                smoothed[i] = c[0] + s * (smoothed[i] - c[0]);
                smoothed[i + 1] = c[1] + s * (smoothed[i + 1] - c[1]);
                smoothed[i + 2] = c[2] + s * (smoothed[i + 2] - c[2]);
            }
            restored = true;
        }
        float[] positions = MeshIntegrals.toFloat(smoothed);
        // NB: the reported volume is that of the float positions actually returned.
        double after = MeshIntegrals.signedVolume(MeshIntegrals.toDouble(positions), indices);
        Mesh mesh = Mesh.adopt(positions, VertexNormals.areaWeighted(positions, indices), indices, input.isCapped());
        return new SmoothingResult(mesh, volumeBefore, after, relative(volumeBefore, after), filterChange, restored,
                fixedVertices, iterations);
    }

    private static double relative(double before, double after) {
        return before == 0 ? 0 : (after - before) / Math.abs(before);
    }
}
