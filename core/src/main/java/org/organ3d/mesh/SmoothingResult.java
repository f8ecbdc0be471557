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
        float[] positions = PositionArrays.toFloat(smoothed);
        // NB: volumes are those of the float positions actually returned, by MeshProperties.
        MeshProperties filtered = MeshProperties.of(Mesh.adopt(positions, null, indices));
        double filterChange = relative(volumeBefore, filtered.volumeMm3());
        double after = filtered.volumeMm3();
        boolean restored = false;
        if (preserveVolume && volumeBefore != 0 && after != 0 && Math.signum(volumeBefore) == Math.signum(after)) {
            double cx = filtered.centroidX();
            double cy = filtered.centroidY();
            double cz = filtered.centroidZ();
            double s = Math.cbrt(volumeBefore / after);
            for (int i = 0; i < smoothed.length; i += 3) {
                smoothed[i] = cx + s * (smoothed[i] - cx);
                smoothed[i + 1] = cy + s * (smoothed[i + 1] - cy);
                smoothed[i + 2] = cz + s * (smoothed[i + 2] - cz);
            }
            positions = PositionArrays.toFloat(smoothed);
            after = MeshProperties.of(Mesh.adopt(positions, null, indices)).volumeMm3();
            restored = true;
        }
        Mesh mesh = Mesh.adopt(positions, VertexNormals.areaWeighted(positions, indices), indices, input.isCapped());
        return new SmoothingResult(mesh, volumeBefore, after, relative(volumeBefore, after), filterChange, restored,
                fixedVertices, iterations);
    }

    private static double relative(double before, double after) {
        return before == 0 ? 0 : (after - before) / Math.abs(before);
    }
}
