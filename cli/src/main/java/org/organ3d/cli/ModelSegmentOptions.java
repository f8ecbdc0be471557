package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.inference.Device;
import org.organ3d.inference.InferenceOptions;
import org.organ3d.inference.InferenceResult;
import org.organ3d.inference.ModelCard;
import org.organ3d.inference.ModelLabel;
import org.organ3d.inference.ModelOptions;
import org.organ3d.inference.ModelSegmentation;
import org.organ3d.inference.SegmentationModel;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.Masks;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import picocli.CommandLine.Option;

/**
 * The options of {@code organ3d segment --model} (shared/CONTRACT.md, second wave), as a picocli
 * mixin of {@link SegmentCommand}, and the run: an ONNX segmentation network described by its model
 * card, in-process through ONNX Runtime (module {@code inference}, docs/inference.md).
 */
final class ModelSegmentOptions {

    @Option(names = "--model", paramLabel = "<model.onnx>", description = "Segment with this ONNX network (needs --model-card).")
    Path model;

    @Option(names = "--model-card", paramLabel = "<card.json>", description = "The model's card: grid, patch, normalization, labels (docs/inference.md).")
    Path card;

    @Option(names = "--overlap", paramLabel = "F", description = "Fraction of a patch shared with its neighbours, 0 <= F < 1 (default: the card's, else 0.5).")
    Double overlap;

    @Option(names = "--tta", description = "Test-time augmentation: also run the patches mirrored along the card's mirrorAxes and average.")
    boolean tta;

