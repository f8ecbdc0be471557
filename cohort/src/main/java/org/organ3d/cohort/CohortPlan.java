package org.organ3d.cohort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.joml.Vector3d;
import org.organ3d.mesh.SurfaceExtraction.PostProcessing;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.HuPresets;
import org.organ3d.segment.SegmentationPlan;
import org.organ3d.segment.ThresholdRange;

/**
 * What the cohort job does to every study (docs/cohort.md, "Plan"): where the labels come from (the
 * manifest's label maps, SEG or RTSTRUCT files, or a segmentation run on each image with the options
 * of {@code organ3d segment}), what is measured, and whether meshes are written. Parsed from JSON,
 * validated completely before any study runs; unknown keys are refused (a misspelt option must not
 * silently change a cohort's numbers).
 *
 * <p>The {@linkplain #hash() plan hash} is part of every study's output key: it is the SHA-256 of the
 * plan in a canonical form (keys sorted, numbers normalised, whitespace dropped) together with
 * {@link #OUTPUT_VERSION}, so reformatting the file does not rerun the cohort but any change of
 * meaning does. Immutable and thread-safe.
 *
 * @param json         the canonical plan text (what the executors parse again)
 * @param hash         16 hex digits of the SHA-256 of the canonical plan (model files by content); empty in a
 *                     plan parsed on an executor
 * @param source       where the labels come from
 * @param segmentation the segmentation run on each image ({@link LabelSource#SEGMENT}), else empty
 * @param model        the segmentation network run on each image ({@link LabelSource#MODEL}), else empty
 * @param intensity    measure intensity statistics of the image under each label
 * @param labels       the label values to measure; empty for every label present
 * @param surfaces     measure mesh volume, surface area and sphericity (the label surfaces)
 * @param smooth       windowed-sinc iterations applied to the surfaces before they are measured (0: none)
 * @param meshes       the meshes to write per study, if any
 * @param strict       refuse irregular inputs (missing or uneven slices ...) instead of warning
 * @param maxVoxels    studies with more voxels than this fail at the read stage (before decoding)
 */
