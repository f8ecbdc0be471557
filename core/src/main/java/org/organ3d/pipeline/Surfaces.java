package org.organ3d.pipeline;

import java.util.List;
import java.util.Objects;
import org.organ3d.mesh.SurfaceExtraction;

/**
 * The surfaces a {@link Pipeline} extracted, with the backend that actually ran.
 *
 * @param surfaces one per label (by label) or the one isosurface, measured (LPS mm)
 * @param backend  name of the backend that ran the extraction ({@code java}, {@code opencl}); the
 *                 Java one when a device failed and {@code auto} fell back
 * @param seconds  wall time of the extraction alone
 */
public record Surfaces(List<SurfaceExtraction.Surface> surfaces, String backend, double seconds) {

    public Surfaces {
        surfaces = List.copyOf(surfaces);
        Objects.requireNonNull(backend, "backend");
    }

    /** True if no surface has a triangle. */
    public boolean isEmpty() {
        return surfaces.stream().allMatch(s -> s.mesh().isEmpty());
    }
}
