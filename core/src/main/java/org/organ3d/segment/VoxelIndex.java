package org.organ3d.segment;

import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;

/**
 * One voxel of a grid by index: column i, row j, slice k (not checked against a grid here; passes
 * check seeds with {@link #requireInside}).
 */
public record VoxelIndex(int i, int j, int k) {

    /**
     * The voxel whose centre is nearest to an LPS position (mm): {@link Geometry#patientToIndex},
     * each index rounded half up.
     *
     * @throws SeedOutsideVolumeException if that voxel is not in {@code dims}
     */
    public static VoxelIndex ofPatient(Geometry geometry, Dimensions dims, Vector3dc lps) {
        Vector3d f = geometry.patientToIndex(lps);
        double ri = Math.floor(f.x + 0.5);
        double rj = Math.floor(f.y + 0.5);
        double rk = Math.floor(f.z + 0.5);
        if (!(ri >= 0 && rj >= 0 && rk >= 0 && ri < dims.nx() && rj < dims.ny() && rk < dims.nz())) {
            throw new SeedOutsideVolumeException(String.format(java.util.Locale.ROOT,
                    "seed at LPS (%.2f, %.2f, %.2f) mm falls on voxel index (%.1f, %.1f, %.1f), outside the %s volume",
                    lps.x(), lps.y(), lps.z(), f.x, f.y, f.z, dims));
        }
        return new VoxelIndex((int) ri, (int) rj, (int) rk);
    }

    /** This index, after checking that it lies in {@code dims}. */
    public VoxelIndex requireInside(Dimensions dims) {
        if (!dims.contains(i, j, k)) {
            throw new SeedOutsideVolumeException("seed voxel (" + i + ", " + j + ", " + k + ") is outside the "
                    + dims + " volume");
        }
        return this;
    }

    /** Linear index {@code i + nx*(j + ny*k)} in a grid of these dimensions. */
    public long linear(Dimensions dims) {
        return i + (long) dims.nx() * (j + (long) dims.ny() * k);
    }
}
