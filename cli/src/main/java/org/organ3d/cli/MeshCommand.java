package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.organ3d.compute.BackendUnavailableException;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.compute.FallbackBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.io.HeapBudget;
import org.organ3d.io.LoadedImage;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.SurfaceExtraction.PostProcessing;
import org.organ3d.mesh.SurfaceExtraction.Surface;
import org.organ3d.mesh.SurfaceExtraction;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshFormat;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.pipeline.ImageRoles;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d mesh} (shared/CONTRACT.md): isosurface (flying edges, on the chosen compute
 * backend) or label surfaces (surface nets, all labels in one pass), optional largest body /
 * smoothing / decimation, written as STL/OBJ/PLY/GLB in LPS or RAS mm. The work is
 * {@link SurfaceExtraction}'s; this class parses, reports and writes.
 */
@Command(name = "mesh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Extract surfaces and write mesh files.",
            "Post-processing runs in this order: --largest, --smooth, --decimate/--max-error."})
final class MeshCommand implements Callable<Integer> {

    /**
     * Heap that writing and checking a surface side by side may take at once, per triangle, besides the
     * mesh itself (measured: ~90 bytes per triangle at the peak for a 6.2 M-triangle PLY with normals;
     * rounded up for the other formats and for margin).
     */
    private static final long SIDE_BY_SIDE_BYTES_PER_TRIANGLE = 128;

    private static final int ISO_RGBA = 0xE6D2B4FF;

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs input;


    @Option(names = "--out", required = true, paramLabel = "<file>", description = "Output .stl, .obj, .ply or .glb (STL with several labels: one file per label).")
    Path out;

    @Option(names = "--iso", paramLabel = "V", description = "Isosurface of the image at V (rescaled units, HU for CT); inside is value >= V.")
    Double iso;

    @Option(names = "--label", paramLabel = "N", description = "Surface of label N of a label map.")
    Integer label;

    @Option(names = "--labels", paramLabel = "all", description = "Every label of a label map, one mesh each (only 'all').")
    String labels;

    @Option(names = "--smooth", paramLabel = "N", defaultValue = "0", description = "Taubin smoothing iterations (non-shrinking; default ${DEFAULT-VALUE}).")
    int smooth;

    @Option(names = "--decimate", paramLabel = "F", description = "Quadric decimation keeping fraction F (0 < F <= 1) of the triangles.")
    Double decimate;

    @Option(names = "--max-error", paramLabel = "MM", description = "Quadric decimation as far as the error stays within MM.")
    Double maxError;

    @Option(names = "--largest", description = "Keep the largest body (by enclosed volume) of each surface.")
    boolean largest;

    @Option(names = "--backend", paramLabel = "auto|java|opencl", defaultValue = "auto", description = "Compute backend for --iso (default ${DEFAULT-VALUE}); label surfaces run on java.")
    String backend;

    @Option(names = "--coords", paramLabel = "LPS|RAS", defaultValue = "LPS", description = "Coordinates written (mm; default ${DEFAULT-VALUE}); recorded in the file.")
    String coords;

