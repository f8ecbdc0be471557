package org.organ3d.viewer.measure;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joml.Vector3d;
import org.organ3d.io.AtomicFiles;

/**
 * Measurement files: JSON in LPS mm with the study they were made on, and a CSV table for export.
 * <pre>
 * {"format": "organ3d-measurements", "version": 2, "frame": "LPS", "units": "mm",
 *  "study": {"studyInstanceUID": "1.2...", "seriesInstanceUID": "1.2...", "frameOfReferenceUID": "1.2...",
 *            "description": "CT abdomen", "inputs": [{"file": "seg.nii.gz", "sha256": "9f2c..."}]},
 *  "measurements": [
 *   {"type": "ruler", "label": "R1", "pointsLps": [[x,y,z],[x,y,z]], "structures": ["liver lesion", "liver lesion"],
 *    "distanceMm": 23.9},
 *   {"type": "angle", "label": "A1", "pointsLps": [[..],[..],[..]], "structures": ["", "", ""], "angleDeg": 87.5}]}
 * </pre>
 * Version 1 files (no {@code format}, {@code version}, {@code study} or {@code structures}) are read
 * too. The stored value is informational: it is recomputed from the points. Errors are one line
 * naming the file and, for JSON syntax, the line and column. Stateless and thread-safe.
 */
