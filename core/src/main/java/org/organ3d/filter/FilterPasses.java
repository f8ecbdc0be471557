package org.organ3d.filter;

import org.organ3d.segment.SegmentationPasses;
import org.organ3d.volume.Dimensions;

/**
 * The heavy image-filtering passes, as a compute backend provides them: the Gaussian scale space
 * and the Hessian blob response of lesion screening (and, inherited, the segmentation passes).
 * Every {@code org.organ3d.compute.ComputeBackend} is one; {@link #JAVA} runs the Java classes.
 *
 * <p>NB: this interface lives here, not in {@code compute}, so that {@code filter} does not depend
 * on {@code compute} (which depends on {@code filter} through it): no package cycle, as
 * {@link SegmentationPasses}. The screening package ({@code screen}) takes a {@code FilterPasses}.
 *
 * <p>Contract: every implementation agrees with the Java classes to 1e-4 of the values' range
 * (float sums in another order); a backend that cannot run a pass here throws
 * {@code org.organ3d.compute.BackendUnavailableException}. Thread-safe. Arrays passed in are read
 * only; arrays returned are new and owned by the caller.
 */
public interface FilterPasses extends SegmentationPasses {

    /** The Java passes, always available. */
    FilterPasses JAVA = () -> "java";

    /** The backend's name as reports give it ({@code java}, {@code opencl} ...). */
    String name();

    /**
     * Gaussian smoothing of float slices in mm, sampled every {@code step} voxels. Java:
     * {@link GaussianFilter#smooth}.
     */
    default float[][] gaussian(float[][] image, Dimensions dims, double[] spacing, double sigmaMm, int[] step) {
        return GaussianFilter.smooth(image, dims, spacing, sigmaMm, step);
    }

    /**
     * Scale-normalised Hessian blob response of smoothed float slices (+ bright blob, − dark blob,
     * 0 elsewhere; computed where {@code mask} is non-zero, everywhere when it is null), with the
     * shape selectivity exponent {@code selectivity} (0 or 1). Java: {@link HessianBlobFilter#response}.
     */
    default float[][] hessianBlobness(float[][] smoothed, Dimensions dims, double[] spacing, double sigmaMm, byte[][] mask,
            int selectivity) {
        return HessianBlobFilter.response(smoothed, dims, spacing, sigmaMm, mask, selectivity);
    }
}
