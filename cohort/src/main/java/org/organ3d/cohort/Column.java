package org.organ3d.cohort;

import java.io.Serializable;
import java.util.Objects;

/**
 * One column of an output table: name, value type, unit (docs/cohort.md lists them) and whether
 * it may be null. Immutable; serializable so that the executors get the manifest's carried columns.
 *
 * @param name     column name (as in the manifest for carried columns)
 * @param type     value type
 * @param unit     the unit ({@code mm3}, {@code mm}, {@code HU or rescaled units} ...), or null for
 *                 identifiers and text
 * @param nullable whether rows may hold no value (NaN and infinities are written as null)
 */
public record Column(String name, Type type, String unit, boolean nullable) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Value types, each with its Java value class in rows and its Parquet physical type and
     * logical annotation.
     */
    public enum Type {
        /** UTF-8 text ({@link String}); Parquet BINARY (STRING). */
        STRING,
        /** {@link Integer}; Parquet INT32. */
        INT32,
        /** {@link Long}; Parquet INT64. */
        INT64,
        /** {@link Double}; Parquet DOUBLE. */
        DOUBLE,
        /** {@link Boolean}; Parquet BOOLEAN. */
        BOOLEAN,
        /** Days since 1970-01-01 ({@link Integer}); Parquet INT32 (DATE). */
        DATE,
        /** Microseconds since 1970-01-01T00:00Z ({@link Long}); Parquet INT64 (TIMESTAMP, micros, UTC). */
        TIMESTAMP
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("column name with a control character: " + name.replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }

    /**
     * {@code value} as this column's row value: null stays null, numbers of another width are
     * converted when exact, NaN and infinities become null.
     *
     * @throws IllegalArgumentException if the value does not fit the type, or is null for a column
     *                                  that may not be
     */
    public Object coerce(Object value) {
        if (value == null || value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            if (!nullable) {
                throw new IllegalArgumentException("column " + name + " needs a value");
            }
            return null;
        }
        switch (type) {
            case STRING -> {
                return value.toString();
            }
            case INT32, DATE -> {
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).intValue();
                }
            }
            case INT64, TIMESTAMP -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
            }
            case DOUBLE -> {
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    return value;
                }
            }
            default -> throw new AssertionError(type);
        }
        throw new IllegalArgumentException("column " + name + " (" + type + ") cannot hold " + value.getClass().getSimpleName()
                + " " + value);
    }
}
