package org.organ3d.segment;

import java.util.List;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * The heavy passes of segmentation, as a compute backend provides them. Every
 * {@code org.organ3d.compute.ComputeBackend} is one (the OpenCL backend overrides the passes it runs
 * on the device); {@link #JAVA} runs the Java classes of this package. {@link SegmentationPlan},
 * {@link Morphology} and {@link HoleFilling} take one, so that a caller who chose a backend gets its
 * passes everywhere.
 *
 * <p>NB: this interface lives here, not in {@code compute}, so that {@code segment} does not depend
 * on {@code compute} (which depends on {@code segment}): no package cycle.
 *
 * <p>Contract: every implementation returns exactly the Java answer (same masks, same component
 * numbering, same distances); a backend that cannot run a pass here throws
 * {@code org.organ3d.compute.BackendUnavailableException}. Implementations are thread-safe.
 * Arrays passed in are read only; arrays returned are new and owned by the caller.
 */
public interface SegmentationPasses {

    /** The Java passes (the classes of this package), always available. */
    SegmentationPasses JAVA = new SegmentationPasses() {
        @Override
        public String toString() {
            return "java";
        }
    };

    /**
     * Threshold: 0/1 slices, 1 where {@code lower <= value <= upper} (rescaled float values compared
     * with the double bounds). Java: {@link Threshold#mask}.
     */
    default byte[][] threshold(Volume volume, ThresholdRange range) {
        return Threshold.mask(volume, range);
    }

    /**
     * Connected components of a 0/1 mask, numbered by decreasing size (ties: lowest linear index of
     * the first voxel). Java: {@link ConnectedComponents#label(byte[][], Dimensions, Geometry, Connectivity)}.
     */
    default Components connectedComponents(byte[][] mask, Dimensions dims, Geometry geometry, Connectivity connectivity) {
        return ConnectedComponents.label(mask, dims, geometry, connectivity);
    }

    /**
     * Voxels within {@code rMm} of a source voxel (exact EDT in mm, the margin/dilation primitive).
     * Java: {@link DistanceTransform#withinMm}.
     */
    default byte[][] withinMm(byte[][] source, Dimensions dims, double[] spacing, double rMm) {
        return DistanceTransform.withinMm(source, dims, spacing, rMm);
    }

    /**
     * Squared distance (mm²) to the nearest source voxel, +Inf beyond {@code maxMm}. Java:
     * {@link DistanceTransform#squaredMm}.
     */
    default float[][] squaredDistanceMm(byte[][] source, Dimensions dims, double[] spacing, double maxMm) {
        return DistanceTransform.squaredMm(source, dims, spacing, maxMm);
    }

    /**
     * Connected-threshold region growing from {@code seeds} with a leak guard of
     * {@code maxVolumeMm3} ({@link RegionGrowing#NO_LIMIT} for none), region labelled 1. Java:
     * {@link RegionGrowing#connectedThreshold}. Without a leak guard the region is exactly the union
     * of the components of the threshold mask that hold an in-range seed
     * ({@link RegionGrowing#fromComponents}), which is how a device backend may compute it.
     */
    default RegionGrowing.Result connectedThreshold(Volume volume, List<VoxelIndex> seeds, ThresholdRange range,
            Connectivity connectivity, double maxVolumeMm3) {
        return RegionGrowing.connectedThreshold(volume, seeds, range, connectivity, maxVolumeMm3, 1);
    }
}
