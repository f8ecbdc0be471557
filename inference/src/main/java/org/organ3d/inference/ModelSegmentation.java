package org.organ3d.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Runs a {@link SegmentationModel} on a volume and returns a label map on the volume's own grid: the
 * library entry point behind {@code organ3d segment --model}.
 *
 * <p>Steps: normalize each input channel on its own voxels (the card's {@link Normalization}) →
 * bring it to the {@link ModelGrid} (axes permuted/flipped to the card's orientation and tensor
 * layout, trilinear resampling to the card's spacing) → {@link SlidingWindow} patches, padded with
 * the card's {@code padValue} outside the grid, optionally mirrored (test-time augmentation), run
 * in batches → outputs blended with the window's weights into a {@link SlabAccumulator} that keeps
 * only a patch-deep slab → each final model slice decoded back onto the volume's grid by the
 * {@link LabelDecoder}. Heap use is bounded by the slab, not by the channel count times the volume.
 *
 * <p>Thread-safety: a run uses the calling thread to drive ONNX Runtime (which uses its own thread
 * pool) and the common pool for the Java passes. Several runs may share one model concurrently. An
 * interrupted thread stops the run between batches ({@link java.io.InterruptedIOException}).
 */
public final class ModelSegmentation {

    private ModelSegmentation() {
    }

    /** Runs a one-channel model on {@code volume}. */
    public static InferenceResult run(Volume volume, SegmentationModel model, InferenceOptions options) throws IOException {
        return run(List.of(volume), model, options);
    }

    /**
     * Runs the model on its input channels (one volume each, all on the same grid, in the card's
     * channel order).
     *
     * @throws IllegalArgumentException when the channel count or grids do not fit the card, or
     *                                  mirroring is asked of a card that allows none
     * @throws InvalidModelException    when the model's output does not fit its card
     * @throws InferenceException       when a run fails, the output is not finite, or the run cannot
     *                                  fit in the JVM's heap
     */
    public static InferenceResult run(List<Volume> channels, SegmentationModel model, InferenceOptions options)
            throws IOException {
        long t0 = System.nanoTime();
        ModelCard card = model.card();
        Volume first = checkChannels(channels, card);
        if (options.tta() && card.mirrorAxes().isEmpty()) {
            throw new IllegalArgumentException("the card '" + card.name() + "' allows no mirroring (mirrorAxes is empty)");
        }
        ModelGrid grid = ModelGrid.of(first.dimensions(), first.geometry(), card);
        int[] patch = grid.toStorage(card.patchSize());
        int[] tensorPatch = {patch[2], patch[1], patch[0]};
        SegmentationModel.OutputShape shape = model.outputShape(tensorPatch);
        int[] outSize = {shape.spatial()[2], shape.spatial()[1], shape.spatial()[0]};
        int outChannels = shape.channels();
        double overlap = options.overlap() != null ? options.overlap() : card.overlap();
        SlidingWindow win = new SlidingWindow(grid.dimensions(), patch, outSize, grid.toStorage(card.outputCrop()), overlap,
                card.blending() == ModelCard.Blending.GAUSSIAN, card.sigmaScale());
        int batch = batchSize(model, options, card);
        List<boolean[]> mirrors = mirrors(options.tta() ? card.mirrorAxes() : List.of(), grid);
        long inFloats = (long) card.channels() * patch[0] * patch[1] * patch[2];
        long outFloats = (long) outChannels * outSize[0] * outSize[1] * outSize[2];
        if ((inFloats + outFloats) * batch * 4 > Integer.MAX_VALUE - 8) {
            throw new InferenceException("one batch of " + batch + " patches of " + Arrays.toString(card.patchSize()) + " with "
                    + outChannels + " output channels needs " + ((inFloats + outFloats) * batch * 4 >> 20)
                    + " MiB of tensors, above one buffer's 2 GiB: use a smaller batch or patch");
        }
        int inPer = (int) inFloats;
        int outPer = (int) outFloats;
        checkMemory(channels, grid, card, win, outChannels, batch, inPer, outPer);

        List<Normalization.Resolved> norms = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            norms.add(card.normalization().get(c).resolve(channels.get(c)));
        }
        float[][][] input = ModelInput.build(channels, norms, grid);
        VoxelType type = card.maxLabelValue() <= 255 ? VoxelType.UINT8 : VoxelType.UINT16;
        Volume.Builder labels = LabelMap.builder(first.dimensions(), type, first.geometry());
        LabelDecoder decoder = new LabelDecoder(grid, outChannels, card.output(), card.labelValueByChannel(outChannels),
                new LabelDecoder.LabelWriter(labels));
        ChannelSink sink = options.sink();
        SlabAccumulator acc = new SlabAccumulator(grid.dimensions(), outChannels, win.validSize()[2],
                sink != null || !grid.isExact(), (w, values, weightSum) -> {
                    if (sink != null) {
                        sink.slice(grid, w, values, outChannels);
                    }
                    decoder.accept(w, values, weightSum);
                });

        FloatBuffer in = direct((long) batch * inPer);
        FloatBuffer out = direct((long) batch * outPer);
        List<SlidingWindow.Patch> patches = win.patches();
        int units = patches.size() * mirrors.size();
        long modelNanos = 0;
        int runs = 0;
        float pad = (float) card.padValue();
        for (int firstUnit = 0; firstUnit < units; firstUnit += batch) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("model run interrupted after " + firstUnit / mirrors.size() + " of "
                        + patches.size() + " patches");
            }
            int n = Math.min(batch, units - firstUnit);
            int runBatch = model.fixedBatch() > 0 ? batch : n;
            for (int b = 0; b < runBatch; b++) {
                if (b < n) {
                    int unit = firstUnit + b;
                    fill(in, b * inPer, input, grid.dimensions(), patch, patches.get(unit / mirrors.size()).inputStart(),
                            mirrors.get(unit % mirrors.size()), pad);
                } else {
                    fillConstant(in, b * inPer, inPer, pad);
                }
            }
            long[] inShape = {runBatch, card.channels(), tensorPatch[0], tensorPatch[1], tensorPatch[2]};
            long[] outShape = {runBatch, outChannels, shape.spatial()[0], shape.spatial()[1], shape.spatial()[2]};
            modelNanos += model.run(view(in, runBatch * inPer), inShape, view(out, runBatch * outPer), outShape);
            runs++;
            for (int b = 0; b < n; b++) {
                int unit = firstUnit + b;
                acc.add(out, b * outPer, win, patches.get(unit / mirrors.size()).validStart(), mirrors.get(unit % mirrors.size()));
            }
            options.progress().patchesDone((firstUnit + n) / mirrors.size(), patches.size());
        }
        acc.finishAll();
        decoder.finish();

        Map<Integer, LabelInfo> info = new TreeMap<>();
        for (ModelLabel l : card.labels()) {
            info.put(l.value(), new LabelInfo(l.value(), l.name(), l.rgba()));
        }
        LabelMap map = new LabelMap(labels.build(), info);
        List<String> notes = new ArrayList<>(card.warnings());
        notes.addAll(model.notes());
        return new InferenceResult(map, model.device(), patches.size(), runs, (System.nanoTime() - t0) / 1e9,
                modelNanos / 1e9, grid, notes);
    }

    private static Volume checkChannels(List<Volume> channels, ModelCard card) {
        if (channels.size() != card.channels()) {
            throw new IllegalArgumentException("the card '" + card.name() + "' takes " + card.channels() + " input channel"
                    + (card.channels() == 1 ? "" : "s") + ", got " + channels.size());
        }
        Volume first = channels.get(0);
        for (int c = 1; c < channels.size(); c++) {
            Volume v = channels.get(c);
            if (!v.dimensions().equals(first.dimensions()) || !v.geometry().equalsWithin(first.geometry(), 1e-3)) {
                throw new IllegalArgumentException("input channel " + c + " (" + v.dimensions() + ") is not on the grid of channel 0 ("
                        + first.dimensions() + "): resample it first");
            }
        }
        return first;
    }

    private static int batchSize(SegmentationModel model, InferenceOptions options, ModelCard card) {
        int fixed = model.fixedBatch();
        if (fixed > 0) {
            if (options.batchSize() > 0 && options.batchSize() != fixed) {
                throw new IllegalArgumentException("the model " + model.path() + " runs batches of exactly " + fixed
                        + ", not " + options.batchSize());
            }
            return fixed;
        }
        return options.batchSize() > 0 ? options.batchSize() : card.batchSize();
    }

    /** Every combination of the mirror axes (model axes), as flips of the storage axes. */
    private static List<boolean[]> mirrors(List<Integer> modelAxes, ModelGrid grid) {
        int m = modelAxes.size();
        List<boolean[]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << m; mask++) {
            boolean[] flip = new boolean[3];
            for (int b = 0; b < m; b++) {
                if ((mask & (1 << b)) != 0) {
                    for (int s = 0; s < 3; s++) {
                        if (grid.modelAxis(s) == modelAxes.get(b)) {
                            flip[s] = true;
                        }
                    }
                }
            }
            out.add(flip);
        }
        return out;
    }

    private static void checkMemory(List<Volume> channels, ModelGrid grid, ModelCard card, SlidingWindow win, int outChannels,
            int batch, long inPer, long outPer) throws InferenceException {
        Dimensions g = grid.dimensions();
        long slab = SlabAccumulator.bytes(g, outChannels, win.validSize()[2]);
        long keep = grid.isExact() ? 0 : 2L * outChannels * g.nx() * g.ny() * 4;
        long input = ModelInput.bytes(grid, card.channels());
        long labels = grid.sourceDimensions().voxelCount() * (card.maxLabelValue() <= 255 ? 1 : 2);
        long tensors = batch * (inPer + outPer) * 4;
        long need = slab + keep + input + labels + tensors;
        long volumes = 0;
        for (Volume v : channels) {
            volumes += v.dimensions().voxelCount() * v.type().bytes();
        }
        long have = Runtime.getRuntime().maxMemory() - volumes;
        if (need > have) {
            throw new InferenceException(String.format(Locale.ROOT,
                    "the model run needs about %d MiB of Java heap (output slab %d MiB for %d channels of %s, model input %d MiB, "
                            + "labels %d MiB, tensors %d MiB) besides the volume, and the JVM has %d MiB in all: raise -Xmx or "
                            + "use a smaller patch", need >> 20, slab >> 20, outChannels, g, input >> 20, labels >> 20, tensors >> 20,
                    Runtime.getRuntime().maxMemory() >> 20));
        }
    }

    private static FloatBuffer direct(long floats) throws InferenceException {
        if (floats * 4 > Integer.MAX_VALUE - 8) {
            throw new InferenceException("one batch of patches needs " + (floats * 4 >> 20) + " MiB: use a smaller batch or patch");
        }
        return ByteBuffer.allocateDirect((int) floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static FloatBuffer view(FloatBuffer b, int floats) {
        return b.duplicate().position(0).limit(floats).slice();
    }

    private static void fillConstant(FloatBuffer buf, int base, int count, float value) {
        float[] row = new float[Math.min(count, 1 << 16)];
        Arrays.fill(row, value);
        for (int i = 0; i < count; i += row.length) {
            buf.put(base + i, row, 0, Math.min(row.length, count - i));
        }
    }

    /** Copies one (possibly mirrored) input patch, padding outside the grid, into {@code buf} at {@code base}. */
    private static void fill(FloatBuffer buf, int base, float[][][] input, Dimensions grid, int[] p, int[] start, boolean[] flip,
            float pad) {
        int nu = grid.nx();
        int nv = grid.ny();
        int nw = grid.nz();
        int channels = input.length;
        IntStream.range(0, channels * p[2]).parallel().forEach(task -> {
            FloatBuffer out = buf.duplicate();
            int c = task / p[2];
            int z = task % p[2];
            int w = start[2] + (flip[2] ? p[2] - 1 - z : z);
            float[] row = new float[p[0]];
            for (int y = 0; y < p[1]; y++) {
                int v = start[1] + (flip[1] ? p[1] - 1 - y : y);
                int dst = base + ((c * p[2] + z) * p[1] + y) * p[0];
                if (w < 0 || w >= nw || v < 0 || v >= nv) {
                    Arrays.fill(row, pad);
                } else {
                    float[] src = input[c][w];
                    int off = v * nu;
                    if (!flip[0] && start[0] >= 0 && start[0] + p[0] <= nu) {
                        out.put(dst, src, off + start[0], p[0]);
                        continue;
                    }
                    for (int x = 0; x < p[0]; x++) {
                        int u = start[0] + (flip[0] ? p[0] - 1 - x : x);
                        row[x] = u < 0 || u >= nu ? pad : src[off + u];
                    }
                }
                out.put(dst, row, 0, p[0]);
            }
        });
    }
}
