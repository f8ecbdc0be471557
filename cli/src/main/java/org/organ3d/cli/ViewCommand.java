package org.organ3d.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.joml.Vector3d;
import org.organ3d.viewer.ReportExport;
import org.organ3d.viewer.Screenshot;
import org.organ3d.viewer.StereoMode;
import org.organ3d.viewer.ViewPreset;
import org.organ3d.viewer.ViewerApp;
import org.organ3d.viewer.ViewLayout;
import org.organ3d.viewer.ViewerOptions;
import org.organ3d.viewer.raycast.TransferFunction;
import org.organ3d.viewer.slice.WindowLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code organ3d view <input or meshes...> [options]} (shared/CONTRACT.md). */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Open the stereo 3D viewer on a DICOM folder or volume (with --iso), a label map",
            "(--labels, or a label volume as input) or mesh files (.stl, .ply, .obj in LPS mm; .glb in the frame",
            "it records, one organ per node).",
            "An image (CT/MR) is shown in linked axial, sagittal and coronal slice views beside the 3D view and can be",
            "volume rendered; a label map is drawn in the slices as outlines and fills.",
            "With --screenshot, render one frame offscreen and exit (needs a display, e.g. Xvfb, or EGL);",
            "with --export-sr, write the measurements' rulers as a DICOM SR and exit."})
final class ViewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "DICOM folders, volume files, mesh files, or DICOMweb series URLs (read through a local cache).")
    List<String> inputs = List.of();

    @Option(names = "--labels", paramLabel = "FILE", description = "Label map: every organ is shown.")
    Path labels;

    @Option(names = "--iso", paramLabel = "V", description = "Isosurface level for volume inputs (rescaled units, e.g. HU).")
    Double iso;

    @Option(names = "--stereo", paramLabel = "MODE", defaultValue = "off",
            description = "off|anaglyph|side-by-side|top-bottom|interlaced|quad. Default: ${DEFAULT-VALUE}.")
    String stereo;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Render one frame offscreen to FILE.png and exit.")
    Path screenshot;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x800",
            description = "Window or screenshot size in pixels. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--view", paramLabel = "PRESET", defaultValue = "anterior",
            description = "Initial view: anterior|posterior|left|right|superior|inferior. Default: ${DEFAULT-VALUE}.")
    String view;

    @Option(names = "--measurements", paramLabel = "FILE.json",
            description = "Measurements: loaded at start when the file exists, saved with Ctrl+S (default measurements.json).")
    Path measurements;

    @Option(names = "--backend", paramLabel = "auto|java|opencl", defaultValue = "auto",
            description = "Compute backend for --iso surfaces. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--opacity", paramLabel = "ORGAN=A", split = ",",
            description = "Initial opacity per organ name, e.g. liver=0.35 (shows a lesion inside).")
    Map<String, Float> opacity = Map.of();

    @Option(names = "--ras", description = "STL/PLY/OBJ files are in RAS (e.g. exported by 3D Slicer): convert to LPS.")
    boolean ras;

    @Option(names = "--series", paramLabel = "UID",
            description = "DICOM folder: read this Series Instance UID instead of the largest series.")
    String series;

    @Option(names = "--layout", paramLabel = "3d|2x2",
            description = "3d, or 2x2: axial, 3D, sagittal and coronal panes (default 2x2 when there is an image or labels).")
    String layout;

    @Option(names = "--window", paramLabel = "PRESET|W/L",
            description = "Slice window: soft-tissue, lung, bone, liver, brain, or width/level, e.g. 400/40.")
    String window;

    @Option(names = "--volume", paramLabel = "PRESET",
            description = "Volume rendering of the image: bone, vessels or soft-tissue (CT); any preset for other images.")
    String volume;

    @Option(names = "--crosshair", paramLabel = "X,Y,Z",
            description = "Crosshair of the slice views at this LPS point, mm (default: the data's centre).")
    String crosshair;

    @Option(names = {"--colours", "--colors"}, paramLabel = "FILE",
            description = "Label names and colours: 3D Slicer .ctbl, ITK-SNAP label description or FreeSurfer LUT.")
    Path colours;

    @Option(names = "--export-sr", paramLabel = "REPORT.dcm",
            description = {"Write the --measurements file's rulers as a DICOM SR (TID 1500) citing the DICOM series on view, "
                + "and exit without a window (no display needed).",
                "Refused when the image is not DICOM: an SR needs a study, series and frame of reference to cite."})
    Path exportSr;

    @Option(names = "--force-measurements",
            description = "Load the --measurements file even when it was made on another study.")
    boolean forceMeasurements;

    @Override
    public Integer call() throws Exception {
        StereoMode mode;
        ViewPreset preset;
        try {
            mode = StereoMode.parse(stereo);
            preset = ViewPreset.parse(view);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("No enum") ? "unknown --view '" + view
                    + "' (expected anterior|posterior|left|right|superior|inferior)" : e.getMessage());
        }
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w;
        int h;
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            w = Integer.parseInt(wh[0].trim());
            h = Integer.parseInt(wh[1].trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--size must be WxH, e.g. 800x600: '" + size + "'");
        }
        if (exportSr != null && screenshot != null) {
            throw new UsageException("give --export-sr or --screenshot, not both");
        }
        if (exportSr != null && measurements == null) {
            throw new UsageException("--export-sr needs --measurements FILE.json: the measurements to report");
        }
        if (screenshot != null && !screenshot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--screenshot must name a .png file: " + screenshot);
        }
        List<Path> local = new ArrayList<>();
        for (String in : inputs) {
            // NB: a DICOMweb series URL opens through the same cache as every reading command
            local.add(RemoteInputs.isUrl(in) ? RemoteInputs.fetch(in, spec.commandLine().getErr(), "view").fetched().folder()
                    : Path.of(in));
        }
        ViewerOptions options;
        try {
            options = ViewerOptions.builder(local).labels(labels).iso(iso).stereo(mode).backend(backend)
                    .measurements(measurements).preset(preset).size(w, h).opacity(opacity).rasMeshes(ras).series(series)
                    .forceMeasurements(forceMeasurements).colourTable(colours)
                    .layout(layout == null ? null : ViewLayout.parse(layout))
                    .window(window == null ? null : WindowLevel.parse(window))
                    .volumeRendering(volume == null ? null : TransferFunction.Preset.parse(volume))
                    .crosshair(crosshair == null ? null : point(crosshair)).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            if (exportSr != null) {
                ReportExport.run(options, exportSr, spec.commandLine().getErr());
                return ExitCodes.OK;
            }
            if (screenshot != null) {
                PrintWriter err = spec.commandLine().getErr();
                Screenshot.render(options, screenshot, err);
                err.println("organ3d view: wrote " + screenshot.toAbsolutePath());
                err.flush();
                return ExitCodes.OK;
            }
            return ViewerApp.run(options);
        } catch (IllegalArgumentException e) {
            // NB: options that do not fit the data (an --opacity organ not on display, --iso beyond the values)
            throw new UsageException(e.getMessage());
        }
    }

    private static Vector3d point(String s) {
        String[] p = s.split(",");
        try {
            if (p.length != 3) {
                throw new NumberFormatException();
            }
            return new Vector3d(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                    Double.parseDouble(p[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--crosshair must be X,Y,Z in LPS mm, e.g. -75,-15,50.25: '" + s + "'");
        }
    }
}
