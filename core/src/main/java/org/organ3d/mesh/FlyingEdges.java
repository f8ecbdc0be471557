package org.organ3d.mesh;

import org.organ3d.volume.Volume;

/**
 * Flying-edges isosurface extraction (Schroeder, Maynard, Geveci, LDAV 2015). Placeholder until the
 * surfaces issue lands: it throws, so nothing reports a surface that was not computed.
 */
public final class FlyingEdges {

    private FlyingEdges() {
    }

    /** Isosurface of {@code volume} in LPS mm. */
    public static Mesh extract(Volume volume, IsoSurfaceOptions options) {
        throw new UnsupportedOperationException("isosurface extraction is not implemented yet");
    }
}