    @Option(names = "--cap", description = "Close isosurfaces cut by the volume border, as if padded with background (label surfaces are always closed).")
    boolean cap;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "0", description = "Run the extraction N more times and report the best and median time.")
    int repeat;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int modes = (iso != null ? 1 : 0) + (label != null ? 1 : 0) + (labels != null ? 1 : 0);
        if (modes != 1) {
            throw new UsageException("give exactly one of --iso V, --label N and --labels all");
        }
        if (labels != null && !"all".equalsIgnoreCase(labels)) {
            throw new UsageException("--labels takes only 'all' (use --label N for one label): " + labels);
        }
        if (label != null && (label < 1 || label > 65535)) {
            throw new UsageException("--label must be 1..65535: " + label);
        }
        if (iso != null && !Double.isFinite(iso)) {
            throw new UsageException("--iso must be a finite number");
        }
        if (smooth < 0 || repeat < 0) {
            throw new UsageException("--smooth and --repeat must be >= 0");
        }
        if (decimate != null && !(decimate > 0 && decimate <= 1)) {
            throw new UsageException("--decimate must be in (0, 1]: " + decimate);
        }
        if (maxError != null && !(maxError > 0)) {
            throw new UsageException("--max-error must be > 0 mm: " + maxError);
        }
        CoordinateSystem frame = switch (coords.toUpperCase(Locale.ROOT)) {
            case "LPS" -> CoordinateSystem.LPS;
            case "RAS" -> CoordinateSystem.RAS;
            default -> throw new UsageException("--coords must be LPS or RAS: " + coords);
        };
        MeshFormat format = MeshFormat.find(out)
                .orElseThrow(() -> new UsageException("unknown mesh format (use .stl, .obj, .ply or .glb): " + out));
        // NB: STL stores facet normals only (computed by its writer): no vertex normals are made for it
        boolean normals = format.storesVertexNormals();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(parent.toString(), null, "output folder does not exist");
        }
        PostProcessing post = new PostProcessing(largest, smooth, decimate == null ? 1 : decimate,
                maxError == null ? Double.POSITIVE_INFINITY : maxError);
        if (iso == null && !"auto".equalsIgnoreCase(backend.trim()) && !JavaBackend.NAME.equalsIgnoreCase(backend.trim())) {
            throw new UsageException("label surfaces (surface nets) run on the java backend only, not '" + backend + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        SurfaceExtraction.Result result;
        String ran;
        Map<Integer, LabelInfo> infos = Map.of();
        if (iso != null) {
            IsoSurfaceOptions opt = new IsoSurfaceOptions(iso, normals, cap);
            Supplier<ComputeBackend> select = () -> ComputeBackends.select(backend, msg -> {
                err.println("organ3d mesh: note: " + msg.replaceAll("\\s*\\R\\s*", " "));
                err.flush();
            });
            // NB: auto probes the devices (OpenCL's native loader and platforms, ~0.1 s) while the image is
            // read; a backend named explicitly is checked first, before anything is read
            CompletableFuture<ComputeBackend> chosen = "auto".equalsIgnoreCase(backend.trim())
                    ? CompletableFuture.supplyAsync(select) : CompletableFuture.completedFuture(select.get());
            // NB: the image is read and meshed in a method of its own, so that its voxels are garbage
            // while the surface is checked and post-processed
            String[] name = {null};
            SurfaceExtraction.Extracted raw = isosurface(opt, chosen, name, err);
            ran = name[0];
            double[] seconds = raw.seconds();
            SurfaceExtraction.Processed done = SurfaceExtraction.postProcess(null, raw.mesh(), post, normals);
            // NB: the extracted mesh is garbage once post-processing made another (normals, smoothing ...)
            raw = null;
            if (done.mesh().isEmpty()) {
                throw new IllegalStateException(input + ": no surface: no voxel crosses iso " + iso);
            }
            // NB: the file is written while the surface is checked and measured (both only read the
            // mesh): on two cores that hides the shorter of the two. Side by side they need more heap at
            // once (a 512x512x1000 CT's 6.2 M triangles: ~560 MB besides the mesh), so in a heap that
            // cannot hold that they run one after the other
            List<NamedMesh> meshes = List.of(new NamedMesh(0, "isosurface " + iso, ISO_RGBA, done.mesh()));
            boolean sideBySide = HeapBudget.shortfall(SIDE_BY_SIDE_BYTES_PER_TRIANGLE * done.mesh().triangleCount(),
                    "checking while writing") == null;
            List<Path> written;
            Surface checked;
            if (sideBySide) {
                ForkJoinTask<Surface> checks = ForkJoinPool.commonPool().submit(
                        () -> SurfaceExtraction.describe(done.label(), done.mesh(), done.volumeChangeBySmoothing()));
                written = MeshWriters.write(out, meshes, ExportOptions.in(frame));
                checked = checks.join();
            } else {
                written = MeshWriters.write(out, meshes, ExportOptions.in(frame));
                checked = SurfaceExtraction.describe(done.label(), done.mesh(), done.volumeChangeBySmoothing());
            }
            result = new SurfaceExtraction.Result(List.of(checked), seconds[0], seconds);
            report(result, ran, written, frame);
            return ExitCodes.OK;
        } else {
            if (cap) {
                err.println("organ3d mesh: note: label surfaces are always closed at the border; --cap has no effect");
            }
            LabelMap lm = read(err, false).asLabelMap();
            infos = lm.info();
            Set<Integer> wanted = label != null ? Set.of(label) : null;
            result = SurfaceExtraction.labelSurfaces(lm, wanted, post, repeat, normals);
            ran = JavaBackend.NAME;
            if (label != null && result.surfaces().isEmpty()) {
                throw new IllegalArgumentException(input + ": label " + label + " has no voxels");
            }
        }
        if (result.surfaces().isEmpty() || result.surfaces().stream().allMatch(s -> s.mesh().isEmpty())) {
            throw new IllegalStateException(input + ": no surface: "
                    + (iso != null ? "no voxel crosses iso " + iso : "the label map has no labels"));
        }

        List<NamedMesh> named = new ArrayList<>();
        for (Surface s : result.surfaces()) {
            if (s.label() == null) {
                named.add(new NamedMesh(0, "isosurface " + iso, ISO_RGBA, s.mesh()));
            } else {
                LabelInfo li = infos.get(s.label());
                named.add(li != null ? NamedMesh.of(li, s.mesh()) : new NamedMesh(s.label(), "", defaultColour(s.label()), s.mesh()));
            }
        }
        List<Path> written = MeshWriters.write(out, named, ExportOptions.in(frame));
        report(result, ran, written, frame);
        return ExitCodes.OK;
    }

    /** The input, its warnings printed; an image for {@code --iso} (a file naming labels is refused). */
    private LoadedImage read(PrintWriter err, boolean forIso) throws IOException {
        LoadedImage img = forIso ? ImageRoles.refuseLabelMap(input.read(), "--iso (an isosurface of an image)") : input.read();
        for (String w : Inputs.messages(img)) {
            err.println("organ3d mesh: warning: " + input + ": " + w);
        }
        err.flush();
        return img;
    }

    /** Reads the input and extracts its isosurface on {@code primary} (Java when auto's device fails). */
    private SurfaceExtraction.Extracted isosurface(IsoSurfaceOptions opt, CompletableFuture<ComputeBackend> select, String[] name,
            PrintWriter err) throws IOException {
        ComputeBackend java = new JavaBackend();
        Volume volume = read(err, true).volume();
        ComputeBackend chosen;
        try {
            chosen = select.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        boolean auto = chosen instanceof FallbackBackend;
        ComputeBackend primary = chosen instanceof FallbackBackend f ? f.primary() : chosen;
        name[0] = primary.name();
        return SurfaceExtraction.extract(volume, opt, (v, o) -> {
            if (!JavaBackend.NAME.equals(name[0])) {
                try {
                    return primary.isosurface(v, o);
                } catch (BackendUnavailableException e) {
                    if (!auto) {
                        throw e;
                    }
                    // NB: auto falls back to Java and says so; the JSON names the backend that ran
                    err.println("organ3d mesh: warning: backend " + primary.name() + " failed, using java: " + e.getMessage());
                    err.flush();
                    name[0] = JavaBackend.NAME;
                }
            }
            return java.isosurface(v, o);
        }, repeat);
    }

    private void report(SurfaceExtraction.Result r, String ran, List<Path> written, CoordinateSystem frame) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = Json.object();
            ArrayNode meshes = n.putArray("meshes");
            for (Surface s : r.surfaces()) {
                ObjectNode m = meshes.addObject();
                if (s.label() == null) {
                    m.putNull("label");
                } else {
                    m.put("label", s.label());
                }
                m.put("triangles", s.mesh().triangleCount());
                m.put("vertices", s.mesh().vertexCount());
                m.put("volumeMm3", s.volumeMm3());
                m.put("areaMm2", s.areaMm2());
                m.put("watertight", s.watertight());
                m.put("components", s.components());
                m.put("capped", s.mesh().isCapped());
                if (smooth > 0) {
                    m.put("smoothingVolumeChange", s.volumeChangeBySmoothing());
                }
            }
            n.put("backend", ran);
            n.put("seconds", r.seconds());
            if (repeat > 0) {
                n.put("secondsBest", r.secondsBest());
                n.put("secondsMedian", r.secondsMedian());
                ArrayNode runs = n.putArray("secondsRuns");
                for (double x : r.repeatSeconds()) {
                    runs.add(x);
                }
            }
            ArrayNode outs = n.putArray("out");
            written.forEach(p -> outs.add(p.toString()));
            n.put("coords", frame.name());
            n.put("input", input.toString());
            Json.print(o, n);
            return;
        }
        for (Surface s : r.surfaces()) {
            o.printf(Locale.ROOT, "%s: %d triangles, %d vertices, %.1f mm³, %.1f mm², %s, %d component%s%n",
                    s.label() == null ? "isosurface" : "label " + s.label(), s.mesh().triangleCount(), s.mesh().vertexCount(),
                    s.volumeMm3(), s.areaMm2(), s.watertight() ? "watertight" : "NOT watertight", s.components(),
                    s.components() == 1 ? "" : "s");
        }
        o.printf(Locale.ROOT, "extraction %.3f s on %s%s; wrote %s (%s mm)%n", r.seconds(), ran,
                repeat > 0 ? String.format(Locale.ROOT, " (best %.3f s, median %.3f s of %d repeats)", r.secondsBest(),
                        r.secondsMedian(), repeat) : "", written, frame);
        o.flush();
    }

    private static final int[] PALETTE = {0xE6B43CFF, 0xC0504DFF, 0x4F81BDFF, 0x9BBB59FF, 0x8064A2FF, 0x4BACC6FF,
        0xF79646FF, 0xD99694FF, 0x95B3D7FF, 0xC3D69BFF};

    /** A stable colour per label for maps without colours, opaque. */
    private static int defaultColour(int label) {
        return PALETTE[(label - 1) % PALETTE.length];
    }
}