public record CohortPlan(String json, String hash, LabelSource source, Optional<SegmentationPlan> segmentation,
        Optional<Model> model, boolean intensity, Set<Integer> labels, boolean surfaces, int smooth, Optional<Meshes> meshes, boolean strict,
        long maxVoxels) {

    /** Bumped whenever the output tables change meaning: every study reruns. */
    public static final String OUTPUT_VERSION = "organ3d-cohort-1";

    /** Default {@code maxVoxels}: 1024 × 1024 × 1024. */
    public static final long DEFAULT_MAX_VOXELS = 1L << 30;

    /** Where a study's labels come from. */
    public enum LabelSource {
        /** The manifest's {@code labels} column: a label map, DICOM SEG or RTSTRUCT. */
        MANIFEST,
        /** {@code segment}: the options of {@code organ3d segment}, run on each image. */
        SEGMENT,
        /** {@code model}: an ONNX segmentation network with its model card (module inference), run on each image. */
        MODEL
    }

    /**
     * A segmentation network (docs/inference.md) run on each image, as {@code organ3d segment --model}.
     *
     * @param onnx    the model file (absolute; on a file system every executor sees)
     * @param card    its model card (absolute)
     * @param overlap fraction of a patch shared with its neighbours, or null for the card's
     * @param tta     test-time augmentation (mirroring)
     * @param device  {@code cpu}, {@code auto} or {@code cuda:N}
     * @param threads ONNX Runtime threads per task (0: the task's threads)
     * @param batch   patches per model run (0: the card's)
     */
    public record Model(Path onnx, Path card, Double overlap, boolean tta, String device, int threads, int batch) {

        public Model {
            if (overlap != null && !(overlap >= 0 && overlap < 1)) {
                throw new IllegalArgumentException("model.overlap must be at least 0 and below 1, not " + overlap);
            }
            if (threads < 0 || batch < 0 || batch > 1024) {
                throw new IllegalArgumentException("model.threads and model.batch are counts (batch at most 1024)");
            }
        }
    }

    /**
     * The meshes a study writes ({@code DIR/meshes/<study_key>/}).
     *
     * @param format      {@code glb} (one file, every label) or {@code stl} (one file per label)
     * @param smooth      windowed-sinc iterations (0: none)
     * @param decimate    fraction of triangles kept (1: all)
     * @param coordinates the frame the files are written in
     */
    public record Meshes(String format, int smooth, double decimate, CoordinateSystem coordinates) {

        public Meshes {
            if (!format.equals("glb") && !format.equals("stl")) {
                throw new IllegalArgumentException("meshes.format must be \"glb\" or \"stl\", not \"" + format + "\"");
            }
            checkSmooth("meshes.smooth", smooth);
            if (!(decimate > 0 && decimate <= 1)) {
                throw new IllegalArgumentException("meshes.decimate is the fraction of triangles kept, in (0, 1]: " + decimate);
            }
        }

        /** The post-processing of the surfaces. */
        public PostProcessing post() {
            return new PostProcessing(false, smooth, decimate, Double.POSITIVE_INFINITY);
        }
    }

    public CohortPlan {
        labels = Set.copyOf(labels);
        if (maxVoxels < 1) {
            throw new IllegalArgumentException("maxVoxels must be >= 1");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> TOP = Set.of("labels", "segment", "model", "measure", "meshes", "read", "maxVoxels");
    private static final Set<String> MODEL = Set.of("path", "card", "overlap", "tta", "device", "threads", "batch");
    private static final Set<String> MEASURE = Set.of("intensity", "labels", "surfaces", "smooth");
    private static final Set<String> MESHES = Set.of("format", "smooth", "decimate", "coords");
    private static final Set<String> READ = Set.of("strict");
    private static final Set<String> SEGMENT = Set.of("threshold", "preset", "otsu", "seed", "seeds", "regionGrow",
            "confidence", "connectivity", "maxVolume", "largest", "minSize", "fillHoles", "close", "open", "dilate",
            "erode", "label");

    /**
     * Reads and validates a plan file.
     *
     * @throws NoSuchFileException  if there is no such file
     * @throws InvalidPlanException if it is not a valid plan (the message names the file and the key)
     */
    public static CohortPlan read(Path file) throws IOException, InvalidPlanException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such plan file");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent(), true);
        } catch (IllegalArgumentException e) {
            throw new InvalidPlanException(file, e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidPlanException(file, "not UTF-8 text");
        }
    }

    /**
     * Parses and validates a plan.
     *
     * @throws IllegalArgumentException with the reason (the key and what is wrong) for any invalid plan
     */
    public static CohortPlan parse(String text) {
        return parse(text, Path.of("").toAbsolutePath(), true);
    }

    /**
     * Parses and validates a plan.
     *
     * @param base      the folder relative model paths resolve against (the plan file's)
     * @param hashFiles hash the model files into the plan hash (the driver does; executors, which get the
     *                  plan with absolute paths and its hash, do not read the model twice)
     * @throws IllegalArgumentException with the reason (the key and what is wrong) for any invalid plan
     */
    static CohortPlan parse(String text, Path base, boolean hashFiles) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a plan is a JSON object, e.g. {\"labels\": \"manifest\"}");
        }
        checkKeys("plan", root, TOP);
        LabelSource source;
        Optional<SegmentationPlan> seg = Optional.empty();
        Optional<Model> model = Optional.empty();
        String modelFiles = "";
        int ways = (root.has("labels") ? 1 : 0) + (root.has("segment") ? 1 : 0) + (root.has("model") ? 1 : 0);
        if (ways != 1) {
            throw new IllegalArgumentException("give exactly one of \"labels\": \"manifest\", \"segment\": {...} and "
                    + "\"model\": {...}");
        }
        if (root.has("model")) {
            source = LabelSource.MODEL;
            JsonNode m = object(root, "model");
            checkKeys("model", m, MODEL);
            Path onnx = base.resolve(text(m, "path", null)).toAbsolutePath().normalize();
            Path card = base.resolve(text(m, "card", null)).toAbsolutePath().normalize();
            model = Optional.of(new Model(onnx, card, m.has("overlap") ? number(m, "overlap", 0) : null, bool(m, "tta", false),
                    text(m, "device", "cpu"), integer(m, "threads", 0), integer(m, "batch", 0)));
            ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("path", onnx.toString());
            ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("card", card.toString());
            if (hashFiles) {
                modelFiles = "\nmodel " + fileHash(onnx, "model.path") + "\ncard " + fileHash(card, "model.card");
            }
        } else if (root.has("labels")) {
            if (!"manifest".equals(root.get("labels").asText(null)) || !root.get("labels").isTextual()) {
                throw new IllegalArgumentException("\"labels\" takes \"manifest\" (the manifest's labels column), not "
                        + root.get("labels"));
            }
            source = LabelSource.MANIFEST;
        } else {
            source = LabelSource.SEGMENT;
            seg = Optional.of(segmentation(object(root, "segment")));
        }
        boolean intensity = false;
        Set<Integer> only = Set.of();
        boolean surfaces = true;
        int smooth = 0;
        if (root.has("measure")) {
            JsonNode m = object(root, "measure");
            checkKeys("measure", m, MEASURE);
            intensity = bool(m, "intensity", false);
            surfaces = bool(m, "surfaces", true);
            smooth = integer(m, "smooth", 0);
            checkSmooth("measure.smooth", smooth);
            if (smooth != 0 && !surfaces) {
                throw new IllegalArgumentException("measure.smooth needs measure.surfaces");
            }
            if (m.has("labels")) {
                Set<Integer> s = new LinkedHashSet<>();
                JsonNode ls = m.get("labels");
                if (!ls.isArray() || ls.isEmpty()) {
                    throw new IllegalArgumentException("measure.labels is a non-empty list of label values, e.g. [1, 2]");
                }
                for (JsonNode l : ls) {
                    if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 1 || l.asInt() > 65535) {
                        throw new IllegalArgumentException("measure.labels: label values are whole numbers 1..65535, not " + l);
                    }
                    s.add(l.asInt());
                }
                only = s;
            }
        }
        Optional<Meshes> meshes = Optional.empty();
        if (root.has("meshes")) {
            JsonNode m = object(root, "meshes");
            checkKeys("meshes", m, MESHES);
            String coords = text(m, "coords", "LPS").toUpperCase(Locale.ROOT);
            if (!coords.equals("LPS") && !coords.equals("RAS")) {
                throw new IllegalArgumentException("meshes.coords is \"LPS\" or \"RAS\", not \"" + coords + "\"");
            }
            meshes = Optional.of(new Meshes(text(m, "format", "glb").toLowerCase(Locale.ROOT), integer(m, "smooth", 0),
                    number(m, "decimate", 1), CoordinateSystem.valueOf(coords)));
        }
        boolean strict = false;
        if (root.has("read")) {
            JsonNode r = object(root, "read");
            checkKeys("read", r, READ);
            strict = bool(r, "strict", false);
        }
        long maxVoxels = DEFAULT_MAX_VOXELS;
        if (root.has("maxVoxels")) {
            JsonNode n = root.get("maxVoxels");
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1) {
                throw new IllegalArgumentException("maxVoxels is a whole number >= 1, not " + n);
            }
            maxVoxels = n.asLong();
        }
        String canonical = canonical(root);
        String hash = "";
        if (hashFiles) {
            // NB: the model's bytes count, not where it lies: a moved model does not rerun the cohort, new weights do
            JsonNode meaning = root.deepCopy();
            if (meaning.has("model")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) meaning.get("model")).remove(List.of("path", "card"));
            }
            hash = sha256Hex(OUTPUT_VERSION + "\n" + canonical(meaning) + modelFiles).substring(0, 16);
        }
        return new CohortPlan(canonical, hash, source, seg, model, intensity, only, surfaces, smooth, meshes, strict, maxVoxels);
    }

    /** The segmentation options, exactly as {@code organ3d segment} takes them (keys without dashes). */
    private static SegmentationPlan segmentation(JsonNode s) {
        checkKeys("segment", s, SEGMENT);
        SegmentationPlan.Builder b = SegmentationPlan.builder();
        int ways = (s.has("threshold") ? 1 : 0) + (s.has("preset") ? 1 : 0) + (bool(s, "otsu", false) ? 1 : 0);
        if (ways > 1) {
            throw new IllegalArgumentException("segment: give one of threshold, preset and otsu");
        }
        if (s.has("threshold")) {
            JsonNode t = s.get("threshold");
            if (t.isTextual()) {
                b.range(ThresholdRange.parse(t.asText()));
            } else if (t.isArray() && t.size() == 2) {
                b.range(new ThresholdRange(bound(t.get(0), Double.NEGATIVE_INFINITY), bound(t.get(1), Double.POSITIVE_INFINITY)));
            } else {
                throw new IllegalArgumentException("segment.threshold is \"LO:HI\" or [LO, HI] (rescaled units, HU), not " + t);
            }
        }
        if (s.has("preset")) {
            b.preset(HuPresets.byName(text(s, "preset", null)));
        }
        b.otsu(bool(s, "otsu", false)).regionGrow(bool(s, "regionGrow", false)).largest(bool(s, "largest", false))
                .fillHoles(bool(s, "fillHoles", false));
        if (s.has("seed") && s.has("seeds")) {
            throw new IllegalArgumentException("segment: give seed or seeds, not both");
        }
        for (String key : List.of("seed", "seeds")) {
            if (s.has(key)) {
                for (Vector3d p : seeds(key, s.get(key))) {
                    b.seed(p);
                }
            }
        }
        if (s.has("confidence")) {
            b.confidence(number(s, "confidence", Double.NaN));
        }
        b.connectivity(Connectivity.of(integer(s, "connectivity", 6)));
        if (s.has("maxVolume")) {
            b.maxVolumeMm3(number(s, "maxVolume", 0));
        }
        b.minSizeMm3(number(s, "minSize", 0)).close(number(s, "close", 0)).open(number(s, "open", 0))
                .dilate(number(s, "dilate", 0)).erode(number(s, "erode", 0)).label(integer(s, "label", 1));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("segment: " + e.getMessage(), e);
        }
    }

    /** One point [x, y, z], a list of them, or "X,Y,Z" (LPS mm). */
    private static List<Vector3d> seeds(String key, JsonNode n) {
        List<Vector3d> out = new ArrayList<>();
        if (n.isTextual()) {
            String[] p = n.asText().split(",");
            if (p.length != 3) {
                throw new IllegalArgumentException("segment." + key + ": \"X,Y,Z\" in LPS mm, not " + n);
            }
            try {
                out.add(finite(key, new Vector3d(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                        Double.parseDouble(p[2].trim()))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("segment." + key + ": three numbers X,Y,Z in LPS mm, not " + n);
            }
        } else if (n.isArray() && n.size() == 3 && n.get(0).isNumber()) {
            out.add(finite(key, new Vector3d(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble())));
        } else if (n.isArray() && !n.isEmpty()) {
            for (JsonNode p : n) {
                out.addAll(seeds(key, p));
            }
        } else {
            throw new IllegalArgumentException("segment." + key + ": [x, y, z] in LPS mm or a list of them, not " + n);
        }
        return out;
    }

    private static Vector3d finite(String key, Vector3d v) {
        if (!v.isFinite()) {
            throw new IllegalArgumentException("segment." + key + ": coordinates must be finite: " + v);
        }
        return v;
    }

    private static double bound(JsonNode n, double open) {
        if (n.isNull()) {
            return open;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("segment.threshold bounds are numbers or null, not " + n);
        }
        return n.asDouble();
    }

    static void checkSmooth(String key, int smooth) {
        if (smooth != 0 && (smooth < 2 || smooth > 1000)) {
            throw new IllegalArgumentException(key + " takes 2..1000 iterations (or 0 for none), not " + smooth);
        }
    }

    private static void checkKeys(String where, JsonNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key \"" + k + "\" (known: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static JsonNode object(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (!n.isObject()) {
            throw new IllegalArgumentException("\"" + key + "\" is a JSON object, not " + n);
        }
        return n;
    }

    private static boolean bool(JsonNode n, String key, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(key + " is true or false, not " + v);
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode n, String key, int dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(key + " is a whole number, not " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String key, double dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(key + " is a finite number, not " + v);
        }
        return v.asDouble();
    }

    private static String text(JsonNode n, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            if (dflt == null) {
                throw new IllegalArgumentException(key + " is missing");
            }
            return dflt;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(key + " is a string, not " + v);
        }
        return v.asText();
    }

    /** The plan with object keys sorted, numbers in their shortest exact decimal form, no whitespace. */
    static String canonical(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        canonical(n, sb);
        return sb.toString();
    }

    private static void canonical(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            n.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                sb.append(quote(e.getKey())).append(':');
                canonical(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                canonical(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            sb.append(d.signum() == 0 ? "0" : d.toPlainString());
        } else if (n.isTextual()) {
            sb.append(quote(n.asText()));
        } else {
            sb.append(n.toString());
        }
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileHash(Path file, String key) {
        try {
            return StudyKeys.contentKey(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    static String sha256Hex(String text) {
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
