package org.organ3d.compute;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * What {@code auto} selection returns for a non-Java backend: every pass runs on the primary
 * backend, and when it throws {@link BackendUnavailableException} (no device, kernel build failure,
 * out of device memory, lost device ...) the same pass runs on the Java backend, with one warning
 * line naming the backend, the pass and the reason (to the notice sink given, else the logger
 * {@code org.organ3d.compute}). The answer is the Java answer, so a study never fails because of the
 * device. Other exceptions (bad input) propagate unchanged. {@link #fallbacks()} lists the passes
 * that ran on the fallback, so a report can name the backend that actually ran. Thread-safe when the
 * primary is.
 */
public final class FallbackBackend implements ComputeBackend {

    private static final System.Logger LOG = System.getLogger("org.organ3d.compute");

    private final ComputeBackend primary;
    private final ComputeBackend fallback;
    private final Consumer<String> notices;
    private final List<String> fellBack = new ArrayList<>();

    /** Runs {@code primary}, falling back to {@code fallback} (normally the Java backend). */
    public FallbackBackend(ComputeBackend primary, ComputeBackend fallback) {
        this(primary, fallback, null);
    }

    /**
     * As {@link #FallbackBackend(ComputeBackend, ComputeBackend)}, the one-line warnings going to
     * {@code notices} (null: the logger {@code org.organ3d.compute}).
     */
    public FallbackBackend(ComputeBackend primary, ComputeBackend fallback, Consumer<String> notices) {
        this.primary = primary;
        this.fallback = fallback;
        this.notices = notices;
    }

    /** The passes (method names) that failed on the primary and ran on the fallback, in order. */
    public synchronized List<String> fallbacks() {
        return List.copyOf(fellBack);
    }

    /**
     * The backend that ran every pass so far: the primary's name, or the fallback's when any pass
     * fell back (a report then names the fallback and can list {@link #fallbacks()}).
     */
    public synchronized String ranOn() {
        return fellBack.isEmpty() ? primary.name() : fallback.name();
    }

    /** The backend tried first. */
    public ComputeBackend primary() {
        return primary;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public int autoPriority() {
        return primary.autoPriority();
    }

    @Override
    public Mesh isosurface(Volume volume, IsoSurfaceOptions options) {
        return attempt("isosurface", b -> b.isosurface(volume, options));
    }

    @Override
    public byte[][] threshold(Volume volume, ThresholdRange range) {
        return attempt("threshold", b -> b.threshold(volume, range));
    }

    @Override
    public Components connectedComponents(byte[][] mask, Dimensions dims, Geometry geometry, Connectivity connectivity) {
        return attempt("connectedComponents", b -> b.connectedComponents(mask, dims, geometry, connectivity));
    }

    @Override
    public byte[][] withinMm(byte[][] source, Dimensions dims, double[] spacing, double rMm) {
        return attempt("withinMm", b -> b.withinMm(source, dims, spacing, rMm));
    }

    @Override
    public float[][] squaredDistanceMm(byte[][] source, Dimensions dims, double[] spacing, double maxMm) {
        return attempt("squaredDistanceMm", b -> b.squaredDistanceMm(source, dims, spacing, maxMm));
    }

    @Override
    public MaskMoments maskMoments(byte[][] mask, Dimensions dims, Volume image) {
        return attempt("maskMoments", b -> b.maskMoments(mask, dims, image));
    }

    @Override
    public MeshProperties meshProperties(Mesh mesh) {
        return attempt("meshProperties", b -> b.meshProperties(mesh));
    }

    @Override
    public List<MeshProperties> meshProperties(List<Mesh> meshes) {
        return attempt("meshProperties", b -> b.meshProperties(meshes));
    }

    @Override
    public RegionGrowing.Result connectedThreshold(Volume volume, List<VoxelIndex> seeds, ThresholdRange range,
            Connectivity connectivity, double maxVolumeMm3) {
        return attempt("connectedThreshold", b -> b.connectedThreshold(volume, seeds, range, connectivity, maxVolumeMm3));
    }

    @Override
    public LabelStatistics labelStatistics(LabelMap map, Volume image, LabelStatistics.Options options) {
        return attempt("labelStatistics", b -> b.labelStatistics(map, image, options));
    }

    @Override
    public Map<Integer, Mesh> labelSurfaces(LabelMap map, Set<Integer> labels) {
        return attempt("labelSurfaces", b -> b.labelSurfaces(map, labels));
    }

    @Override
    public float[][] gaussian(float[][] image, Dimensions dims, double[] spacing, double sigmaMm, int[] step) {
        return attempt("gaussian", b -> b.gaussian(image, dims, spacing, sigmaMm, step));
    }

    @Override
    public float[][] hessianBlobness(float[][] smoothed, Dimensions dims, double[] spacing, double sigmaMm, byte[][] mask,
            int selectivity) {
        return attempt("hessianBlobness", b -> b.hessianBlobness(smoothed, dims, spacing, sigmaMm, mask, selectivity));
    }

    private <T> T attempt(String pass, Function<ComputeBackend, T> run) {
        try {
            return run.apply(primary);
        } catch (BackendUnavailableException e) {
            String msg = "compute backend " + primary.name() + " failed in " + pass + " (" + e.getMessage()
                    + "); using the " + fallback.name() + " backend instead";
            if (notices != null) {
                notices.accept(msg);
            } else {
                LOG.log(Level.WARNING, msg);
            }
            synchronized (this) {
                fellBack.add(pass);
            }
            return run.apply(fallback);
        }
    }

    @Override
    public void close() {
        primary.close();
        fallback.close();
    }
}
