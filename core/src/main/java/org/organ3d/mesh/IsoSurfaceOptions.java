package org.organ3d.mesh;

/**
 * What an isosurface extraction produces.
 *
 * @param iso     iso value in real (rescaled) units; a voxel is inside when {@code value >= iso}
 * @param normals compute per-vertex normals from the image gradient in patient space
 * @param cap     close the surface where the volume border cuts it, as if the volume were padded
 *                with background
 */
public record IsoSurfaceOptions(double iso, boolean normals, boolean cap) {

    public IsoSurfaceOptions {
        if (!Double.isFinite(iso)) {
            throw new IllegalArgumentException("iso value must be finite: " + iso);
        }
    }

    /** Iso value with normals, no capping. */
    public static IsoSurfaceOptions at(double iso) {
        return new IsoSurfaceOptions(iso, true, false);
    }
}
