package org.organ3d.compute;

import org.joml.Vector3d;
import org.organ3d.volume.Geometry;

/**
 * Reductions over the voxels of a mask: count, exact index sums (for the centroid), index bounding
 * box and, when an intensity volume was given, the sum, sum of squares, minimum and maximum of its
 * rescaled values (float32 values as {@link org.organ3d.volume.Volume#sliceValues} gives them,
 * accumulated in double: per row left to right, rows in order within a slice, slices in order, so
 * every backend gets the same bits).
 *
 * @param count      voxels in the mask
 * @param sumI       sum of the voxels' i indices (exact)
 * @param sumJ       sum of j
 * @param sumK       sum of k
 * @param iMin       bounding box, inclusive voxel indices (min > max when the mask is empty)
 * @param iMax       ...
 * @param jMin       ...
 * @param jMax       ...
 * @param kMin       ...
 * @param kMax       ...
 * @param sum        sum of intensities (0 without an intensity volume)
 * @param sumSquares sum of squared intensities
 * @param min        smallest intensity (+Inf when none)
 * @param max        largest intensity (-Inf when none)
 */
public record MaskMoments(long count, long sumI, long sumJ, long sumK, int iMin, int iMax, int jMin, int jMax, int kMin,
                          int kMax, double sum, double sumSquares, double min, double max) {

    public MaskMoments {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }

    /** Centroid of the voxel centres in LPS mm (NaN components when the mask is empty). */
    public Vector3d centroid(Geometry g) {
        if (count == 0) {
            return new Vector3d(Double.NaN);
        }
        return g.indexToPatient((double) sumI / count, (double) sumJ / count, (double) sumK / count);
    }

    /** Mean intensity (NaN when the mask is empty). */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
