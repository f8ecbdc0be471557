package org.organ3d.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What organ3d needs to know about an ONNX segmentation model: the grid it was trained on, its patch
 * size and tensor layout, how it wants intensities, what its output channels mean. Read from JSON by
 * {@link ModelCards#read}; every field is described in docs/inference.md. Immutable (arrays are
 * copied in and out).
 *
 * <p>Axes: "x", "y", "z" are the model grid's axes (index i, j, k of the grid the model sees, after
 * {@link #orientation()}); {@code [x, y, z]} arrays are in that order whatever {@link #tensorAxes()}.
 *
 * @param name           model name (reported)
 * @param inputSpacingMm model grid spacing [x, y, z] in mm, or null to run on the volume's own grid
 * @param patchSize      patch size [x, y, z] in voxels of the model grid
 * @param tensorAxes     order of the input tensor's spatial axes after batch and channel
 * @param channels       input channels (one volume each, all on one grid)
 * @param normalization  one per input channel
 * @param output         what the output channels hold
 * @param labels         output channel → label value, name and colour, by channel
 * @param orientation    three letters (nibabel's convention: the patient direction each model axis
 *                       increases toward, e.g. "RAS"), or null to keep the volume's index axes
 * @param overlap        default fraction of a patch shared with its neighbour, 0 ≤ overlap < 1
 * @param mirrorAxes     model axes (0 = x, 1 = y, 2 = z) that test-time mirroring may flip
 * @param outputCrop     voxels [x, y, z] dropped at each side of every output patch before blending
 * @param padValue       normalized value of voxels outside the volume
 * @param batchSize      patches per model run (default; the model's fixed batch dimension wins)
 * @param blending       how overlapping patches are weighted
 * @param sigmaScale     Gaussian σ as a fraction of the patch's valid size (nnU-Net, MONAI: 0.125)
 * @param inputName      the model input to feed, or null for the model's only input
 * @param outputName     the model output to read, or null for the model's first output
 * @param modality       "CT", "MR" ... (informative), or null
 * @param warnings       card fields not understood (reported, not fatal)
 */
public record ModelCard(String name, double[] inputSpacingMm, int[] patchSize, TensorAxes tensorAxes, int channels,
        List<Normalization> normalization, OutputKind output, List<ModelLabel> labels, String orientation,
        double overlap, List<Integer> mirrorAxes, int[] outputCrop, double padValue, int batchSize, Blending blending,
        double sigmaScale, String inputName, String outputName, String modality, List<String> warnings) {

    /** Largest patch extent accepted along one axis (guards against absurd cards). */
    public static final int MAX_PATCH = 4096;

    /**
     * Order of the input tensor's spatial axes after batch and channel: the model axis of tensor
     * dimensions 2, 3 and 4 (the last one varies fastest in memory).
     */
    public enum TensorAxes {
        /** [N, C, z, y, x]: numpy / PyTorch (nnU-Net; SimpleITK arrays). */
        ZYX,
        /** [N, C, x, y, z]: MONAI after LoadImage (nibabel arrays). */
        XYZ,
        /** [N, C, z, x, y]. */
        ZXY,
        /** [N, C, y, x, z]. */
        YXZ,
        /** [N, C, x, z, y] (e.g. nnU-Net with transpose_forward [2, 0, 1]). */
        XZY,
        /** [N, C, y, z, x]. */
        YZX;

        /** "zyx", "xyz", ... */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The model axis (0 = x, 1 = y, 2 = z) of tensor dimensions 2, 3 and 4. */
        public int[] modelAxes() {
            String n = label();
            return new int[] {n.charAt(0) - 'x', n.charAt(1) - 'x', n.charAt(2) - 'x'};
        }
    }

    /** What the output channels hold. */
    public enum OutputKind {
        /** Raw scores; channel 0 is background; the label is the argmax. */
        LOGITS,
        /** Probabilities that sum to one; channel 0 is background; the label is the argmax. */
        SOFTMAX,
        /** Independent probabilities; a channel fires at ≥ 0.5; the highest firing channel wins. */
        SIGMOID;

        /** "logits", "softmax" or "sigmoid". */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How overlapping patches are weighted. */
    public enum Blending {
        /** A Gaussian centred on each patch (nnU-Net, MONAI "gaussian"). */
        GAUSSIAN,
        /** Equal weights (MONAI "constant"). */
        CONSTANT
    }

    public ModelCard {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is empty");
        }
        if (inputSpacingMm != null) {
            inputSpacingMm = check3(inputSpacingMm, "inputSpacingMm");
        }
        patchSize = patchSize.clone();
        outputCrop = outputCrop.clone();
        if (patchSize.length != 3 || outputCrop.length != 3) {
            throw new IllegalArgumentException("patchSize and outputCrop need 3 values [x, y, z]");
        }
        for (int a = 0; a < 3; a++) {
            if (patchSize[a] < 1 || patchSize[a] > MAX_PATCH) {
                throw new IllegalArgumentException("patchSize must be 1.." + MAX_PATCH + ": " + Arrays.toString(patchSize));
            }
            if (outputCrop[a] < 0 || 2 * outputCrop[a] >= patchSize[a]) {
                throw new IllegalArgumentException("outputCrop " + Arrays.toString(outputCrop)
                        + " leaves nothing of patch " + Arrays.toString(patchSize));
            }
        }
        if (tensorAxes == null || output == null || blending == null) {
            throw new IllegalArgumentException("tensorAxes, output and blending are required");
        }
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels must be 1..64: " + channels);
        }
        normalization = List.copyOf(normalization);
        if (normalization.size() != channels) {
            throw new IllegalArgumentException("normalization gives " + normalization.size() + " entries for " + channels + " channels");
        }
        labels = sortedLabels(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels is empty");
        }
        if (output != OutputKind.SIGMOID && labels.get(0).channel() == 0) {
            throw new IllegalArgumentException("channel 0 is the background of a " + output.label() + " model: label channels from 1");
        }
        if (orientation != null) {
            Orientation.directions(orientation);
        }
        if (!(overlap >= 0 && overlap < 1)) {
            throw new IllegalArgumentException("overlap must be at least 0 and below 1: " + overlap);
        }
        mirrorAxes = List.copyOf(new java.util.TreeSet<>(mirrorAxes));
        for (int a : mirrorAxes) {
            if (a < 0 || a > 2) {
                throw new IllegalArgumentException("mirror axis must be 0..2 (x, y, z): " + a);
            }
        }
        if (!Double.isFinite(padValue)) {
            throw new IllegalArgumentException("padValue must be finite");
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batchSize must be 1..1024: " + batchSize);
        }
        if (!(sigmaScale > 0 && sigmaScale <= 10)) {
            throw new IllegalArgumentException("sigmaScale must be in (0, 10]: " + sigmaScale);
        }
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] inputSpacingMm() {
        return inputSpacingMm == null ? null : inputSpacingMm.clone();
    }

    @Override
    public int[] patchSize() {
        return patchSize.clone();
    }

    @Override
    public int[] outputCrop() {
        return outputCrop.clone();
    }

    /** Output channels the model must have: one past the highest labelled channel. */
    public int outputChannels() {
        return labels.get(labels.size() - 1).channel() + 1;
    }

    /** Label value by output channel (0 for an unlabelled channel: background). */
    public int[] labelValueByChannel(int outputChannels) {
        int[] v = new int[outputChannels];
        for (ModelLabel l : labels) {
            if (l.channel() < outputChannels) {
                v[l.channel()] = l.value();
            }
        }
        return v;
    }

    /** Label values to names, for the label map's metadata. */
    public Map<Integer, ModelLabel> labelsByValue() {
        Map<Integer, ModelLabel> m = new TreeMap<>();
        for (ModelLabel l : labels) {
            m.put(l.value(), l);
        }
        return m;
    }

    /** The largest label value (decides uint8 or uint16 output). */
    public int maxLabelValue() {
        return labels.stream().mapToInt(ModelLabel::value).max().orElse(0);
    }

    private static double[] check3(double[] v, String field) {
        if (v.length != 3) {
            throw new IllegalArgumentException(field + " needs 3 values [x, y, z]");
        }
        for (double d : v) {
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException(field + " must be positive and finite: " + Arrays.toString(v));
            }
        }
        return v.clone();
    }

    private static List<ModelLabel> sortedLabels(List<ModelLabel> labels) {
        List<ModelLabel> l = new ArrayList<>(labels);
        l.sort((a, b) -> Integer.compare(a.channel(), b.channel()));
        for (int i = 1; i < l.size(); i++) {
            if (l.get(i).channel() == l.get(i - 1).channel()) {
                throw new IllegalArgumentException("channel " + l.get(i).channel() + " is labelled twice");
            }
        }
        java.util.Set<Integer> values = new java.util.HashSet<>();
        for (ModelLabel m : l) {
            if (!values.add(m.value())) {
                throw new IllegalArgumentException("label value " + m.value() + " is given to two channels");
            }
        }
        return List.copyOf(l);
    }
}
