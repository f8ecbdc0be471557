package org.organ3d.compute;

import java.util.Optional;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.segment.Components;
import org.organ3d.segment.ConnectedComponents;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.DistanceTransform;
import org.organ3d.segment.Threshold;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * A provider of the heavy passes (surface extraction, segmentation passes, reductions). The
 * pure-Java backend ({@link JavaBackend}, name {@code java}) lives in core and is always available;
 * others (the OpenCL backend, name {@code opencl}, in module gpu-kernels) are found with
 * {@link java.util.ServiceLoader} and chosen through {@link ComputeBackends#select(String)}.
 *
 * <p>Every backend runs the same named passes and must give the same answer as the Java backend
 * (same triangle counts, vertex positions to 1e-4 mm). Implementations are thread-safe for
 * concurrent calls unless they say otherwise; {@link #close()} releases device resources.
 *
 * <p>Passes other than {@link #isosurface} have default methods that run the core Java classes, so a
 * backend accelerates the passes it overrides and inherits the others. A backend signals that it
 * cannot run a pass here (no device, allocation failure, lost device ...) by throwing
 * {@link BackendUnavailableException}; {@link ComputeBackends#select(String) auto} selection wraps
 * non-Java backends so that such a failure falls back to the Java backend with one warning.
 */
public interface ComputeBackend extends AutoCloseable {

    /** Stable lower-case name: {@code java}, {@code opencl}, ... */
    String name();

    /** Why this backend cannot run here, or empty when it can. May probe the device on first call. */
    Optional<String> unavailableReason();

    /** True when {@link #unavailableReason()} is empty. */
    default boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /**
     * Preference of {@code auto} selection among available backends; the highest wins. The Java
     * backend is 0.
     */
    int autoPriority();

    /**
     * Isosurface of a volume at {@code options.iso()} (inside means {@code value >= iso}): a
     * watertight indexed mesh in LPS mm, outward winding.
     */
    Mesh isosurface(Volume volume, IsoSurfaceOptions options);

    /**
     * Threshold: 0/1 slices, 1 where {@code lower <= value <= upper} (rescaled float values compared
     * with the double bounds). New arrays, owned by the caller. Java: {@link Threshold#mask}.
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
     * Voxel count, index sums, bounding box and intensity sums over the non-zero voxels of
     * {@code mask} (slices of {@code dims}); {@code image} (same dimensions) or null for no
     * intensities. Java: {@link MaskReduction}.
     */
    default MaskMoments maskMoments(byte[][] mask, Dimensions dims, Volume image) {
        return MaskReduction.of(mask, dims, image);
    }

    /**
     * Enclosed volume (mm³), area (mm²) and centroid of a mesh. Java: {@link MeshProperties#of}.
     * Other backends agree to 1e-6 relative (summation order differs).
     */
    default MeshProperties meshProperties(Mesh mesh) {
        return MeshProperties.of(mesh);
    }

    /** Releases what the backend holds (device contexts, buffers). The Java backend holds nothing. */
    @Override
    default void close() {
    }
}
