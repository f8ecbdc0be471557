package org.organ3d.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joml.Vector3d;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.Report;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudyFiles;
import org.organ3d.testdata.phantom.Structure;
import org.organ3d.testdata.phantom.StructureTruth;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * {@code organ3d demo}: the embedded default, end to end. Generates the phantom study (or reuses the
 * cached one), reads it back from DICOM, segments it, meshes and smooths every structure, measures,
 * exports a GLB of all organs plus one STL per organ, the segmentation (NIfTI) and the report
 * (JSON, CSV), renders a picture when a display exists, and prints measured against true values with
 * the time of each stage.
 */
public final class DemoRun {

    /** What to run. */
    public record Options(Path out, boolean small, String backend, boolean picture) {
    }

    /** Something that renders a picture of meshes (the viewer, when on the class path). */
    public interface Picture {
        /** Renders {@code meshes} into a PNG at {@code path}, or explains why not (returns the reason). */
        String render(List<NamedMesh> meshes, Path path);
    }

    private final Options options;
    private final List<DemoReport.Stage> stages = new ArrayList<>();

    public DemoRun(Options options) {
        this.options = options;
    }

    /** Runs the demo, printing progress to {@code err} and the table to {@code out}. */
    public void run(PrintWriter out, PrintWriter err, Picture picture) throws IOException {
        PhantomGrid grid = options.small() ? PhantomGrid.SMALL : PhantomGrid.FULL;
        AbdominalPhantom phantom = new AbdominalPhantom();
        Path studyDir = options.out().resolve(options.small() ? "study-small" : "study");
        Files.createDirectories(options.out());

        long t = System.nanoTime();
        if (PhantomStudyFiles.isComplete(studyDir, grid)) {
            stage("phantom study", t, "cached in " + studyDir);
        } else {
            err.println("demo: generating the phantom study " + grid.nx() + "x" + grid.ny() + "x" + grid.nz() + " ...");
            err.flush();
            PhantomStudyFiles.write(PhantomGenerator.generate(grid), studyDir);
            stage("phantom study", t, "generated and written to " + studyDir + " (DICOM + truth)");
        }

        t = System.nanoTime();
        LoadedImage image = ImageFormats.read(PhantomStudyFiles.dicomFolder(studyDir));
        Volume ct = image.volume();
        stage("read DICOM", t, image.attributes().get("files") + " files, " + ct.dimensions() + " "
                + ct.type().label());

        try (ComputeBackend backend = ComputeBackends.select(options.backend(), msg -> {
            err.println("organ3d demo: note: " + msg.replaceAll("\\s*\\R\\s*", " "));
            err.flush();
        })) {
            runOn(backend, phantom, grid, studyDir, ct, out, picture);
        }
    }

    private void runOn(ComputeBackend backend, AbdominalPhantom phantom, PhantomGrid grid, Path studyDir, Volume ct,
            PrintWriter out, Picture picture) throws IOException {
        long t = System.nanoTime();
        List<DemoSegmentation.Seed> seeds = new ArrayList<>();
        for (Structure s : phantom.structures()) {
            if (s.label() == AbdominalPhantom.VERTEBRAE) {
                continue;
            }
            boolean lesion = s.label() == AbdominalPhantom.LESION;
            // Seeds "clicked" at the truth: the lesion centre, each organ's centroid.
            Vector3d seed = lesion ? phantom.lesion().centre() : s.centroidBetween(grid.zLo(), grid.zHi());
            seeds.add(new DemoSegmentation.Seed(s.label(), s.name(), s.rgba(), seed, lesion ? AbdominalPhantom.LIVER : 0));
        }
        Structure bone = phantom.structure(AbdominalPhantom.VERTEBRAE);
        DemoSegmentation.Result seg = DemoSegmentation.run(ct, seeds, bone.label(), bone.name(), bone.rgba(), backend);
        LabelMap labels = seg.labels();
        stage("segment", t, "bone preset + seeded region growing (" + seg.notes().get(0) + ")");

        DemoSurfaces surfaces = new DemoSurfaces(backend);
        t = System.nanoTime();
        surfaces.extractAll(labels);
        int tris = surfaces.raw().values().stream().mapToInt(m -> m.triangleCount()).sum();
        stage("mesh", t, "marching cubes on backend '" + ComputeBackends.ranOn(backend) + "', " + tris + " triangles");

        t = System.nanoTime();
        surfaces.smoothAll();
        stage("smooth", t, "windowed sinc (Nuttall), volume change reported per structure");

        t = System.nanoTime();
        List<LabelMeasurement> measured = LabelMeasurements.measure(labels, null, ct, surfaces, backend);
        stage("measure", t, measured.size() + " structures, with intensity statistics");

        t = System.nanoTime();
        List<NamedMesh> meshes = new ArrayList<>();
        for (var e : surfaces.smoothed().entrySet()) {
            LabelInfo info = labels.info(e.getKey()).orElse(new LabelInfo(e.getKey(), "label " + e.getKey(), 0xccccccff));
            meshes.add(NamedMesh.of(info, e.getValue().mesh()));
        }
        ExportOptions lps = ExportOptions.in(CoordinateSystem.LPS);
        Files.createDirectories(options.out().resolve("stl"));
        List<Path> written = new ArrayList<>(MeshWriters.write(options.out().resolve("organs.glb"), meshes, lps));
        written.addAll(MeshWriters.writeStlPerLabel(options.out().resolve("stl").resolve("organ.stl"), meshes, lps));
        Path segPath = options.out().resolve("segmentation.nii.gz");
        ImageFormats.write(segPath, labels.labels(), labels.info());
        Report report = new Report(PhantomStudyFiles.dicomFolder(studyDir).toString(),
                PhantomStudyFiles.dicomFolder(studyDir).toString(), measured, List.of()).withBackend(ComputeBackends.ranOn(backend));
        report.writeJson(options.out().resolve("report.json"));
        report.writeCsv(options.out().resolve("report.csv"));
        stage("export", t, "GLB + " + meshes.size() + " STL, segmentation.nii.gz, report.json/.csv in " + options.out());

        if (options.picture() && picture != null) {
            t = System.nanoTime();
            Path png = options.out().resolve("organs.png");
            String why = picture.render(meshes, png);
            stage("picture", t, why == null ? "rendered " + png : "skipped: " + why);
        }

        List<StructureTruth> truths = phantom.truths(grid);
        String title = String.format(Locale.ROOT,
                "organ3d demo: synthetic abdominal CT %dx%dx%d (%.2fx%.2fx%.2f mm), noise %.0f HU, backend %s",
                grid.nx(), grid.ny(), grid.nz(), grid.sx(), grid.sy(), grid.sz(), PhantomGenerator.DEFAULT_NOISE_HU,
                ComputeBackends.ranOn(backend));
        DemoReport.print(out, title, stages, measured, truths, surfaces.smoothed(), 2 * phantom.lesion().semiAxes().x,
                AbdominalPhantom.LESION);
    }

    private void stage(String name, long startNanos, String note) {
        stages.add(new DemoReport.Stage(name, (System.nanoTime() - startNanos) / 1e9, note));
    }

    /** The stages timed so far. */
    public Map<String, Double> stageSeconds() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        stages.forEach(s -> m.put(s.name(), s.seconds()));
        return m;
    }
}
