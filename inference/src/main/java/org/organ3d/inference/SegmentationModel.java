package org.organ3d.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ONNX segmentation model with its card, loaded once into an ONNX Runtime session and checked
 * against the card: the input must be float32 of rank 5 {@code [batch, channels, s0, s1, s2]} with
 * the card's channel count and (where fixed) patch size; the output float32 of rank 5 with one
 * channel per labelled class (plus background for softmax and logits). A mismatch is an
 * {@link InvalidModelException} naming the model file, the card and the mismatch.
 *
 * <p>Reuse: a model is meant to be opened once and run on many volumes
 * ({@link ModelSegmentation#run}); it is thread-safe (ONNX Runtime sessions accept concurrent runs;
 * each run keeps its own buffers). Close it to free the native session.
 *
 * <p>Devices follow {@link Device}'s rule; a CUDA session chosen by {@link Device#AUTO} that fails
 * during a run is replaced by a CPU session, with one warning, and the run goes on.
 */
public final class SegmentationModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.organ3d.inference");

    /** Output channels and spatial size (tensor order) for one input patch size. */
    record OutputShape(int channels, int[] spatial) {
    }

    private final Path path;
    private final Path cardPath;
    private final ModelCard card;
    private final ModelOptions options;
    private final OrtEnvironment env;
    private final String inputName;
    private final String outputName;
    private final int fixedBatch;
    private final long[] inputShape;
    private final long[] outputShape;
    private final boolean outputLikeInput;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, OutputShape> shapes = new ConcurrentHashMap<>();
    private volatile OrtSession session;
    private volatile String device;

    private SegmentationModel(Path path, Path cardPath, ModelCard card, ModelOptions options) throws IOException {
        this.path = path;
        this.cardPath = cardPath;
        this.card = card;
        this.options = options;
        if (!Files.isRegularFile(path)) {
            throw new InvalidModelException(path, Files.exists(path) ? "not a regular file" : "no such file");
        }
        if (Files.size(path) == 0) {
            throw new InvalidModelException(path, "empty file: not an ONNX model");
        }
        this.env = environment();
        this.session = openSession(options.device());
        try {
            Map<String, NodeInfo> ins = session.getInputInfo();
            Map<String, NodeInfo> outs = session.getOutputInfo();
            this.inputName = pick(ins, card.inputName(), "input", "inputName");
            this.outputName = pick(outs, card.outputName(), "output", "outputName");
            TensorInfo in = tensor(ins.get(inputName), "input '" + inputName + "'");
            TensorInfo out = tensor(outs.get(outputName), "output '" + outputName + "'");
            this.inputShape = in.getShape();
            this.outputShape = out.getShape();
            this.fixedBatch = inputShape[0] > 0 ? (int) inputShape[0] : 0;
            checkInput();
            if (outputShape[1] > 0) {
                checkOutputChannels((int) outputShape[1]);
            }
            String[] inNames = in.getDimensionNames();
            String[] outNames = out.getDimensionNames();
            boolean same = true;
            for (int d = 2; d < 5; d++) {
                boolean fixedEqual = inputShape[d] > 0 && inputShape[d] == outputShape[d];
                boolean namedEqual = inputShape[d] <= 0 && outputShape[d] <= 0 && inNames[d] != null && !inNames[d].isEmpty()
                        && inNames[d].equals(outNames[d]);
                same &= fixedEqual || namedEqual;
            }
            this.outputLikeInput = same;
        } catch (OrtException e) {
            close();
            throw new InvalidModelException(path, "cannot read the model's inputs and outputs: " + ortMessage(e), e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** ONNX Runtime's environment; its native library is loaded here, on first use. */
    private static OrtEnvironment environment() throws InferenceException {
        try {
            return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "organ3d");
        } catch (LinkageError | IllegalStateException e) {
            // NB: UnsatisfiedLinkError (no native build for this OS/architecture, or a missing system
            // library) is an Error: turned into one clear checked exception rather than a stack trace
            throw new InferenceException("ONNX Runtime's native library could not be loaded on " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
    }

    /** Opens the model at {@code onnx} described by the card file {@code card}. */
    public static SegmentationModel open(Path onnx, Path card, ModelOptions options) throws IOException {
        return new SegmentationModel(onnx, card, ModelCards.read(card), options);
    }

    /** Opens the model at {@code onnx} described by {@code card}. */
    public static SegmentationModel open(Path onnx, ModelCard card, ModelOptions options) throws IOException {
        return new SegmentationModel(onnx, null, card, options);
    }

    /** The model file. */
    public Path path() {
        return path;
    }

    /** The model's card. */
    public ModelCard card() {
        return card;
    }

    /** The device the session runs on now: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return device;
    }

    /** Warnings so far (a device fallback), one line each. */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** The model's fixed batch size, or 0 when the batch dimension is free. */
    public int fixedBatch() {
        return fixedBatch;
    }

    private OrtSession openSession(Device want) throws IOException {
        Device d = want;
        if (want.kind() != Device.Kind.CPU) {
            String why = null;
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                why = "the ONNX Runtime on the class path has no CUDA provider (it is the CPU build "
                        + "com.microsoft.onnxruntime:onnxruntime; use onnxruntime_gpu, see docs/inference.md)";
            } else {
                try {
                    OrtSession s = create(want.kind() == Device.Kind.AUTO ? Device.cuda(0) : want);
                    device = want.kind() == Device.Kind.AUTO ? "cuda:0" : want.toString();
                    return s;
                } catch (OrtException e) {
                    why = "CUDA device " + want.index() + " could not be opened: " + ortMessage(e);
                }
            }
            if (want.kind() == Device.Kind.CUDA) {
                throw new DeviceUnavailableException("device " + want + " is unavailable: " + why);
            }
            note("CUDA unavailable (" + why + "); using cpu");
            d = Device.CPU;
        }
        try {
            OrtSession s = create(d);
            device = "cpu";
            return s;
        } catch (OrtException e) {
            throw new InvalidModelException(path, "not a usable ONNX model (" + ortMessage(e) + ")", e);
        }
    }

    private OrtSession create(Device d) throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (options.threads() > 0) {
                so.setIntraOpNumThreads(options.threads());
            }
            if (d.kind() == Device.Kind.CUDA) {
                so.addCUDA(d.index());
            }
            return env.createSession(path.toString(), so);
        }
    }

    private synchronized void note(String s) {
        notes.add(s);
        LOG.log(Level.WARNING, s);
    }

    private String pick(Map<String, NodeInfo> nodes, String wanted, String what, String field) throws InvalidModelException {
        if (wanted != null) {
            if (!nodes.containsKey(wanted)) {
                throw new InvalidModelException(path, "has no " + what + " named '" + wanted + "' (card " + cardName() + ", field '"
                        + field + "'); its " + what + "s are " + nodes.keySet());
            }
            return wanted;
        }
        if (nodes.isEmpty()) {
            throw new InvalidModelException(path, "has no " + what);
        }
        if (what.equals("input") && nodes.size() > 1) {
            throw new InvalidModelException(path, "has " + nodes.size() + " inputs " + nodes.keySet()
                    + ": name the image input in the card's 'inputName'");
        }
        return nodes.keySet().iterator().next();
    }

    private TensorInfo tensor(NodeInfo n, String what) throws InvalidModelException {
        if (!(n.getInfo() instanceof TensorInfo t)) {
            throw new InvalidModelException(path, what + " is not a tensor: " + n.getInfo());
        }
        if (t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new InvalidModelException(path, what + " is " + t.type.name().toLowerCase(java.util.Locale.ROOT)
                    + ", organ3d exchanges float32 tensors");
        }
        if (t.getShape().length != 5) {
            throw new InvalidModelException(path, what + " has rank " + t.getShape().length + " " + Arrays.toString(t.getShape())
                    + "; the card " + cardName() + " describes a 3D model: [batch, channels, " + axesText() + "] (rank 5)");
        }
        return t;
    }

    private void checkInput() throws InvalidModelException {
        if (inputShape[1] > 0 && inputShape[1] != card.channels()) {
            throw new InvalidModelException(path, "input '" + inputName + "' has " + inputShape[1] + " channel"
                    + (inputShape[1] == 1 ? "" : "s") + ", the card " + cardName() + " says channels = " + card.channels());
        }
        int[] p = tensorPatch();
        for (int d = 0; d < 3; d++) {
            if (inputShape[d + 2] > 0 && inputShape[d + 2] != p[d]) {
                throw new InvalidModelException(path, "input '" + inputName + "' takes patches of "
                        + Arrays.toString(Arrays.copyOfRange(inputShape, 2, 5)) + " (" + axesText() + "), the card "
                        + cardName() + " has patchSize " + Arrays.toString(card.patchSize()) + " [x, y, z] = "
                        + Arrays.toString(p) + " (" + axesText() + ")");
            }
        }
    }

    private void checkOutputChannels(int c) throws InvalidModelException {
        boolean sigmoid = card.output() == ModelCard.OutputKind.SIGMOID;
        int labelled = card.labels().size();
        int want = sigmoid ? labelled : labelled + 1;
        if (c != want || card.outputChannels() > c) {
            throw new InvalidModelException(path, "output '" + outputName + "' has " + c + " channels; the card " + cardName()
                    + " labels " + labelled + " channel" + (labelled == 1 ? "" : "s") + " (highest " + (card.outputChannels() - 1)
                    + ") of a " + card.output().label() + " model, which needs " + (sigmoid ? "a label for every channel"
                    : "a label for every channel but background channel 0"));
        }
    }

    /** The card's patch in tensor order (the input's dimensions 2, 3, 4). */
    int[] tensorPatch() {
        int[] p = card.patchSize();
        int[] m = card.tensorAxes().modelAxes();
        return new int[] {p[m[0]], p[m[1]], p[m[2]]};
    }

    private String axesText() {
        String n = card.tensorAxes().label();
        return n.charAt(0) + ", " + n.charAt(1) + ", " + n.charAt(2);
    }

    private String cardName() {
        return cardPath == null ? "'" + card.name() + "'" : cardPath.toString();
    }

    /**
     * Output channels and spatial size for input patches of {@code patch} (tensor order): from the
     * model's declared shapes when they say, else from one run on zeros (once per patch size).
     */
    OutputShape outputShape(int[] patch) throws IOException {
        String key = Arrays.toString(patch);
        OutputShape known = shapes.get(key);
        if (known != null) {
            return known;
        }
        OutputShape s;
        if (outputShape[1] > 0 && (outputLikeInput || (outputShape[2] > 0 && outputShape[3] > 0 && outputShape[4] > 0))) {
            int[] sp = outputLikeInput ? patch.clone()
                    : new int[] {(int) outputShape[2], (int) outputShape[3], (int) outputShape[4]};
            s = new OutputShape((int) outputShape[1], sp);
        } else {
            s = probe(patch);
        }
        for (int d = 0; d < 3; d++) {
            if (s.spatial()[d] > patch[d] || (patch[d] - s.spatial()[d]) % 2 != 0 || s.spatial()[d] < 1) {
                throw new InvalidModelException(path, "output '" + outputName + "' is " + Arrays.toString(s.spatial())
                        + " for input patches of " + Arrays.toString(patch) + " (" + axesText()
                        + "): organ3d needs the output centred in the patch (as large or smaller by an even count)");
            }
        }
        shapes.put(key, s);
        return s;
    }

    private OutputShape probe(int[] patch) throws IOException {
        OrtSession session = this.session;
        if (session == null) {
            throw new IllegalStateException(path + ": the model is closed");
        }
        int b = Math.max(1, fixedBatch);
        long[] shape = {b, card.channels(), patch[0], patch[1], patch[2]};
        long n = b * (long) card.channels() * patch[0] * patch[1] * patch[2];
        if (n * 4 > Integer.MAX_VALUE - 8) {
            throw new InvalidModelException(path, "a patch of " + Arrays.toString(shape) + " is above 2 GiB: use a smaller patch");
        }
        FloatBuffer zeros = ByteBuffer.allocateDirect(Math.toIntExact(n * 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        try (OnnxTensor t = OnnxTensor.createTensor(env, zeros, shape);
                OrtSession.Result r = session.run(Map.of(inputName, t), java.util.Set.of(outputName))) {
            long[] os = ((TensorInfo) r.get(0).getInfo()).getShape();
            if (os.length != 5) {
                throw new InvalidModelException(path, "output '" + outputName + "' has rank " + os.length + " " + Arrays.toString(os));
            }
            checkOutputChannels((int) os[1]);
            return new OutputShape((int) os[1], new int[] {(int) os[2], (int) os[3], (int) os[4]});
        } catch (OrtException e) {
            throw new InvalidModelException(path, "running one patch " + Arrays.toString(shape) + " failed: " + ortMessage(e)
                    + " (is the card's patchSize " + Arrays.toString(card.patchSize()) + " one the model accepts?)", e);
        }
    }

    /**
     * Runs one batch: {@code in} holds {@code inShape} floats, {@code out} receives {@code outShape}
     * floats (both direct, native order, exactly that long). Returns the run's wall time in ns.
     */
    long run(FloatBuffer in, long[] inShape, FloatBuffer out, long[] outShape) throws InferenceException {
        OrtSession s = session;
        if (s == null) {
            throw new IllegalStateException(path + ": the model is closed");
        }
        try {
            return runOn(s, in, inShape, out, outShape);
        } catch (OrtException e) {
            if (options.device().kind() != Device.Kind.AUTO || "cpu".equals(device)) {
                throw new InferenceException(path + ": the model failed on " + device + " for a batch " + Arrays.toString(inShape)
                        + ": " + ortMessage(e), e);
            }
            fallBack(s, e);
            try {
                return runOn(session, in, inShape, out, outShape);
            } catch (OrtException e2) {
                throw new InferenceException(path + ": the model failed on cpu for a batch " + Arrays.toString(inShape) + ": "
                        + ortMessage(e2), e2);
            }
        }
    }

    private long runOn(OrtSession s, FloatBuffer in, long[] inShape, FloatBuffer out, long[] outShape) throws OrtException {
        try (OnnxTensor ti = OnnxTensor.createTensor(env, in, inShape);
                OnnxTensor to = OnnxTensor.createTensor(env, out, outShape)) {
            long t = System.nanoTime();
            try (OrtSession.Result r = s.run(Map.of(inputName, ti), Map.of(outputName, to))) {
                return System.nanoTime() - t;
            }
        }
    }

    private synchronized void fallBack(OrtSession failed, OrtException why) throws InferenceException {
        if (session != failed) {
            return;
        }
        try {
            OrtSession cpu = create(Device.CPU);
            note("the model failed on " + device + " (" + ortMessage(why) + "); running on cpu");
            session = cpu;
            device = "cpu";
            failed.close();
        } catch (OrtException e) {
            throw new InferenceException(path + ": falling back to cpu failed: " + ortMessage(e), e);
        }
    }

    /** ONNX Runtime's message without its "Error code - X - message:" prefix. */
    static String ortMessage(OrtException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("message: ");
        return i >= 0 ? m.substring(i + 9).strip() : m.strip();
    }

    @Override
    public void close() {
        OrtSession s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.log(Level.WARNING, "closing the ONNX Runtime session of " + path + ": " + ortMessage(e));
            }
        }
    }
}
