package org.organ3d.compute;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Function;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * What {@code auto} selection returns for a non-Java backend: every pass runs on the primary
 * backend, and when it throws {@link BackendUnavailableException} (no device, kernel build failure,
 * out of device memory, lost device ...) the same pass runs on the Java backend, with one warning
 * line (logger {@code org.organ3d.compute}) naming the backend, the pass and the reason. The answer
 * is the Java answer, so a study never fails because of the device. Other exceptions (bad input)
 * propagate unchanged. Thread-safe when the primary is.
 */
public final class FallbackBackend implements ComputeBackend {

    private static final System.Logger LOG = System.getLogger("org.organ3d.compute");

    private final ComputeBackend primary;
    private final ComputeBackend fallback;

    /** Runs {@code primary}, falling back to {@code fallback} (normally the Java backend). */
    public FallbackBackend(ComputeBackend primary, ComputeBackend fallback) {
        this.primary = primary;
        this.fallback = fallback;
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

    private <T> T attempt(String pass, Function<ComputeBackend, T> run) {
        try {
            return run.apply(primary);
        } catch (BackendUnavailableException e) {
            LOG.log(Level.WARNING, "compute backend " + primary.name() + " failed in " + pass + " (" + e.getMessage()
                    + "); using the " + fallback.name() + " backend instead");
            return run.apply(fallback);
        }
    }

    @Override
    public void close() {
        primary.close();
        fallback.close();
    }
}