public final class MeasurementFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Reading more than this is refused (a measurement file is a few kilobytes). */
    private static final long MAX_BYTES = 16L << 20;

    /** What a file holds. */
    public record Content(List<Measurement> measurements, StudyReference reference, int version) {
        public Content {
            measurements = List.copyOf(measurements);
        }
    }

    private MeasurementFiles() {
    }

    /** Writes {@code set} (with its reference) as JSON, atomically. */
    public static void save(MeasurementSet set, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "organ3d-measurements");
        root.put("version", 2);
        root.put("frame", "LPS");
        root.put("units", "mm");
        StudyReference r = set.reference();
        if (!r.isEmpty()) {
            ObjectNode s = root.putObject("study");
            putIf(s, "studyInstanceUID", r.studyInstanceUID());
            putIf(s, "seriesInstanceUID", r.seriesInstanceUID());
            putIf(s, "frameOfReferenceUID", r.frameOfReferenceUID());
            putIf(s, "description", r.description());
            ArrayNode in = s.putArray("inputs");
            for (StudyReference.InputDigest d : r.inputs()) {
                in.addObject().put("file", d.file()).put("sha256", d.sha256());
            }
        }
        ArrayNode list = root.putArray("measurements");
        for (Measurement m : set.all()) {
            ObjectNode o = list.addObject();
            o.put("type", m.kind().name().toLowerCase(Locale.ROOT));
            o.put("label", m.label());
            ArrayNode pts = o.putArray("pointsLps");
            for (Vector3d p : m.points()) {
                pts.addArray().add(p.x).add(p.y).add(p.z);
            }
            ArrayNode names = o.putArray("structures");
            m.structures().forEach(names::add);
            o.put(m.kind() == Measurement.Kind.RULER ? "distanceMm" : "angleDeg", m.value());
        }
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    private static void putIf(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /**
     * Reads a file written by {@link #save} (or version 1), without checking the study.
     *
     * @throws IOException one line naming the file and the problem
     */
    public static Content read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such measurement file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": not a measurement file (" + Files.size(file) + " bytes)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
            String why = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst().orElse("");
            // NB: the parser's own location notes ("(for Array starting at [Source: ...") add nothing for a user
            for (String cut : new String[] {" (for ", "[Source", " at [Source"}) {
                int i = why.indexOf(cut);
                if (i > 0) {
                    why = why.substring(0, i).strip();
                }
            }
            throw new IOException(file + ": not a JSON measurement file" + where + ": " + why, e);
        } catch (CharConversionException e) {
            // NB: the parser guesses UTF-16/32 from the first bytes; text that is not valid in that encoding ends here
            throw new IOException(file + ": not a JSON measurement file (not valid text: " + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": not a JSON measurement file (expected an object)");
        }
        if (!"LPS".equals(root.path("frame").asText()) || !"mm".equals(root.path("units").asText())) {
            throw new IOException(file + ": expected \"frame\": \"LPS\" and \"units\": \"mm\"");
        }
        int version = root.path("version").asInt(1);
        if (version > 2) {
            throw new IOException(file + ": measurement file version " + version + " is newer than this viewer reads (2)");
        }
        JsonNode list = root.path("measurements");
        if (!list.isArray()) {
            throw new IOException(file + ": \"measurements\" must be an array");
        }
        List<Measurement> out = new ArrayList<>();
        int i = 0;
        for (JsonNode o : list) {
            try {
                out.add(measurement(o));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": measurement #" + (i + 1) + ": " + e.getMessage(), e);
            }
            i++;
        }
        StudyReference ref;
        try {
            ref = reference(root.path("study"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": \"study\": " + e.getMessage(), e);
        }
        return new Content(out, ref, version);
    }

    /**
     * Reads {@code file} for a view of {@code current}: refused with {@link ForeignStudyException} when
     * it was made on another study ({@link StudyReference#mismatch}), unless {@code force}.
     */
    public static Content readFor(Path file, StudyReference current, boolean force) throws IOException {
        Content c = read(file);
        if (!force) {
            var why = c.reference().mismatch(current);
            if (why.isPresent()) {
                throw new ForeignStudyException(file, why.get());
            }
        }
        return c;
    }

    private static Measurement measurement(JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        String type = o.path("type").asText();
        Measurement.Kind kind;
        try {
            kind = Measurement.Kind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown type '" + type + "' (expected ruler or angle)");
        }
        List<Vector3d> pts = new ArrayList<>();
        for (JsonNode p : o.path("pointsLps")) {
            if (!p.isArray() || p.size() != 3 || !p.get(0).isNumber() || !p.get(1).isNumber() || !p.get(2).isNumber()) {
                throw new IllegalArgumentException("a point must be [x, y, z] numbers");
            }
            pts.add(new Vector3d(p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble()));
        }
        List<String> names = null;
        JsonNode s = o.path("structures");
        if (s.isArray()) {
            names = new ArrayList<>();
            for (JsonNode n : s) {
                names.add(n.asText(""));
            }
        }
        String label = o.path("label").asText(kind == Measurement.Kind.RULER ? "R" : "A");
        return new Measurement(kind, label, pts, names);
    }

    private static StudyReference reference(JsonNode s) {
        if (s.isMissingNode() || s.isNull()) {
            return StudyReference.NONE;
        }
        if (!s.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        List<StudyReference.InputDigest> inputs = new ArrayList<>();
        for (JsonNode d : s.path("inputs")) {
            inputs.add(new StudyReference.InputDigest(d.path("file").asText(null), d.path("sha256").asText(null)));
        }
        return new StudyReference(text(s, "studyInstanceUID"), text(s, "seriesInstanceUID"),
                text(s, "frameOfReferenceUID"), text(s, "description"), inputs);
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * Writes the measurement table as CSV (RFC 4180, UTF-8, atomically): one row per measurement with
     * its value and unit, each point in LPS mm and the structure it lies on, and the study UIDs.
     */
    public static void writeCsv(MeasurementSet set, Path file) throws IOException {
        StudyReference r = set.reference();
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("label,type,value,unit,p1_x,p1_y,p1_z,p1_structure,p2_x,p2_y,p2_z,p2_structure,"
                    + "p3_x,p3_y,p3_z,p3_structure,study_instance_uid,series_instance_uid,frame_of_reference_uid\r\n");
            for (Measurement m : set.all()) {
                StringBuilder row = new StringBuilder();
                row.append(csv(m.label())).append(',').append(m.kind().name().toLowerCase(Locale.ROOT)).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", m.value())).append(',').append(m.unit());
                for (int i = 0; i < 3; i++) {
                    if (i < m.points().size()) {
                        Vector3d p = m.points().get(i);
                        row.append(String.format(Locale.ROOT, ",%.3f,%.3f,%.3f,", p.x, p.y, p.z))
                                .append(csv(m.structures().get(i)));
                    } else {
                        row.append(",,,,");
                    }
                }
                row.append(',').append(csv(r.studyInstanceUID())).append(',').append(csv(r.seriesInstanceUID()))
                        .append(',').append(csv(r.frameOfReferenceUID())).append("\r\n");
                w.write(row.toString());
            }
            w.flush();
        });
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        // NB: a leading =, +, - or @ would be a formula in spreadsheets; quote and prefix it
        String t = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") || !t.equals(s)
                ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
