package org.organ3d.compute;

import java.util.Optional;
import org.organ3d.mesh.FlyingEdges;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.volume.Volume;

/**
 * The pure-Java backend: always available, multi-threaded on all cores, the reference every other
 * backend is tested against.
 */
public final class JavaBackend implements ComputeBackend {

    /** The backend's name. */
    public static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public int autoPriority() {
        return 0;
    }

    @Override
    public Mesh isosurface(Volume volume, IsoSurfaceOptions options) {
        return FlyingEdges.extract(volume, options);
    }
}
