package org.organ3d.opencl;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jocl.CLException;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.MaskMoments;
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
 * The OpenCL compute backend (name {@code opencl}), registered through {@link java.util.ServiceLoader}.
 *
 * <p>Device: chosen once by {@link OpenClPlatforms#select(String)} (GPU preferred,
 * {@code -Dorgan3d.opencl.device=<index|name>} to pick). One context and queue per backend instance,
 * created on first use; passes are serialised on it ({@code synchronized}), so the backend is
 * thread-safe but runs one pass at a time.
 *
 * <p>Failures: every {@link CLException} is turned into a typed {@link OpenClException} at this
 * boundary (build failures into {@link KernelBuildException} with the log). Called directly (an
 * explicit {@code --backend opencl}), the exception propagates: the caller sees the reason. Chosen by
 * {@code auto}, {@link org.organ3d.compute.ComputeBackends} wraps the backend so that such a failure
 * logs one warning and runs the Java backend instead. After a failure the context is dropped and
 * rebuilt on the next call (a lost device may come back; an allocation failure may not recur for a
 * smaller study).
 *
 * <p>{@code auto} priority: 100 on a GPU or accelerator, where the device passes with the staged,
 * stored-sample host path are expected to beat the multi-threaded Java passes (kernels were 14 of the
 * 231 ms on an H200 before the host path was rebuilt; see {@code docs/opencl.md});
 * {@code -Dorgan3d.opencl.autoOnGpu=false} sets it to -1. On a CPU device (PoCL) -1, i.e. below the
 * Java backend, because on the CPU the multi-threaded Java passes were measured faster;
 * {@code -Dorgan3d.opencl.autoOnCpu=true} raises it to 100 anyway.
 */
public final class OpenClBackend implements ComputeBackend {

    /** The backend's name. */
    public static final String NAME = "opencl";
    /** Lets {@code auto} pick OpenCL on a CPU-only device too. */
    public static final String AUTO_ON_CPU_PROPERTY = "organ3d.opencl.autoOnCpu";
    /** {@code false} keeps {@code auto} on the Java backend even with a GPU (default {@code true}). */
    public static final String AUTO_ON_GPU_PROPERTY = "organ3d.opencl.autoOnGpu";

    private final String deviceSpec;
    private OpenClDevice device;
    private String unavailable;
    private boolean probed;
    private OpenClContext ctx;
    private FlyingEdgesCl flyingEdges;

    /** A backend on the device {@code organ3d.opencl.device} names, or the preferred one. */
    public OpenClBackend() {
        this(null);
    }

