package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.joml.Vector3d;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.pipeline.ImageRoles;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.HuPresets;
import org.organ3d.segment.SeedOutsideVolumeException;
import org.organ3d.segment.SegmentationPlan;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.LabelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d segment} (shared/CONTRACT.md): threshold / preset / Otsu, region growing from LPS
 * seeds, component selection, hole filling and morphology in mm, applied in the contract's order,
 * written as a label map (NIfTI or NRRD by extension).
 */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Segment a volume into a label map.",
            "Steps run in this order: threshold/preset/otsu, region growing from seeds, --largest, --min-size, "
                + "--fill-holes, --close, --open, --dilate, --erode, --label.",
            "Or with a network: --model model.onnx --model-card card.json (docs/inference.md)."})
final class SegmentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs input;

    @Mixin
    BackendOption backend;

    @Mixin
    ModelSegmentOptions network;

    @Option(names = "--out", required = true, paramLabel = "<labels>", description = "Output label map: .nii.gz, .nii, .nrrd, .seg.nrrd, .mha or .mhd.")
    Path out;

    @Option(names = "--threshold", paramLabel = "LO:HI", description = "Intensity range in rescaled units (HU), both bounds inclusive; a side may be empty (300:).")
    String threshold;

    @Option(names = "--preset", paramLabel = "NAME", description = "HU preset: bone (300:3000), soft-tissue (-29:150), lung (-1000:-400), fat (-190:-30), contrast-vessel (200:600).")
    String preset;

    @Option(names = "--otsu", description = "Otsu's automatic threshold (foreground = above it).")
    boolean otsu;

    @Option(names = "--seed", paramLabel = "X,Y,Z", description = "Seed point in LPS mm (repeatable).")
    List<String> seeds = new ArrayList<>();

    @Option(names = "--region-grow", description = "Connected-threshold region growing from the seeds.")
    boolean regionGrow;

    @Option(names = "--confidence", paramLabel = "K", description = "Confidence-connected growing from the seeds: mean ± K·sd, re-estimated 4 times (no threshold needed).")
    Double confidence;

    @Option(names = "--connectivity", paramLabel = "6|18|26", defaultValue = "6", description = "Connectivity of growing and components (default ${DEFAULT-VALUE}).")
    int connectivity;

    @Option(names = "--max-volume", paramLabel = "MM3", description = "Leak guard: stop region growing at this volume (mm³) with a warning.")
    Double maxVolume;

    @Option(names = "--largest", description = "Keep the largest connected component.")
    boolean largest;

    @Option(names = "--min-size", paramLabel = "MM3", description = "Keep components of at least this volume (mm³).")
    Double minSize;

    @Option(names = "--fill-holes", description = "Fill holes (3D: cavities not connected to the volume border).")
    boolean fillHoles;

    @Option(names = "--close", paramLabel = "MM", description = "Morphological closing, ball of radius MM (anisotropic spacing honoured).")
    Double close;

    @Option(names = "--open", paramLabel = "MM", description = "Morphological opening, ball of radius MM.")
    Double open;

    @Option(names = "--dilate", paramLabel = "MM", description = "Dilation (margin), ball of radius MM, exact Euclidean distance.")
    Double dilate;

    @Option(names = "--erode", paramLabel = "MM", description = "Erosion, ball of radius MM.")
    Double erode;

    @Option(names = "--label", paramLabel = "N", defaultValue = "1", description = "Label value written (1..65535, default ${DEFAULT-VALUE}).")
    int label;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (network.requested()) {
            network.check(this);
            checkWritable(out);
            return network.run(this, input, out, json);
        }
        SegmentationPlan plan = plan();
        checkWritable(out);
        PrintWriter err = spec.commandLine().getErr();
        LoadedImage img = ImageRoles.expectImage(input.read(), "segmentation");
        for (String w : Inputs.messages(img)) {
            err.println("organ3d segment: warning: " + input + ": " + w);
        }
        SegmentationPlan.Result r;
        String ran;
        try (ComputeBackend b = backend.open("segment", err)) {
            r = plan.run(img.volume(), b);
            ran = BackendOption.ran(b);
        } catch (SeedOutsideVolumeException e) {
            throw new SeedOutsideVolumeException(input + ": " + e.getMessage());
        }
        for (String w : r.warnings()) {
            err.println("organ3d segment: warning: " + w);
        }
        err.flush();
        String name = preset != null ? HuPresets.byName(preset).cliName() : "segment";
        ImageFormats.write(out, r.labels().labels(), Map.of(label, new LabelInfo(label, name, 0xE6B43CFF)));
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = Json.object();
            n.put("voxelCount", r.voxelCount());
            n.put("volumeMm3", r.volumeMm3());
            n.put("components", r.components());
            n.put("out", out.toString());
            n.put("input", input.toString());
            n.put("label", label);
            if (r.range() != null) {
                ObjectNode rg = n.putObject("range");
                putBound(rg, "lower", r.range().lower());
                putBound(rg, "upper", r.range().upper());
            } else {
                n.putNull("range");
            }
            n.put("connectivity", connectivity);
            n.put("backend", ran);
            ArrayNode w = n.putArray("warnings");
            Inputs.messages(img).forEach(w::add);
            r.warnings().forEach(w::add);
            Json.print(o, n);
        } else {
            o.printf(Locale.ROOT, "%s: %d voxels, %.1f mm³ (%.3f cm³), %d component%s, range %s%n", out, r.voxelCount(),
                    r.volumeMm3(), r.volumeMm3() / 1000, r.components(), r.components() == 1 ? "" : "s",
                    r.range() == null ? "-" : r.range());
            o.flush();
        }
        return ExitCodes.OK;
    }

    /** The threshold/region-growing/morphology options given, by name (they do not go with --model). */
    List<String> classicalOptionsGiven() {
        List<String> l = new ArrayList<>();
        Object[][] opts = {{"--threshold", threshold}, {"--preset", preset}, {"--otsu", otsu ? true : null},
            {"--seed", seeds.isEmpty() ? null : seeds}, {"--region-grow", regionGrow ? true : null}, {"--confidence", confidence},
            {"--max-volume", maxVolume}, {"--largest", largest ? true : null}, {"--min-size", minSize},
            {"--fill-holes", fillHoles ? true : null}, {"--close", close}, {"--open", open}, {"--dilate", dilate},
            {"--erode", erode}};
        for (Object[] o : opts) {
            if (o[1] != null) {
                l.add((String) o[0]);
            }
        }
        if (label != 1) {
            l.add("--label");
        }
        return l;
    }

    private static void putBound(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    /** The plan from the options; bad combinations and values are usage errors (exit 2). */
    SegmentationPlan plan() {
        int ways = (threshold != null ? 1 : 0) + (preset != null ? 1 : 0) + (otsu ? 1 : 0);
        if (ways > 1) {
            throw new UsageException("give one of --threshold, --preset and --otsu");
        }
        if (ways > 0 && confidence != null) {
            throw new UsageException("--confidence estimates its own range: drop --threshold, --preset or --otsu");
        }
        if (ways == 0 && confidence == null) {
            throw new UsageException("give --threshold LO:HI, --preset NAME, --otsu or --confidence K with --seed");
        }
        if ((regionGrow || confidence != null) && seeds.isEmpty()) {
            throw new UsageException("region growing needs at least one --seed X,Y,Z (LPS mm)");
        }
        if (!seeds.isEmpty() && !regionGrow && confidence == null) {
            throw new UsageException("--seed is used by --region-grow (or --confidence): add one of them");
        }
        try {
            SegmentationPlan.Builder b = SegmentationPlan.builder();
            if (threshold != null) {
                b.range(ThresholdRange.parse(threshold));
            }
            if (preset != null) {
                b.preset(HuPresets.byName(preset));
            }
            b.otsu(otsu).regionGrow(regionGrow).connectivity(Connectivity.of(connectivity)).largest(largest).fillHoles(fillHoles);
            for (String s : seeds) {
                b.seed(parseSeed(s));
            }
            if (confidence != null) {
                b.confidence(confidence);
            }
            if (maxVolume != null) {
                b.maxVolumeMm3(maxVolume);
            }
            b.minSizeMm3(orZero(minSize)).close(orZero(close)).open(orZero(open)).dilate(orZero(dilate)).erode(orZero(erode));
            return b.label(label).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private static Vector3d parseSeed(String s) {
        String[] p = s.split(",");
        if (p.length != 3) {
            throw new IllegalArgumentException("--seed needs X,Y,Z in LPS mm (got '" + s + "')");
        }
        try {
            Vector3d v = new Vector3d(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), Double.parseDouble(p[2].trim()));
            if (!v.isFinite()) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs three numbers X,Y,Z in LPS mm (got '" + s + "')");
        }
    }

    private static void checkWritable(Path out) {
        for (ImageFormat f : ImageFormats.all()) {
            if (f.canWrite(out)) {
                return;
            }
        }
        throw new UsageException(out + ": no writer for this extension (use .nii.gz, .nii, .nrrd, .seg.nrrd, .mha or .mhd)");
    }
}
