package org.organ3d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.ReferencingFormat;
import org.organ3d.measure.LabelDistance;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.measure.Report;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.pipeline.ImageRoles;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d measure <labels> [--image <input>] [--labels 1,2,...] [--json] [--csv FILE]}
 * (shared/CONTRACT.md): volumes, position, shape, RECIST and intensity of every label; definitions in
 * docs/measurements.md.
 */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure every label of a label map: voxel and mesh volume, surface area, centroid, "
            + "bounding boxes, principal axes, Feret diameters, sphericity, RECIST 1.1 axes and, with --image, "
            + "intensity statistics. All lengths in mm (LPS). Definitions: docs/measurements.md.")
final class MeasureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<labels>", description = "Label map (.nii, .nii.gz, .nrrd, .seg.nrrd, .mha, .mhd, DICOM SEG or RTSTRUCT).")
    Path labelsPath;

    @Option(names = "--image", paramLabel = "<input>", description = {"Image on the same grid for intensity statistics "
            + "(rescaled units, HU for CT);", "a path or a DICOMweb series URL (read through a local cache)."})
    String imageInput;

    @Option(names = "--labels", split = ",", paramLabel = "N", description = "Only these label values (comma-separated).")
    List<Integer> only;

    @Option(names = "--sr", paramLabel = "REPORT.dcm", description = "Also write a DICOM SR measurement report (TID 1500) "
            + "citing the image series (--image or --reference, DICOM) and each label's segment of a SEG: <labels> when it "
            + "is a SEG, else a SEG written beside the report (--sr-seg).")
    Path srPath;

    @Option(names = "--sr-seg", paramLabel = "SEG.dcm", description = "With --sr and labels that are not a SEG: where to "
            + "write the SEG the report cites (default: REPORT-seg.dcm beside the report).")
    Path srSegPath;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write a CSV table (units in every header).")
    Path csvPath;

    @Option(names = "--distance", paramLabel = "A,B", description = "Also measure surface distances between labels A and B (repeatable).")
    List<String> distancePairs;

    @Option(names = "--smooth", paramLabel = "N", description = "Smooth each surface with N windowed-sinc iterations "
            + "before mesh volume, area and sphericity (default 0: unsmoothed); the report's surfaceMethod says so.")
    int smooth;

    @Option(names = "--image-iso", paramLabel = "V", description = "Take each label's surface from the --image "
            + "isosurface at V next to the label (sub-voxel; for labels made by thresholding that image at V) instead of "
            + "the label's own 0/1 surface.")
    Double imageIso;

    @Mixin
    Inputs.Reading reading = new Inputs.Reading();

    @Option(names = "--no-mesh", description = "Skip the surfaces (no mesh volume, surface area or sphericity): faster.")
    boolean noMesh;

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        Set<Integer> wanted = null;
        if (only != null) {
            wanted = new LinkedHashSet<>();
            for (int l : only) {
                if (l < 1 || l > 65535) {
                    throw new UsageException("--labels: label values are 1..65535, not " + l);
                }
                wanted.add(l);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        if (distancePairs != null) {
            for (String p : distancePairs) {
                String[] ab = p.split(",");
                try {
                    if (ab.length != 2) {
                        throw new NumberFormatException();
                    }
                    pairs.add(new int[] {Integer.parseInt(ab[0].trim()), Integer.parseInt(ab[1].trim())});
                } catch (NumberFormatException e) {
                    throw new UsageException("--distance takes two label values A,B, not '" + p + "'");
                }
            }
        }
        if (smooth != 0 && (smooth < 2 || smooth > 1000)) {
            throw new UsageException("--smooth takes 2..1000 iterations (or 0 for none), not " + smooth);
        }
        if ((smooth != 0 || imageIso != null) && noMesh) {
            throw new UsageException("--smooth and --image-iso need surfaces; they exclude --no-mesh");
        }
        if (imageIso != null && (imageInput == null || !Double.isFinite(imageIso))) {
            throw new UsageException("--image-iso needs --image and a finite iso value");
        }
        String srNeeds = "--sr needs the DICOM image series the labels lie on: --image <series> (a DICOM folder, file or "
                + "series URL) or --reference <series>";
        if (srPath != null && reading.reference == null && imageInput == null) {
            throw new UsageException(srNeeds);
        }
        if (srSegPath != null && srPath == null) {
            throw new UsageException("--sr-seg goes with --sr");
        }
        PrintWriter err = spec.commandLine().getErr();
        // NB: a DICOMweb series URL is fetched into the local cache and read from there like a folder
        Path imagePath = imageInput == null ? null : RemoteInputs.isUrl(imageInput)
                ? RemoteInputs.fetch(imageInput, err, "measure").fetched().folder() : Path.of(imageInput);
        Path srSeries = reading.reference != null ? reading.reference
                : imagePath != null && (Files.isDirectory(imagePath) || DicomParser.sopClassUID(imagePath) != null) ? imagePath : null;
        if (srPath != null && srSeries == null) {
            throw new UsageException(srNeeds);
        }
        reading.checkReference(labelsPath);
        ReadOptions labelOptions = reading.options();
        if (reading.reference == null && imagePath != null && ReferencingFormat.claims(labelsPath)
                && (Files.isDirectory(imagePath) || DicomParser.sopClassUID(imagePath) != null)) {
            // NB: a SEG or RTSTRUCT measured with its CT: the CT is the grid it lies on
            labelOptions = labelOptions.toBuilder().reference(imagePath).build();
        }
        LoadedImage loaded = Inputs.read(labelsPath, labelOptions);
        for (String w : Inputs.messages(loaded)) {
            err.println("organ3d measure: warning: " + w);
        }
        LabelMap map = loaded.asLabelMap();
        Volume image = null;
        if (imagePath != null) {
            LoadedImage img = ImageRoles.expectImage(Inputs.read(imagePath, reading.options()), "--image (intensity statistics)");
            for (String w : Inputs.messages(img)) {
                err.println("organ3d measure: warning: " + w);
            }
            image = img.volume();
            if (!image.dimensions().equals(map.dimensions())
                    || !image.geometry().equalsWithin(map.geometry(), 1e-3 * Math.min(1.0, map.geometry().spacing().minComponent()))) {
                throw new IllegalArgumentException(imagePath + ": image grid " + image.dimensions()
                        + " does not match the label map " + labelsPath + " " + map.dimensions()
                        + " (same size and voxel-to-patient geometry needed; resample first)");
            }
        }
        List<LabelMeasurement> ms;
        List<LabelDistance> ds = new ArrayList<>();
        String ran;
        long t0 = System.nanoTime();
        try (ComputeBackend b = backend.open("measure", err)) {
            LabelSurfaces surfaces = null;
            if (!noMesh) {
                surfaces = imageIso != null ? LabelSurfaces.imageIsoSurface(image, imageIso, b) : LabelSurfaces.indicatorIsoSurface(b);
                if (smooth != 0) {
                    surfaces = LabelSurfaces.smoothed(surfaces, WindowedSincSmoothing.Options.defaults().withIterations(smooth));
                }
            }
            ms = LabelMeasurements.measure(map, wanted, image, surfaces, b);
            if (wanted != null) {
                Set<Integer> missing = new LinkedHashSet<>(wanted);
                ms.forEach(m -> missing.remove(m.label()));
                if (!missing.isEmpty()) {
                    err.println("organ3d measure: warning: labels not present in " + labelsPath + ": " + missing);
                }
            }
            for (int[] p : pairs) {
                try {
                    ds.add(LabelDistance.between(map, p[0], p[1], b));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(labelsPath + ": --distance " + p[0] + "," + p[1] + ": " + e.getMessage(), e);
                }
            }
            ran = BackendOption.ran(b);
        }
        err.printf(Locale.ROOT, "organ3d measure: %d labels in %.2f s%n", ms.size(), (System.nanoTime() - t0) * 1e-9);
        err.flush();
        Report report = new Report(labelsPath.toString(), imageInput, ms, ds)
                .withBackend(ran);
        if (csvPath != null) {
            report.writeCsv(csvPath);
        }
        com.fasterxml.jackson.databind.node.ObjectNode sr = srPath == null ? null
                : SrExport.write(srPath, srSegPath, labelsPath, loaded, map, ms, srSeries, labelOptions, err);
        PrintWriter out = spec.commandLine().getOut();
        if (json && sr != null) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.MAPPER.readTree(report.toJson());
            o.set("sr", sr);
            Json.print(out, o);
        } else if (json) {
            out.print(report.toJson());
        } else {
            printTable(out, report);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printTable(PrintWriter out, Report r) {
        boolean image = r.image() != null;
        out.printf(Locale.ROOT, "%6s %-20s %10s %11s %11s %11s %9s %9s %9s %9s %6s%s%n", "label", "name", "voxels",
                "vol [cm3]", "mesh [cm3]", "area [cm2]", "Feret max", "Feret min", "RECIST L", "RECIST S", "spher.",
                image ? String.format(Locale.ROOT, " %9s %9s", "mean", "std") : "");
        for (LabelMeasurement m : r.labels()) {
            String name = m.fileName().orElse("");
            String stats = image && m.intensity() != null
                    ? String.format(Locale.ROOT, " %9.1f %9.1f", m.intensity().mean(), m.intensity().std()) : "";
            out.printf(Locale.ROOT, "%6d %-20.20s %10d %11.3f %11.3f %11.3f %9.1f %9.1f %9.1f %9.1f %6.3f%s%n", m.label(),
                    name, m.voxelCount(), m.volumeCm3(), m.meshVolumeMm3() / 1000, m.surfaceAreaMm2() / 100,
                    m.maxFeretDiameterMm(), m.minFeretDiameterMm(), m.recist().longAxisMm(), m.recist().shortAxisMm(),
                    m.sphericity(), stats);
        }
        out.println("lengths in mm (Feret, RECIST)" + (image ? ", intensity in rescaled units (HU for CT)" : "")
                + "; definitions: docs/measurements.md");
        for (LabelDistance d : r.distances()) {
            out.printf(Locale.ROOT, "distance %d-%d: minimum %.2f mm, Hausdorff %.2f mm, HD95 %.2f mm, mean %.2f mm%n",
                    d.labelA(), d.labelB(), d.minimumMm(), d.hausdorffMm(), d.hausdorff95Mm(), d.meanMm());
        }
    }
}
