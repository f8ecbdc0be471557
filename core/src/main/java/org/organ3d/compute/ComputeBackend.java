package org.organ3d.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.mesh.SurfaceNets;
import org.organ3d.filter.FilterPasses;
import org.organ3d.segment.SegmentationPasses;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
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
 * backend accelerates the passes it overrides and inherits the others; the segmentation passes
 * (threshold, components, distances, region growing) come from {@link SegmentationPasses}, the
 * screening filters (Gaussian scale space, Hessian blob response) from {@link FilterPasses}. New passes
 * are added as default methods running the Java code (nothing else to change for existing backends);
 * {@link FallbackBackend} then gets one override that routes the pass through its fallback rule. A backend signals that it
 * cannot run a pass here (no device, allocation failure, lost device ...) by throwing
 * {@link BackendUnavailableException}; {@link ComputeBackends#select(String) auto} selection wraps
 * non-Java backends so that such a failure falls back to the Java backend with one warning.
 */
public interface ComputeBackend extends SegmentationPasses, FilterPasses, AutoCloseable {

    /** Stable lower-case name: {@code java}, {@code opencl}, ... */
    @Override
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

    /**
     * {@link #meshProperties(Mesh)} of many meshes in one pass (e.g. every label's surface), in list
     * order. Java: one {@link MeshProperties#of} per mesh; a device backend uploads them together and
     * reduces per mesh without a launch per mesh. Agreement with Java: 1e-9 relative in volume, area
     * and centroid for closed surfaces of at least a few triangles (summation order differs).
     */
    default List<MeshProperties> meshProperties(List<Mesh> meshes) {
        List<MeshProperties> out = new ArrayList<>(meshes.size());
        for (Mesh m : meshes) {
            out.add(MeshProperties.of(m));
        }
        return out;
    }

    /**
     * The multi-label pass: for every label of {@code map} at once (or those of
     * {@code options.labels()}), voxel count, exact index moments (centroid, second moments), bounding
     * box and boundary faces, each label's rows, and with {@code image} (same grid; null for none)
     * intensity count, mean, standard deviation, minimum, maximum and exact percentiles. One sweep over
     * the voxels, whatever the number of labels (thousands included), plus one histogram sweep per
     * refinement round of the percentiles ({@link OrderStatistics}). Java: {@link LabelRunScan}.
     * Every backend's answer is identical (counts, boxes, rows, percentiles exactly; means and standard
     * deviations bit for bit on devices with double precision), because backends only produce the
     * {@link LabelRuns} and histogram counts and share the merge.
     *
     * @throws IllegalArgumentException if the image's dimensions differ from the label map's
     */
    default LabelStatistics labelStatistics(LabelMap map, Volume image, LabelStatistics.Options options) {
        return LabelRunScan.statistics(map, image, options);
    }

    /**
     * The surfaces of a label map's labels ({@code labels} null or empty: every label present) in
     * one pass: surface nets, touching labels sharing their interface exactly, meshes in LPS mm, by
     * label. Java: {@link SurfaceNets#extract(LabelMap, Set)}.
     */
    default Map<Integer, Mesh> labelSurfaces(LabelMap map, Set<Integer> labels) {
        return SurfaceNets.extract(map, labels);
    }

    /** Releases what the backend holds (device contexts, buffers). The Java backend holds nothing. */
    @Override
    default void close() {
    }
}
