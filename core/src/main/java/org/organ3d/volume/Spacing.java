package org.organ3d.volume;

/**
 * Distances between neighbouring voxel centres along the grid axes i, j and k, in millimetres.
 *
 * @param x spacing along i (columns), mm, positive and finite
 * @param y spacing along j (rows), mm, positive and finite
 * @param z spacing along k (slices), mm, positive and finite
 */
public record Spacing(double x, double y, double z) {

    public Spacing {
        if (!(x > 0 && y > 0 && z > 0) || !Double.isFinite(x + y + z)) {
            throw new IllegalArgumentException("spacing must be positive and finite (mm): " + x + ", " + y + ", " + z);
        }
    }

    /** The same spacing along all three axes. */
    public static Spacing isotropic(double mm) {
        return new Spacing(mm, mm, mm);
    }
}
