package org.organ3d.testdata.phantom;

import org.joml.Vector3d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;

/**
 * The sampling grid of a phantom study: axial slices (i → patient left, j → posterior, k →
 * superior), centred on the LPS origin.
 *
 * @param nx columns
 * @param ny rows
 * @param nz slices
 * @param sx column spacing mm
 * @param sy row spacing mm
 * @param sz slice spacing mm
 */
public record PhantomGrid(int nx, int ny, int nz, double sx, double sy, double sz) {

    /** The full study: 512×512 at 0.7 mm, 200 slices at 1.5 mm (358 × 358 × 300 mm). */
    public static final PhantomGrid FULL = new PhantomGrid(512, 512, 200, 0.7, 0.7, 1.5);

    /** A small variant for fast tests: 128×128 at 2.8 mm, 100 slices at 3 mm (same field of view). */
    public static final PhantomGrid SMALL = new PhantomGrid(128, 128, 100, 2.8, 2.8, 3.0);

    public PhantomGrid {
        new Dimensions(nx, ny, nz);
        if (!(sx > 0 && sy > 0 && sz > 0)) {
            throw new IllegalArgumentException("spacing must be positive");
        }
    }

    public Dimensions dimensions() {
        return new Dimensions(nx, ny, nz);
    }

    /** Geometry with voxel (0,0,0) placed so that the grid is centred on (0, 0, 0) LPS. */
    public Geometry geometry() {
        return Geometry.axisAligned(new Spacing(sx, sy, sz), new Vector3d(-0.5 * (nx - 1) * sx, -0.5 * (ny - 1) * sy, -0.5 * (nz - 1) * sz));
    }

    /** Lower z of the slab covered by the slices (outer face of the first slice), mm. */
    public double zLo() {
        return -0.5 * nz * sz;
    }

    /** Upper z of the slab covered by the slices, mm. */
    public double zHi() {
        return 0.5 * nz * sz;
    }
}
