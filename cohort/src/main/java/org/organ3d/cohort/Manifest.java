package org.organ3d.cohort;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * The manifest of a cohort (docs/cohort.md, "Manifest"): a CSV file with a header row, or a
 * Parquet file, one row per study. Required columns {@code study_id} and {@code image} (a path —
 * relative paths resolve against the manifest's folder — or a DICOMweb series URL); optional
 * {@code labels} (label map, DICOM SEG or RTSTRUCT, resolved the same way) and {@code series} (the
 * Series Instance UID to take from a DICOM folder holding several). Every other column is carried
 * through to both output tables with its type (CSV: text); one named like a column the cohort writes
 * itself is carried as {@code manifest_<name>} (with a note).
 *
 * <p>A row that cannot be processed (no study id, no image, a study id seen before) is not an error
 * of the manifest: it becomes a study that fails at the {@code manifest} stage, so that one bad row
 * never stops a cohort. A manifest that cannot be read, or lacks a required column, is refused
 * whole. Read on the driver through Spark's CSV and Parquet readers; {@link FolderScan} makes the
 * study list of a folder instead.
 *
 * @param source  the manifest file
 * @param carried the carried columns, in manifest order
 * @param studies the studies, in manifest order
 * @param notes   what was adjusted (renamed columns), one line each
 */
record Manifest(Path source, List<Column> carried, List<Study> studies, List<String> notes) {

    static final String STUDY_ID = "study_id";
    static final String IMAGE = "image";
    static final String LABELS = "labels";
    static final String SERIES = "series";

    Manifest {
        carried = List.copyOf(carried);
        studies = List.copyOf(studies);
        notes = List.copyOf(notes);
    }

    /** A manifest that cannot be read or lacks a required column (the message names the file). */
    static final class ManifestException extends IOException {
        private static final long serialVersionUID = 1L;

        ManifestException(Path file, String message) {
            super(file + ": " + message);
        }

        ManifestException(Path file, String message, Throwable cause) {
            super(file + ": " + message, cause);
        }
    }

    /**
     * Reads a CSV or Parquet manifest through {@code spark}.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws ManifestException   if it cannot be read or lacks {@code study_id} or {@code image}
     */
    static Manifest read(SparkSession spark, Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "no such manifest file");
        }
        String uri = abs.toUri().toString();
        Dataset<Row> df;
        try {
            if (isParquet(abs)) {
                df = spark.read().parquet(uri);
            } else {
                // NB: RFC 4180 quoting ("" inside quotes), every value as text, a malformed row fails the read
                df = spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST")
                        .option("multiLine", "true").option("escape", "\"").option("encoding", "UTF-8").csv(uri);
            }
        } catch (RuntimeException e) {
            throw new ManifestException(abs, "cannot be read as " + (isParquet(abs) ? "Parquet" : "CSV") + ": "
                    + firstLine(e.getMessage()), e);
        }
        StructField[] fields = df.schema().fields();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            if (index.putIfAbsent(fields[i].name(), i) != null) {
                throw new ManifestException(abs, "the column " + fields[i].name() + " appears twice");
            }
        }
        for (String required : List.of(STUDY_ID, IMAGE)) {
            if (!index.containsKey(required)) {
                throw new ManifestException(abs, "no column " + required + " (the manifest needs study_id and image; "
                        + "found: " + String.join(", ", List.of(df.columns())) + ")");
            }
        }
        List<String> notes = new ArrayList<>();
        Set<String> reserved = new HashSet<>(Tables.reservedNames());
        List<Column> carried = new ArrayList<>();
        List<Integer> carriedAt = new ArrayList<>();
        Set<String> names = new HashSet<>(index.keySet());
        for (int i = 0; i < fields.length; i++) {
            String n = fields[i].name();
            if (n.equals(STUDY_ID) || n.equals(IMAGE) || n.equals(LABELS) || n.equals(SERIES)) {
                continue;
            }
            String out = n;
            if (reserved.contains(n)) {
                out = "manifest_" + n;
                while (names.contains(out) || reserved.contains(out)) {
                    out = "manifest_" + out;
                }
                names.add(out);
                notes.add("the manifest column " + n + " is carried as " + out + " (the cohort writes a column " + n + ")");
            }
            carried.add(new Column(out, typeOf(fields[i].dataType()), null, true));
            carriedAt.add(i);
        }
        List<Row> rows;
        try {
            rows = df.collectAsList();
        } catch (RuntimeException e) {
            throw new ManifestException(abs, "cannot be read: " + firstLine(e.getMessage()), e);
        }
        Path dir = abs.getParent();
        List<Study> studies = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            long rowNo = r + 1;
            String id = text(row, index.get(STUDY_ID));
            String image = text(row, index.get(IMAGE));
            String labels = index.containsKey(LABELS) ? text(row, index.get(LABELS)) : null;
            String series = index.containsKey(SERIES) ? text(row, index.get(SERIES)) : null;
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < carried.size(); c++) {
                values.add(value(row, carriedAt.get(c), fields[carriedAt.get(c)].dataType()));
            }
            String problem = null;
            if (id == null) {
                id = "row " + rowNo;
                problem = "manifest row " + rowNo + " has no study_id";
            } else if (seen.containsKey(id)) {
                problem = "the study_id " + id + " is also on manifest row " + seen.get(id) + " (study ids must be unique)";
            } else if (image == null) {
                problem = "manifest row " + rowNo + " (study " + id + ") has no image";
            }
            seen.putIfAbsent(id, rowNo);
            studies.add(new Study(rowNo, id, image == null ? null : resolve(dir, image), series,
                    labels == null ? null : resolve(dir, labels), values, problem));
        }
        return new Manifest(abs, carried, studies, notes);
    }

    static boolean isParquet(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** An absolute path from a manifest cell (relative to {@code dir}); URLs and {@code file:} URIs as given. */
    static String resolve(Path dir, String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return cell;
        }
        if (lower.startsWith("file:")) {
            return Path.of(URI.create(cell)).toAbsolutePath().normalize().toString();
        }
        return dir.resolve(cell).toAbsolutePath().normalize().toString();
    }

    private static String text(Row row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        String s = row.get(i).toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** The column type a Spark type is carried as (text for anything without a plain equivalent). */
    static Column.Type typeOf(DataType t) {
        if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType)) {
            return Column.Type.INT32;
        }
        if (t.equals(DataTypes.LongType)) {
            return Column.Type.INT64;
        }
        if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType)
                || t instanceof DecimalType d && d.precision() <= 15) {
            return Column.Type.DOUBLE;
        }
        if (t.equals(DataTypes.BooleanType)) {
            return Column.Type.BOOLEAN;
        }
        if (t.equals(DataTypes.DateType)) {
            return Column.Type.DATE;
        }
        if (t.equals(DataTypes.TimestampType)) {
            return Column.Type.TIMESTAMP;
        }
        return Column.Type.STRING;
    }

    /** A cell as the value of its carried column ({@link #typeOf}). */
    private static Object value(Row row, int i, DataType t) {
        if (row.isNullAt(i)) {
            return null;
        }
        Object v = row.get(i);
        return switch (typeOf(t)) {
            case INT32 -> ((Number) v).intValue();
            case INT64 -> ((Number) v).longValue();
            case DOUBLE -> v instanceof BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
            case BOOLEAN -> v;
            case DATE -> v instanceof java.sql.Date d ? (int) d.toLocalDate().toEpochDay() : (int) ((LocalDate) v).toEpochDay();
            case TIMESTAMP -> micros(v instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) v);
            case STRING -> v instanceof byte[] b ? java.util.Base64.getEncoder().encodeToString(b) : v.toString();
        };
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int n = s.indexOf('\n');
        return n < 0 ? s : s.substring(0, n);
    }
}
