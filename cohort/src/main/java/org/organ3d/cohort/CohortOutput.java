package org.organ3d.cohort;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder of a cohort run and how a study's outputs land in it atomically:
 *
 * <pre>
 * DIR/measurements/study_key=&lt;key&gt;/part-00000.parquet   one study's rows (one per label)
 * DIR/failures/study_key=&lt;key&gt;/part-00000.parquet       one failed study's row
 * DIR/meshes/&lt;key&gt;/...                                 meshes, when the plan asks for them
 * DIR/summary.json, DIR/plan.json                     the run's summary, the plan it ran
 * DIR/_tmp/                                           work in progress (removed at the next start)
 * </pre>
 *
 * A partition is written in a folder under {@code _tmp} and renamed into place when complete (an
 * atomic rename on a local or POSIX shared file system), so a partition that exists is complete:
 * that is what makes a rerun skip it, and deleting one makes the next run redo exactly that study.
 * Spark, DuckDB and pyarrow read {@code DIR/measurements} as one table with a {@code study_key}
 * column from the folder names ({@code _tmp} and dot-folders are ignored by them). Thread-safe (no
 * state beyond the root).
 *
 * @param root the output folder (absolute)
 */
record CohortOutput(Path root) {

    static final String MEASUREMENTS = "measurements";
    static final String FAILURES = "failures";
    static final String MESHES = "meshes";
    static final String PART = "part-00000.parquet";
    static final String PARTITION_PREFIX = "study_key=";

    CohortOutput {
        root = root.toAbsolutePath().normalize();
    }

    Path measurements() {
        return root.resolve(MEASUREMENTS);
    }

    Path failures() {
        return root.resolve(FAILURES);
    }

    Path meshes(String key) {
        return root.resolve(MESHES).resolve(key);
    }

    Path tmp() {
        return root.resolve("_tmp");
    }

    /** The partition folder of {@code key} in {@code table} ({@link #measurements()} or {@link #failures()}). */
    static Path partition(Path table, String key) {
        return table.resolve(PARTITION_PREFIX + key);
    }

    /** True if {@code key}'s partition of {@code table} exists, i.e. is complete. */
    static boolean complete(Path table, String key) {
        return Files.isRegularFile(partition(table, key).resolve(PART));
    }

    /** A new, empty folder under {@code _tmp} for one study's work. */
    Path newWorkFolder(String key) throws IOException {
        Path p = tmp().resolve(key + "." + UUID.randomUUID());
        Files.createDirectories(p);
        return p;
    }

    /**
     * Moves the finished folder {@code work} to {@code target} in one rename. An existing
     * {@code target} is replaced when {@code replace} is set, else kept (the same key was completed
     * meanwhile: same inputs, same result) and {@code work} deleted.
     */
    static void commit(Path work, Path target, boolean replace) throws IOException {
        Files.createDirectories(target.getParent());
        if (replace) {
            deleteTree(target);
        }
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (replace) {
                throw e;
            }
            deleteTree(work);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(target + ": the output folder's file system cannot rename folders atomically ("
                    + e.getMessage() + "); write the cohort output to a local or POSIX shared file system", e);
        }
    }

    /** Deletes a file or folder tree; nothing when it does not exist. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path q : all) {
            Files.deleteIfExists(q);
        }
    }

    /** The study keys of the partitions present in {@code table}. */
    static List<String> keys(Path table) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(table)) {
            return out;
        }
        try (Stream<Path> s = Files.list(table)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith(PARTITION_PREFIX) && Files.isDirectory(p)) {
                    out.add(n.substring(PARTITION_PREFIX.length()));
                }
            });
        }
        out.sort(null);
        return out;
    }
}
