package org.organ3d.cohort;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the two output tables (docs/cohort.md, "Output"). Stateless.
 */
final class Tables {

    /** Leading columns of the measurements table, before the measurement columns. */
    static final List<Column> MEASUREMENT_KEYS = List.of(
            new Column("study_id", Column.Type.STRING, null, false),
            new Column("series_uid", Column.Type.STRING, null, true),
            new Column("plan_hash", Column.Type.STRING, null, false),
            new Column("backend", Column.Type.STRING, null, true),
            new Column("warnings", Column.Type.STRING, null, true));

    /** Columns of the failures table, before the carried columns. */
    static final List<Column> FAILURE_KEYS = List.of(
            new Column("study_id", Column.Type.STRING, null, false),
            new Column("stage", Column.Type.STRING, null, false),
            new Column("error_class", Column.Type.STRING, null, false),
            new Column("message", Column.Type.STRING, null, false),
            new Column("series_uid", Column.Type.STRING, null, true),
            new Column("plan_hash", Column.Type.STRING, null, false),
            new Column("image", Column.Type.STRING, null, true),
            new Column("labels", Column.Type.STRING, null, true),
            new Column("seconds", Column.Type.DOUBLE, "s", true));

    private Tables() {
    }

    /** Every column name the cohort writes itself (carried columns must not reuse them). */
    static List<String> reservedNames() {
        List<String> out = new ArrayList<>();
        MEASUREMENT_KEYS.forEach(c -> out.add(c.name()));
        FAILURE_KEYS.forEach(c -> out.add(c.name()));
        MeasurementColumns.columns().forEach(c -> out.add(c.name()));
        out.add("study_key");
        return out;
    }

    /** The measurements table: keys, measurement columns, carried columns. */
    static List<Column> measurements(List<Column> carried) {
        List<Column> out = new ArrayList<>(MEASUREMENT_KEYS);
        out.addAll(MeasurementColumns.columns());
        out.addAll(carried);
        return out;
    }

    /** The failures table: its own columns, then the carried columns. */
    static List<Column> failures(List<Column> carried) {
        List<Column> out = new ArrayList<>(FAILURE_KEYS);
        out.addAll(carried);
        return out;
    }
}
