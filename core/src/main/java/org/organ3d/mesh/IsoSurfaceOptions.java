package org.organ3d.mesh;

/**
 * What an isosurface extraction produces. Choose the border behaviour by name: {@link #open} or
 * {@link #capped}.
 *
 * @param iso     iso value in real (rescaled) units; a voxel is inside when {@code value >= iso}
 * @param normals compute per-vertex normals from the image gradient in patient space
 * @param cap     close the surface where the volume border cuts it, as if the volume were padded
 *                with background (then every surface is closed and its enclosed volume counts the
 *                inside voxels at the border); false leaves such surfaces open, as VTK's flying edges
 *                and marching cubes do
 */
public record IsoSurfaceOptions(double iso, boolean normals, boolean cap) {

    public IsoSurfaceOptions {
        if (!Double.isFinite(iso)) {
            throw new IllegalArgumentException("iso value must be finite: " + iso);
        }
    }

    /** Iso value with normals; surfaces cut by the volume border stay open there. */
    public static IsoSurfaceOptions open(double iso) {
        return new IsoSurfaceOptions(iso, true, false);
    }

    /** Iso value with normals; surfaces cut by the volume border are closed there (watertight). */
    public static IsoSurfaceOptions capped(double iso) {
        return new IsoSurfaceOptions(iso, true, true);
    }

    /**
     * Iso value with normals, open at the border.
     *
     * @deprecated the name does not say that surfaces cut by the border stay open: use {@link #open}
     *             or {@link #capped}
     */
    @Deprecated
    public static IsoSurfaceOptions at(double iso) {
        return open(iso);
    }

    /** The same options with or without vertex normals. */
    public IsoSurfaceOptions withNormals(boolean withNormals) {
        return new IsoSurfaceOptions(iso, withNormals, cap);
    }

    /** The same options, capped ({@code true}) or open at the border. */
    public IsoSurfaceOptions withCap(boolean capped) {
        return new IsoSurfaceOptions(iso, normals, capped);
    }
}
