package org.organ3d.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.organ3d.compute.BackendUnavailableException;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.compute.FallbackBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.Report;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SurfaceExtraction;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.parallel.Parallelism;
import org.organ3d.segment.SegmentationPlan;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * organ3d's main job as one object: read → segment → surfaces → measure → export, with one compute
 * backend, one thread pool and one set of read options for every step. The command line, the demo
 * and the viewer run their steps through it; an embedder can too:
 *
 * <pre>{@code
 * try (Pipeline p = Pipeline.builder().backend("auto").build()) {
 *     Volume ct = p.readImage(Path.of("ct/")).volume();
 *     LabelMap bone = p.segment(ct, SegmentationPlan.builder().range(HuPresets.BONE.range()).largest(true).build()).labels();
 *     Surfaces s = p.labelSurfaces(bone, Set.of(), PostProcessing.NONE);
 *     List<LabelMeasurement> m = p.measure(bone, MeasureOptions.defaults().withImage(ct));
 *     p.writeMeshes(Path.of("bone.glb"), p.named(s, bone), ExportOptions.in(CoordinateSystem.RAS));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> With {@link Builder#pool} every step runs on that fork-join pool only
 * ({@link Parallelism}); without it, on the pool of the calling thread (normally the common pool).
 * One pipeline may be used from several threads at once (each call is independent) when its
 * backend is thread-safe, as organ3d's are.
 *
 * <p><b>Ownership.</b> A backend chosen by name is made by the pipeline and released by
 * {@link #close()}; a backend instance passed in stays the caller's.
 */
public final class Pipeline implements AutoCloseable {

    private final ComputeBackend backend;
    private final boolean ownsBackend;
    private final ForkJoinPool pool;
    private final ReadOptions readOptions;

    private Pipeline(Builder b) {
        this.backend = b.backend != null ? b.backend : ComputeBackends.select(b.backendName);
        this.ownsBackend = b.backend == null;
        this.pool = b.pool;
        this.readOptions = b.readOptions;
    }

    /** A pipeline on the Java backend, the caller's threads and lenient reading. */
    public static Pipeline defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The backend every heavy step runs on (for {@code auto}: the one selected, with Java fallback). */
    public ComputeBackend backend() {
        return backend;
    }

    /** The options every read uses. */
    public ReadOptions readOptions() {
        return readOptions;
    }

    /** The pool every step runs on, if one was given. */
    public Optional<ForkJoinPool> pool() {
        return Optional.ofNullable(pool);
    }

    /**
     * Reads any input (DICOM folder or file, NIfTI, NRRD, MetaImage) with {@link #readOptions()}.
     *
     * @throws org.organ3d.io.StrictReadException if the read options refuse an irregularity
     */
    public LoadedImage read(Path input) throws IOException {
        Objects.requireNonNull(input, "input");
        return inPool(() -> ImageFormats.read(input, readOptions));
    }

    /**
     * Reads an input that must be an image (a CT or MR), not a label map: a file that names labels
     * is refused, one that looks like a label map gets a {@code LOOKS_LIKE_LABELS} warning
     * ({@link ImageRoles#expectImage}).
     */
    public LoadedImage readImage(Path input) throws IOException {
        LoadedImage img = read(input);
        return ImageRoles.expectImage(img, "this step");
    }

    /**
     * Reads a label map (integer voxels 0..65535, names and colours when the file has them).
     *
     * @throws org.organ3d.io.ImageFormatException if the voxels are not whole numbers in 0..65535
     */
    public LabelMap readLabels(Path input) throws IOException {
        return read(input).asLabelMap();
    }

    /**
     * Runs the steps of {@code plan} on {@code image} (threshold, growing, components, morphology), the
     * heavy passes on the pipeline's backend (the same label map on every backend).
     */
    public SegmentationPlan.Result segment(Volume image, SegmentationPlan plan) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(plan, "plan");
        return inPool(() -> plan.run(image, backend));
    }

    /**
     * The isosurface of {@code image} on the backend, then {@code post} (largest body, smoothing,
     * decimation) and measured. With {@code auto}, a device failure reruns the extraction in Java
     * (the result names the backend that ran).
     */
    public Surfaces isosurface(Volume image, IsoSurfaceOptions options, SurfaceExtraction.PostProcessing post) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(post, "post");
        return inPool(() -> {
            ComputeBackend primary = backend instanceof FallbackBackend f ? f.primary() : backend;
            String[] ran = {primary.name()};
            SurfaceExtraction.Result r = SurfaceExtraction.isosurface(image, options, (v, o) -> {
                if (!JavaBackend.NAME.equals(ran[0])) {
                    try {
                        return primary.isosurface(v, o);
                    } catch (BackendUnavailableException e) {
                        if (!(backend instanceof FallbackBackend)) {
                            throw e;
                        }
                        ran[0] = JavaBackend.NAME;
                    }
                }
                return new JavaBackend().isosurface(v, o);
            }, post, 0);
            return new Surfaces(r.surfaces(), ran[0], r.seconds());
        });
    }

    /**
     * One closed surface per label (surface nets; touching labels share their interface), then
     * {@code post} and measured.
     *
     * @param wanted the labels to extract; empty for every label present
     */
    public Surfaces labelSurfaces(LabelMap labels, Set<Integer> wanted, SurfaceExtraction.PostProcessing post) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(post, "post");
        return inPool(() -> {
            SurfaceExtraction.Result r = SurfaceExtraction.labelSurfaces(labels, wanted.isEmpty() ? null : wanted, post, 0);
            return new Surfaces(r.surfaces(), JavaBackend.NAME, r.seconds());
        });
    }

    /**
     * Every measurement of docs/measurements.md for the labels of {@code labels}, the label statistics
     * on the pipeline's backend (the surfaces on the one {@code options} names).
     *
     * @throws IllegalArgumentException if the image is on another grid than the label map
     */
    public List<LabelMeasurement> measure(LabelMap labels, MeasureOptions options) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(options, "options");
        return inPool(() -> LabelMeasurements.measure(labels, options.labels().isEmpty() ? null : options.labels(),
                options.image().orElse(null), options.surfaces().orElse(null), backend));
    }

    /**
     * The surfaces named and coloured from the label map ({@code label N} and a grey for labels it
     * does not name; the isosurface as label 0).
     */
    public List<NamedMesh> named(Surfaces surfaces, LabelMap labels) {
        List<NamedMesh> out = new ArrayList<>();
        for (SurfaceExtraction.Surface s : surfaces.surfaces()) {
            Mesh m = s.mesh();
            if (s.label() == null) {
                out.add(new NamedMesh(0, "isosurface", 0xE8E0D0FF, m));
            } else {
                out.add(labels.info(s.label()).map(li -> NamedMesh.of(li, m))
                        .orElseGet(() -> new NamedMesh(s.label(), "label " + s.label(), 0xCCCCCCFF, m)));
            }
        }
        return out;
    }

    /** Writes meshes in the format of {@code out}'s extension (STL: one file per label), atomically. */
    public List<Path> writeMeshes(Path out, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        return inPool(() -> MeshWriters.write(out, meshes, options));
    }

    /** Writes the label map (names and colours kept where the format holds them), atomically. */
    public void writeLabels(Path out, LabelMap labels) throws IOException {
        Objects.requireNonNull(labels, "labels");
        inPool(() -> {
            ImageFormats.write(out, labels.labels(), labels.info());
            return null;
        });
    }

    /** Writes a report as JSON ({@code .json}) or CSV (any other name), atomically. */
    public void writeReport(Path out, Report report) throws IOException {
        Objects.requireNonNull(out, "out");
        if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            report.writeJson(out);
        } else {
            report.writeCsv(out);
        }
    }

    /** Releases the backend when the pipeline made it. */
    @Override
    public void close() {
        if (ownsBackend) {
            backend.close();
        }
    }

    private <T, E extends Exception> T inPool(Parallelism.Work<T, E> work) throws E {
        return pool == null ? work.run() : Parallelism.call(pool, work);
    }

    /** Makes a {@link Pipeline}. Not thread-safe. */
    public static final class Builder {
        private String backendName = JavaBackend.NAME;
        private ComputeBackend backend;
        private ForkJoinPool pool;
        private ReadOptions readOptions = ReadOptions.defaults();

        private Builder() {
        }

        /**
         * The backend by name: {@code java} (default), {@code opencl}, or {@code auto} (the best
         * available, falling back to Java when a device fails). The pipeline owns it.
         */
        public Builder backend(String name) {
            this.backendName = Objects.requireNonNull(name, "name");
            this.backend = null;
            return this;
        }

        /** A backend the caller made and keeps (not closed by the pipeline). */
        public Builder backend(ComputeBackend instance) {
            this.backend = Objects.requireNonNull(instance, "instance");
            return this;
        }

        /** Runs every step on {@code forkJoinPool} (e.g. a pool of 4 threads on a shared server). */
        public Builder pool(ForkJoinPool forkJoinPool) {
            this.pool = Objects.requireNonNull(forkJoinPool, "forkJoinPool");
            return this;
        }

        /** Reads with these options (strict reading, series choice ...). */
        public Builder readOptions(ReadOptions options) {
            this.readOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The pipeline.
         *
         * @throws BackendUnavailableException if a backend named explicitly is missing or cannot run
         *                                     here
         */
        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
