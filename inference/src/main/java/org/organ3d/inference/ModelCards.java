package org.organ3d.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.organ3d.inference.ModelCard.Blending;
import org.organ3d.inference.ModelCard.OutputKind;
import org.organ3d.inference.ModelCard.TensorAxes;

/**
 * Reads model cards (JSON; fields in docs/inference.md and ../shared/CONTRACT.md). A missing required
 * field, a value of the wrong kind or an inconsistent card is a {@link ModelCardException} naming the
 * card file and the field; fields the reader does not know are kept as warnings in
 * {@link ModelCard#warnings()}.
 */
public final class ModelCards {

    /** Largest card file read (a card is a few kilobytes; this guards against a wrong file). */
    public static final long MAX_BYTES = 4 << 20;

    private static final Set<String> KNOWN = Set.of("name", "inputSpacingMm", "patchSize", "tensorAxes", "channels",
            "normalization", "output", "labels", "orientation", "overlap", "mirrorAxes", "outputCrop", "padValue",
            "batchSize", "blending", "sigmaScale", "inputName", "outputName", "modality", "description", "version",
            "license", "citation", "source");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelCards() {
    }

    /** Reads and checks the card in {@code file}. */
    public static ModelCard read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelCardException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelCardException(file, "is " + size + " bytes: not a model card (at most " + MAX_BYTES + ")");
        }
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file);
    }

    /**
     * Parses and checks a card given as text.
     *
     * @param source the file it came from, for messages (may be null)
     */
    public static ModelCard parse(String json, Path source) throws ModelCardException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelCardException(source, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new ModelCardException(source, "a model card is a JSON object");
        }
        Reader r = new Reader(root, source);
        List<String> warnings = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                warnings.add("card field '" + f + "' is not used by organ3d");
            }
        }
        String name = r.text(root, "name", true);
        double[] spacing = r.spacing();
        int[] patch = r.ints(root, "patchSize", 3, true, null);
        TensorAxes axes = r.choice(root, "tensorAxes", TensorAxes.class, true, null);
        int channels = r.integer(root, "channels", 1);
        List<Normalization> norm = r.normalizations(channels);
        OutputKind output = r.choice(root, "output", OutputKind.class, true, null);
        List<ModelLabel> labels = r.labels(output);
        String orientation = r.text(root, "orientation", false);
        double overlap = r.number(root, "overlap", 0.5);
        List<Integer> mirror = r.mirrorAxes();
        int[] crop = r.ints(root, "outputCrop", 3, false, new int[3]);
        double pad = r.number(root, "padValue", 0);
        int batch = r.integer(root, "batchSize", 1);
        Blending blending = r.choice(root, "blending", Blending.class, false, Blending.GAUSSIAN);
        double sigma = r.number(root, "sigmaScale", 0.125);
        try {
            return new ModelCard(name, spacing, patch, axes, channels, norm, output, labels, orientation, overlap, mirror,
                    crop, pad, batch, blending, sigma, r.text(root, "inputName", false), r.text(root, "outputName", false),
                    r.text(root, "modality", false), warnings);
        } catch (IllegalArgumentException e) {
            throw new ModelCardException(source, e.getMessage());
        }
    }

    /** Field access with messages that name the card and the field. */
    private record Reader(JsonNode root, Path source) {

        ModelCardException error(String msg) {
            return new ModelCardException(source, msg);
        }

        JsonNode field(JsonNode obj, String key, boolean required) throws ModelCardException {
            JsonNode n = obj.get(key);
            if (n == null && required) {
                throw error("missing field '" + key + "'");
            }
            return n;
        }

        String text(JsonNode obj, String key, boolean required) throws ModelCardException {
            JsonNode n = field(obj, key, required);
            if (n == null || (n.isNull() && !required)) {
                return null;
            }
            if (!n.isTextual() || n.asText().isBlank()) {
                throw error("field '" + key + "' must be a non-empty string");
            }
            return n.asText();
        }

        double number(JsonNode obj, String key, double dflt) throws ModelCardException {
            JsonNode n = field(obj, key, false);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw error("field '" + key + "' must be a number");
            }
            return n.asDouble();
        }

        double requiredNumber(JsonNode obj, String key, String where) throws ModelCardException {
            JsonNode n = obj.get(key);
            if (n == null) {
                throw error("missing field '" + where + key + "'");
            }
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw error("field '" + where + key + "' must be a number");
            }
            return n.asDouble();
        }

        int integer(JsonNode obj, String key, int dflt) throws ModelCardException {
            JsonNode n = field(obj, key, false);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw error("field '" + key + "' must be an integer");
            }
            return n.asInt();
        }

        int[] ints(JsonNode obj, String key, int count, boolean required, int[] dflt) throws ModelCardException {
            JsonNode n = field(obj, key, required);
            if (n == null || (n.isNull() && !required)) {
                return dflt;
            }
            if (!n.isArray() || n.size() != count) {
                throw error("field '" + key + "' must be an array of " + count + " integers [x, y, z]");
            }
            int[] v = new int[count];
            for (int i = 0; i < count; i++) {
                if (!n.get(i).isIntegralNumber() || !n.get(i).canConvertToInt()) {
                    throw error("field '" + key + "' must be an array of " + count + " integers [x, y, z]");
                }
                v[i] = n.get(i).asInt();
            }
            return v;
        }

        double[] doubles(JsonNode n, String key, int count) throws ModelCardException {
            if (!n.isArray() || n.size() != count) {
                throw error("field '" + key + "' must be an array of " + count + " numbers");
            }
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                if (!n.get(i).isNumber() || !Double.isFinite(n.get(i).asDouble())) {
                    throw error("field '" + key + "' must be an array of " + count + " numbers");
                }
                v[i] = n.get(i).asDouble();
            }
            return v;
        }

        /** {@code inputSpacingMm}: required, [x, y, z] or null (the volume's own grid). */
        double[] spacing() throws ModelCardException {
            JsonNode n = field(root, "inputSpacingMm", true);
            return n.isNull() ? null : doubles(n, "inputSpacingMm", 3);
        }

        <E extends Enum<E>> E choice(JsonNode obj, String key, Class<E> type, boolean required, E dflt)
                throws ModelCardException {
            String s = text(obj, key, required);
            if (s == null) {
                return dflt;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s.trim())) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw error("field '" + key + "' must be one of " + names + " (got '" + s + "')");
        }

        /** One normalization object for all channels, or an array with one per channel. */
        List<Normalization> normalizations(int channels) throws ModelCardException {
            JsonNode n = field(root, "normalization", true);
            List<Normalization> list = new ArrayList<>();
            if (n.isArray()) {
                if (n.size() != channels) {
                    throw error("field 'normalization' has " + n.size() + " entries for " + channels + " channels");
                }
                for (int c = 0; c < channels; c++) {
                    list.add(normalization(n.get(c), "normalization[" + c + "]."));
                }
            } else {
                Normalization one = normalization(n, "normalization.");
                for (int c = 0; c < channels; c++) {
                    list.add(one);
                }
            }
            return list;
        }

        Normalization normalization(JsonNode n, String where) throws ModelCardException {
            if (!n.isObject()) {
                throw error("field '" + where.substring(0, where.length() - 1) + "' must be an object with a 'type'");
            }
            JsonNode t = n.get("type");
            if (t == null || !t.isTextual()) {
                throw error("missing field '" + where + "type' (none, ct or zscore)");
            }
            try {
                switch (t.asText().toLowerCase(Locale.ROOT)) {
                    case "none":
                        return new Normalization.None();
                    case "zscore":
                        return new Normalization.ZScore();
                    case "ct": {
                        double mean = requiredNumber(n, "mean", where);
                        double std = requiredNumber(n, "std", where);
                        JsonNode clip = n.get("clip");
                        JsonNode pct = n.get("clipPercentiles");
                        if ((clip == null) == (pct == null)) {
                            throw error("field '" + where + "clip' [lo, hi] (HU) or '" + where
                                    + "clipPercentiles' [p, q] is needed, exactly one");
                        }
                        if (clip != null) {
                            double[] c = doubles(clip, where + "clip", 2);
                            return new Normalization.Ct(c[0], c[1], mean, std);
                        }
                        double[] p = doubles(pct, where + "clipPercentiles", 2);
                        return new Normalization.CtPercentiles(p[0], p[1], mean, std);
                    }
                    default:
                        throw error("field '" + where + "type' must be none, ct or zscore (got '" + t.asText() + "')");
                }
            } catch (IllegalArgumentException e) {
                throw error("field '" + where.substring(0, where.length() - 1) + "': " + e.getMessage());
            }
        }

        /** {@code labels}: {"1": "liver"} or {"1": {"name": "liver", "value": 5, "color": "#aa5500"}}. */
        List<ModelLabel> labels(OutputKind output) throws ModelCardException {
            JsonNode n = field(root, "labels", true);
            if (!n.isObject() || n.isEmpty()) {
                throw error("field 'labels' must be a non-empty object {\"channel\": \"name\", ...}");
            }
            List<ModelLabel> list = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                int channel;
                try {
                    channel = Integer.parseInt(e.getKey().trim());
                } catch (NumberFormatException ex) {
                    throw error("labels: key '" + e.getKey() + "' is not an output channel number");
                }
                JsonNode v = e.getValue();
                String name;
                int value = channel;
                int rgba = Palette.colour(list.size());
                if (v.isTextual()) {
                    name = v.asText();
                } else if (v.isObject()) {
                    if (!v.has("name") || !v.get("name").isTextual()) {
                        throw error("missing field 'labels." + e.getKey() + ".name' (a string)");
                    }
                    name = v.get("name").asText();
                    value = v.has("value") ? integer(v, "value", channel) : channel;
                    String colour = text(v, "color", false);
                    if (colour != null) {
                        rgba = Palette.parse(colour).orElseThrow(() -> error("labels." + e.getKey()
                                + ".color must be #RRGGBB or #RRGGBBAA (got '" + colour + "')"));
                    }
                } else {
                    throw error("labels." + e.getKey() + " must be a name or an object with 'name'");
                }
                if (channel == 0 && value == 0 && output != OutputKind.SIGMOID) {
                    throw error("labels: channel 0 is the background of a " + output.label() + " model; label channels from 1");
                }
                if (value == 0) {
                    throw error("labels." + e.getKey() + ": label value 0 is background; give channel 0 a 'value' of 1..65535");
                }
                if (value < 1 || value > 65535) {
                    throw error("labels." + e.getKey() + ": label value must be 1..65535 (got " + value + ")");
                }
                try {
                    list.add(new ModelLabel(channel, value, name, rgba));
                } catch (IllegalArgumentException ex) {
                    throw error("labels." + e.getKey() + ": " + ex.getMessage());
                }
            }
            return list;
        }

        /** {@code mirrorAxes}: ["x", "y", "z"] (default: all three, as nnU-Net's 3D models allow). */
        List<Integer> mirrorAxes() throws ModelCardException {
            JsonNode n = field(root, "mirrorAxes", false);
            if (n == null || n.isNull()) {
                return List.of(0, 1, 2);
            }
            if (!n.isArray()) {
                throw error("field 'mirrorAxes' must be an array of axis names, e.g. [\"x\", \"y\", \"z\"]");
            }
            List<Integer> axes = new ArrayList<>();
            for (JsonNode a : n) {
                String s = a.asText("").trim().toLowerCase(Locale.ROOT);
                int i = "xyz".indexOf(s);
                if (s.length() != 1 || i < 0) {
                    throw error("field 'mirrorAxes' must hold \"x\", \"y\" or \"z\" (got " + a + ")");
                }
                axes.add(i);
            }
            return axes;
        }
    }
}
