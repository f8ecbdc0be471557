package org.organ3d.viewer.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.joml.Vector3d;
import org.organ3d.io.AtomicFiles;

/**
 * All measurements of a viewing session, kept together (a new one never replaces the others), with
 * JSON persistence in LPS mm:
 * <pre>
 * {"frame": "LPS", "units": "mm", "measurements": [
 *   {"type": "ruler", "label": "R1", "pointsLps": [[x,y,z],[x,y,z]], "distanceMm": 42.1},
 *   {"type": "angle", "label": "A1", "pointsLps": [[..],[..],[..]], "angleDeg": 87.5}]}
 * </pre>
 * The stored value is informational: on load it is recomputed from the points. Not thread-safe.
 */
public final class MeasurementSet {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final List<Measurement> items = new ArrayList<>();
    private final List<Measurement> view = Collections.unmodifiableList(items);
    private int rulers;
    private int angles;

    /** A live read-only view (the same instance every call). */
    public List<Measurement> all() {
        return view;
    }

    /** Adds a measurement of the given kind with the next free label (R1, R2 ... / A1 ...). */
    public Measurement add(Measurement.Kind kind, List<Vector3d> points) {
        String label = kind == Measurement.Kind.RULER ? "R" + (++rulers) : "A" + (++angles);
        Measurement m = new Measurement(kind, label, points);
        items.add(m);
        return m;
    }

    /** Adds a measurement with its own label; later automatic labels continue after its number. */
    public void add(Measurement m) {
        items.add(m);
        String l = m.label();
        if (l.length() > 1 && l.substring(1).chars().allMatch(Character::isDigit) && l.length() < 9) {
            int n = Integer.parseInt(l.substring(1));
            if (l.charAt(0) == 'R') {
                rulers = Math.max(rulers, n);
            } else if (l.charAt(0) == 'A') {
                angles = Math.max(angles, n);
            }
        }
    }

    /** Removes the newest measurement (no-op when empty). */
    public void removeLast() {
        if (!items.isEmpty()) {
            items.remove(items.size() - 1);
        }
    }

    public void clear() {
        items.clear();
        rulers = 0;
        angles = 0;
    }

    public int size() {
        return items.size();
    }

    /** Writes the JSON document atomically (temporary file in the same folder, then a move). */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("frame", "LPS");
        root.put("units", "mm");
        ArrayNode list = root.putArray("measurements");
        for (Measurement m : items) {
            ObjectNode o = list.addObject();
            o.put("type", m.kind().name().toLowerCase(Locale.ROOT));
            o.put("label", m.label());
            ArrayNode pts = o.putArray("pointsLps");
            for (Vector3d p : m.points()) {
                pts.addArray().add(p.x).add(p.y).add(p.z);
            }
            o.put(m.kind() == Measurement.Kind.RULER ? "distanceMm" : "angleDeg", m.value());
        }
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /**
     * Reads a file written by {@link #save}.
     *
     * @throws IOException naming the file and the problem when it is not such a document
     */
    public static MeasurementSet load(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a JSON measurement file: " + e.getMessage(), e);
        }
        if (root == null || !"LPS".equals(root.path("frame").asText()) || !"mm".equals(root.path("units").asText())) {
            throw new IOException(file + ": expected \"frame\": \"LPS\" and \"units\": \"mm\"");
        }
        JsonNode list = root.path("measurements");
        if (!list.isArray()) {
            throw new IOException(file + ": \"measurements\" must be an array");
        }
        MeasurementSet set = new MeasurementSet();
        int i = 0;
        for (JsonNode o : list) {
            try {
                Measurement.Kind kind = Measurement.Kind.valueOf(o.path("type").asText().toUpperCase(Locale.ROOT));
                List<Vector3d> pts = new ArrayList<>();
                for (JsonNode p : o.path("pointsLps")) {
                    if (!p.isArray() || p.size() != 3 || !p.get(0).isNumber() || !p.get(1).isNumber()
                            || !p.get(2).isNumber()) {
                        throw new IllegalArgumentException("a point must be [x, y, z] numbers");
                    }
                    pts.add(new Vector3d(p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble()));
                }
                String label = o.path("label").asText(kind == Measurement.Kind.RULER ? "R" : "A");
                set.add(new Measurement(kind, label, pts));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": measurement #" + i + ": " + e.getMessage(), e);
            }
            i++;
        }
        return set;
    }
}
