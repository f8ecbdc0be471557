package org.organ3d.cohort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joml.Vector3d;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.measure.Report;
import org.organ3d.measure.Vec3;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The measurement columns of the cohort table: every key of {@code organ3d measure}'s JSON for one
 * label ({@link Report#toMap}), flattened with {@code _} — nested objects by key
 * ({@code recist_longAxisMm}, {@code boundingBoxLps_min_0}), vectors and lists by index
 * ({@code centroidLps_0} is x, {@code principalAxes_2_1} the y of the third axis) — each with its
 * unit.
 *
 * <p>NB: the column list is not written out by hand: it is read off one real measurement of a small
 * synthetic label map with an image and surfaces (every key present), so a key added to
 * {@code organ3d measure} becomes a cohort column without a change here, and no column can drift from
 * the command's JSON. {@link #unit} names its unit from the key (explicitly, or from a unit suffix
 * such as {@code Mm3}); a key with neither fails the module's tests.
 *
 * <p>Stateless; the columns are computed once per JVM. Thread-safe.
 */
public final class MeasurementColumns {

    /** The unit given to intensity statistics. */
    public static final String INTENSITY_UNIT = "rescaled units (HU for CT)";

    /** The unit of a key that has none; a test requires that no column has it. */
    static final String UNKNOWN_UNIT = "unknown";

    private static volatile List<Column> columns;

    private MeasurementColumns() {
    }

    /** The measurement columns, in the order of {@code organ3d measure}'s JSON keys. */
    public static List<Column> columns() {
        List<Column> c = columns;
        if (c == null) {
            c = List.copyOf(derive());
            columns = c;
        }
        return c;
    }

    /**
     * One measurement as column values, aligned with {@link #columns()} (null where a value is
     * absent, e.g. intensity without an image).
     *
     * @throws IllegalStateException if the measurement has a key the columns lack (a defect)
     */
    public static Object[] values(LabelMeasurement m) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", Report.toMap(m), flat);
        List<Column> cols = columns();
        Object[] out = new Object[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            Column col = cols.get(i);
            out[i] = col.coerce(flat.remove(col.name()));
        }
        flat.values().removeIf(v -> v == null);
        if (!flat.isEmpty()) {
            throw new IllegalStateException("measurement keys without a cohort column: " + flat.keySet());
        }
        return out;
    }

    private static List<Column> derive() {
        // A 6x6x6 grid, an ellipsoid-ish block of 2x3x4 voxels plus one voxel (so no axis is degenerate).
        Dimensions d = new Dimensions(6, 6, 6);
        Geometry g = Geometry.axisAligned(new Spacing(1.5, 1.25, 2.0), new Vector3d(-3, 4, 10));
        Volume.Builder lb = LabelMap.builder(d, VoxelType.UINT8, g);
        Volume.Builder ib = Volume.builder(d, VoxelType.INT16, g);
        for (int k = 1; k < 5; k++) {
            var l = lb.bytesForWriting(k);
            var v = ib.shortsForWriting(k);
            for (int j = 1; j < 4; j++) {
                for (int i = 2; i < 4; i++) {
                    l.put(j * 6 + i, (byte) 1);
                    v.put(j * 6 + i, (short) (100 + i + j + k));
                }
            }
        }
        lb.bytesForWriting(2).put(4 * 6 + 1, (byte) 1);
        LabelMap map = new LabelMap(lb.fillMissingWithZeros().build(), Map.of(1, new LabelInfo(1, "template", 0xFFFFFFFF)));
        Volume image = ib.fillMissingWithZeros().build();
        LabelMeasurement m = LabelMeasurements.measure(map, null, image, LabelSurfaces.indicatorIsoSurface()).get(0);
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", Report.toMap(m), flat);
        List<Column> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            Object v = e.getValue();
            Column.Type t;
            if (v instanceof Integer) {
                t = Column.Type.INT32;
            } else if (v instanceof Long) {
                t = Column.Type.INT64;
            } else if (v instanceof Double || v instanceof Float) {
                t = Column.Type.DOUBLE;
            } else if (v instanceof Boolean) {
                t = Column.Type.BOOLEAN;
            } else if (v instanceof String) {
                t = Column.Type.STRING;
            } else {
                throw new IllegalStateException("measurement key " + e.getKey() + " has no column type: " + v);
            }
            boolean key = e.getKey().equals("label");
            out.add(new Column(e.getKey(), t, unit(e.getKey()), !key));
        }
        return out;
    }

    /** Flattens maps (by key), lists and arrays (by index) and {@link Vec3} (0, 1, 2) into {@code out}. */
    static void flatten(String prefix, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(join(prefix, e.getKey().toString()), e.getValue(), out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(join(prefix, Integer.toString(i)), l.get(i), out);
            }
        } else if (v instanceof Vec3 p) {
            out.put(join(prefix, "0"), p.x());
            out.put(join(prefix, "1"), p.y());
            out.put(join(prefix, "2"), p.z());
        } else if (v instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                out.put(join(prefix, Integer.toString(i)), a[i]);
            }
        } else if (v instanceof int[] a) {
            for (int i = 0; i < a.length; i++) {
                out.put(join(prefix, Integer.toString(i)), a[i]);
            }
        } else {
            out.put(prefix, v);
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "_" + key;
    }

    /**
     * The unit of a flattened measurement column: explicit for keys without a unit in their name,
     * else from the name's unit suffix (before any index); {@value #UNKNOWN_UNIT} when neither says.
     */
    static String unit(String column) {
        String top = column.contains("_") ? column.substring(0, column.indexOf('_')) : column;
        String sub = column.contains("_") ? column.substring(column.indexOf('_') + 1) : "";
        switch (top) {
            case "label", "name", "surfaceMethod" -> {
                return null;
            }
            case "voxelCount" -> {
                return "voxels";
            }
            case "centroidLps", "boundingBoxLps", "maxFeretEndpointsLps" -> {
                return "mm (LPS)";
            }
            case "centroidRas" -> {
                return "mm (RAS)";
            }
            case "centroidVoxel" -> {
                return "voxel index (i, j, k)";
            }
            case "principalAxes", "minFeretDirectionLps" -> {
                return "1 (unit vector, LPS)";
            }
            case "sphericity" -> {
                return "1";
            }
            case "intensity" -> {
                return INTENSITY_UNIT;
            }
            case "recist" -> {
                if (sub.equals("sliceIndex")) {
                    return "slice index (k)";
                }
                if (sub.startsWith("endpointsLps")) {
                    return "mm (LPS)";
                }
                return suffixUnit(sub.contains("_") ? sub.substring(0, sub.indexOf('_')) : sub);
            }
            default -> {
                return suffixUnit(top);
            }
        }
    }

    private static String suffixUnit(String key) {
        if (key.endsWith("Mm3")) {
            return "mm3";
        }
        if (key.endsWith("Cm3")) {
            return "cm3";
        }
        if (key.endsWith("Mm2")) {
            return "mm2";
        }
        if (key.endsWith("Mm")) {
            return "mm";
        }
        return UNKNOWN_UNIT;
    }
}