    @Option(names = "--device", paramLabel = "cpu|auto|cuda:N", defaultValue = "cpu",
            description = "Where ONNX Runtime runs the model (default ${DEFAULT-VALUE}); auto takes CUDA device 0 when the GPU build of "
                    + "ONNX Runtime and a device are present, else the CPU with a note; cuda:N fails when it cannot be used.")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "ONNX Runtime threads (default: one per core).")
    int threads;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "0", description = "Patches per model run (default: the card's, else 1).")
    int batch;

    @Option(names = "--channel", paramLabel = "<input>", description = "Further input channels for a multi-channel model, in the card's order after <input> (repeatable; same grid).")
    List<Path> channels = new ArrayList<>();

    /** True when {@code --model} or any model-only option was given. */
    boolean requested() {
        return model != null || card != null || overlap != null || tta || !channels.isEmpty() || !"cpu".equals(device)
                || threads != 0 || batch != 0;
    }

    /** Bad combinations are usage errors (exit 2). */
    void check(SegmentCommand c) {
        if (model == null || card == null) {
            throw new UsageException(model == null ? "--model-card, --overlap, --tta, --device, --threads, --batch and --channel go "
                    + "with --model <model.onnx>"
                    : "--model needs --model-card <card.json>");
        }
        List<String> conflicting = c.classicalOptionsGiven();
        if (!conflicting.isEmpty()) {
            throw new UsageException("--model segments by itself: drop " + String.join(", ", conflicting));
        }
        if (overlap != null && !(overlap >= 0 && overlap < 1)) {
            throw new UsageException("--overlap must be at least 0 and below 1 (got " + overlap + ")");
        }
        if (threads < 0 || batch < 0 || batch > 1024) {
            throw new UsageException("--threads and --batch take counts (--batch at most 1024)");
        }
        try {
            Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    /** Runs the model on the command's input and writes the labels; returns the exit code. */
    int run(SegmentCommand c, Inputs input, Path out, boolean json) throws IOException {
        PrintWriter err = c.spec.commandLine().getErr();
        try (SegmentationModel m = SegmentationModel.open(model, card, new ModelOptions(Device.parse(device), threads));
                ComputeBackend backend = c.backend.open("segment", err)) {
            ModelCard modelCard = m.card();
            for (String n : modelCard.warnings()) {
                note(err, card + ": " + n);
            }
            LoadedImage img = input.read();
            List<String> warnings = new ArrayList<>(Inputs.messages(img));
            for (String w : warnings) {
                err.println("organ3d segment: warning: " + input + ": " + w);
            }
            List<Volume> volumes = new ArrayList<>(List.of(img.volume()));
            for (Path p : channels) {
                LoadedImage ch = input.reading.read(p);
                for (String w : Inputs.messages(ch)) {
                    err.println("organ3d segment: warning: " + p + ": " + w);
                    warnings.add(p + ": " + w);
                }
                if (!ch.volume().dimensions().equals(img.volume().dimensions())
                        || !ch.volume().geometry().equalsWithin(img.volume().geometry(), 1e-3)) {
                    throw new UsageException("--channel " + p + " (" + ch.volume().dimensions() + ") is not on the grid of " + input
                            + " (" + img.volume().dimensions() + "): resample it first");
                }
                volumes.add(ch.volume());
            }
            if (volumes.size() != modelCard.channels()) {
                throw new UsageException("the model takes " + modelCard.channels() + " input channel" + (modelCard.channels() == 1 ? "" : "s")
                        + " (" + card + "); give " + (modelCard.channels() - 1) + " --channel after <input>");
            }
            err.flush();
            InferenceResult r;
            try (TerminalProgress bar = TerminalProgress.start("model", 1)) {
                InferenceOptions o = new InferenceOptions(overlap, tta, batch, (done, total) -> bar.stepTo(done, total), null);
                r = ModelSegmentation.run(volumes, m, o);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            for (String n : m.notes()) {
                note(err, n);
            }
            err.flush();
            LabelMap labels = r.labels();
            ImageFormats.write(out, labels.labels(), labels.info());
            report(c, input, out, json, modelCard, r, warnings, backend);
        }
        return ExitCodes.OK;
    }

    private static void note(PrintWriter err, String s) {
        err.println("organ3d segment: note: " + s);
    }

    private void report(SegmentCommand c, Inputs input, Path out, boolean json, ModelCard modelCard, InferenceResult r,
            List<String> warnings, ComputeBackend backend) {
        LabelMap labels = r.labels();
        Map<Integer, Long> counts = labels.counts();
        long voxels = counts.values().stream().mapToLong(Long::longValue).sum();
        double mm3 = voxels * labels.geometry().voxelVolume();
        int components = backend.connectedComponents(Masks.foreground(labels), labels.dimensions(), labels.geometry(),
                Connectivity.SIX).count();
        String ran = BackendOption.ran(backend);
        PrintWriter o = c.spec.commandLine().getOut();
        if (json) {
            ObjectNode n = Json.object();
            n.put("voxelCount", voxels);
            n.put("volumeMm3", mm3);
            n.put("components", components);
            n.put("out", out.toString());
            n.put("input", input.toString());
            ArrayNode ls = n.putArray("labels");
            for (ModelLabel l : modelCard.labels()) {
                ObjectNode e = ls.addObject();
                e.put("label", l.value());
                e.put("name", l.name());
                e.put("voxelCount", counts.getOrDefault(l.value(), 0L));
                e.put("volumeMm3", counts.getOrDefault(l.value(), 0L) * labels.geometry().voxelVolume());
            }
            n.put("backend", ran);
            n.put("device", r.device());
            n.put("patches", r.patches());
            n.put("model", model.toString());
            n.put("modelName", modelCard.name());
            n.put("modelCard", card.toString());
            ObjectNode g = n.putObject("modelGrid");
            ArrayNode dims = g.putArray("dimensions");
            ArrayNode spacing = g.putArray("spacing");
            for (int s = 0; s < 3; s++) {
                dims.add(r.grid().modelSize()[s]);
                spacing.add(r.grid().modelSpacingMm()[s]);
            }
            n.put("overlap", overlap != null ? overlap : modelCard.overlap());
            n.put("tta", tta);
            n.put("modelRuns", r.modelRuns());
            n.put("seconds", r.seconds());
            n.put("modelSeconds", r.modelSeconds());
            ArrayNode w = n.putArray("warnings");
            warnings.forEach(w::add);
            r.notes().forEach(w::add);
            Json.print(o, n);
        } else {
            o.printf(Locale.ROOT, "%s: %d voxels, %.1f mm³ (%.3f cm³) in %d label%s, %d component%s; %d patches on %s, %.1f s "
                    + "(model %.1f s)%n", out, voxels, mm3, mm3 / 1000, counts.size(), counts.size() == 1 ? "" : "s", components,
                    components == 1 ? "" : "s",
                    r.patches(), r.device(), r.seconds(), r.modelSeconds());
            for (ModelLabel l : modelCard.labels()) {
                long n = counts.getOrDefault(l.value(), 0L);
                o.printf(Locale.ROOT, "  %5d  %-30s %12d voxels %14.1f mm³%n", l.value(), l.name(), n,
                        n * labels.geometry().voxelVolume());
            }
            o.flush();
        }
    }
}