    /** A backend on the device {@code spec} names (an index or name substring; null for the default). */
    public OpenClBackend(String spec) {
        this.deviceSpec = spec;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized Optional<String> unavailableReason() {
        if (!probed) {
            probed = true;
            try {
                device = OpenClPlatforms.select(deviceSpec);
            } catch (OpenClException e) {
                unavailable = e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                unavailable = "OpenCL discovery failed: " + e;
            }
        }
        return Optional.ofNullable(unavailable);
    }

    /** The device this backend runs on. */
    public synchronized OpenClDevice device() {
        requireDevice();
        return device;
    }

    @Override
    public synchronized int autoPriority() {
        if (unavailableReason().isPresent()) {
            return Integer.MIN_VALUE;
        }
        boolean wanted = device.isCpu() ? Boolean.getBoolean(AUTO_ON_CPU_PROPERTY)
                : !"false".equalsIgnoreCase(System.getProperty(AUTO_ON_GPU_PROPERTY));
        return wanted ? 100 : -1;
    }

    @Override
    public synchronized Mesh isosurface(Volume volume, IsoSurfaceOptions options) {
        return run("extracting an isosurface", c -> flyingEdges().extract(volume, options));
    }

    @Override
    public synchronized byte[][] threshold(Volume volume, ThresholdRange range) {
        return run("thresholding", c -> new SegmentationCl(c).threshold(volume, range));
    }

    @Override
    public synchronized Components connectedComponents(byte[][] mask, Dimensions dims, Geometry geometry,
                                                       Connectivity connectivity) {
        return run("labelling connected components", c -> new SegmentationCl(c).components(mask, dims, geometry, connectivity));
    }

    @Override
    public synchronized byte[][] withinMm(byte[][] source, Dimensions dims, double[] spacing, double rMm) {
        return run("computing a distance margin", c -> new SegmentationCl(c).withinMm(source, dims, spacing, rMm));
    }

    @Override
    public synchronized float[][] squaredDistanceMm(byte[][] source, Dimensions dims, double[] spacing, double maxMm) {
        return run("computing a distance transform", c -> new SegmentationCl(c).squaredMm(source, dims, spacing, maxMm));
    }

    @Override
    public synchronized MaskMoments maskMoments(byte[][] mask, Dimensions dims, Volume image) {
        return run("reducing a mask", c -> new ReductionCl(c).maskMoments(mask, dims, image));
    }

    @Override
    public synchronized MeshProperties meshProperties(Mesh mesh) {
        return run("measuring a mesh", c -> new ReductionCl(c).meshProperties(mesh));
    }

    @Override
    public synchronized List<MeshProperties> meshProperties(List<Mesh> meshes) {
        return run("measuring meshes", c -> new ReductionCl(c).meshProperties(meshes));
    }

    @Override
    public synchronized LabelStatistics labelStatistics(LabelMap map, Volume image, LabelStatistics.Options options) {
        return run("measuring labels", c -> new LabelStatisticsCl(c).statistics(map, image, options));
    }

    /**
     * Without a leak guard: the threshold and the components on the device, the region = the
     * components holding a seed ({@link RegionGrowing#fromComponents}, the flood's answer voxel for
     * voxel). With a leak guard the breadth-first flood decides where to stop: Java.
     */
    @Override
    public synchronized RegionGrowing.Result connectedThreshold(Volume volume, List<VoxelIndex> seeds, ThresholdRange range,
            Connectivity connectivity, double maxVolumeMm3) {
        if (!Double.isInfinite(maxVolumeMm3)) {
            return ComputeBackend.super.connectedThreshold(volume, seeds, range, connectivity, maxVolumeMm3);
        }
        for (VoxelIndex s : seeds) {
            s.requireInside(volume.dimensions());
        }
        return run("growing a region", c -> {
            SegmentationCl seg = new SegmentationCl(c);
            byte[][] mask = seg.threshold(volume, range);
            Components comp = seg.components(mask, volume.dimensions(), volume.geometry(), connectivity);
            return RegionGrowing.fromComponents(volume, seeds, range, comp);
        });
    }

    @Override
    public synchronized float[][] gaussian(float[][] image, Dimensions dims, double[] spacing, double sigmaMm, int[] step) {
        return run("smoothing a scale of the screening scale space", c -> new ScreeningCl(c).gaussian(image, dims, spacing, sigmaMm, step));
    }

    @Override
    public synchronized float[][] hessianBlobness(float[][] smoothed, Dimensions dims, double[] spacing, double sigmaMm, byte[][] mask,
            int selectivity) {
        return run("computing the Hessian blob response",
                c -> new ScreeningCl(c).hessianBlobness(smoothed, dims, spacing, sigmaMm, mask, selectivity));
    }

    /** Bricks used by the last isosurface extraction (tests and benchmarks). */
    public synchronized int lastBrickCount() {
        return flyingEdges == null ? 0 : flyingEdges.lastBrickCount();
    }

    /** Device time booked since the last {@link #resetTimings()} (upload, kernels, download). */
    public synchronized DeviceTimings timings() {
        return ctx == null ? new DeviceTimings(0, 0, 0) : ctx.timings();
    }

    /**
     * Host wall time per phase of the passes since the last {@link #resetTimings()} (nanoseconds, e.g.
     * {@code fe.upload}, {@code fe.count}, {@code fe.generate+read}, {@code fe.stitch}); for finding host
     * overhead next to {@link #timings()}.
     */
    public synchronized java.util.Map<String, Long> hostPhases() {
        return ctx == null ? java.util.Map.of() : ctx.phases();
    }

    /** Clears the booked device times. */
    public synchronized void resetTimings() {
        if (ctx != null) {
            ctx.resetTimings();
        }
    }

    /**
     * Compiles every kernel family on this backend's device (tests: every {@code .cl} file must build).
     *
     * @throws KernelBuildException for the first source that does not build
     */
    public synchronized void buildAll() {
        run("building kernels", c -> {
            for (String s : ProgramCache.SOURCES) {
                c.programs().program(s);
            }
            return null;
        });
    }

    /** Runs a pass on the context, turning every OpenCL failure into a typed exception. */
    synchronized <T> T run(String doing, Function<OpenClContext, T> pass) {
        try {
            return pass.apply(context());
        } catch (CLException e) {
            dropContext();
            throw OpenClContext.failure(doing, e);
        } catch (OpenClException e) {
            dropContext();
            throw e;
        }
    }

    OpenClContext context() {
        requireDevice();
        if (ctx == null) {
            ctx = new OpenClContext(device);
        }
        return ctx;
    }

    private FlyingEdgesCl flyingEdges() {
        OpenClContext c = context();
        if (flyingEdges == null) {
            flyingEdges = new FlyingEdgesCl(c);
        }
        return flyingEdges;
    }

    private void requireDevice() {
        unavailableReason().ifPresent(why -> {
            throw new OpenClUnavailableException(why);
        });
    }

    private void dropContext() {
        if (ctx != null) {
            ctx.close();
        }
        ctx = null;
        flyingEdges = null;
    }

    @Override
    public synchronized void close() {
        dropContext();
    }
}
