package org.organ3d.cohort;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The options of one cohort run ({@code organ3d cohort}, or the job jar's arguments).
 *
 * @param manifest    a CSV or Parquet manifest, or a folder to scan for series
 * @param plan        the plan JSON file
 * @param out         the output folder (created; reused by reruns)
 * @param master      the Spark master ({@code local[N]}, {@code spark://host:port} ...), or null to take
 *                    the session spark-submit configured
 * @param backend     {@code auto}, {@code java} or {@code opencl}
 * @param retryFailed rerun studies whose failure an earlier run recorded
 */
public record CohortOptions(Path manifest, Path plan, Path out, String master, String backend, boolean retryFailed) {

    public CohortOptions {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(out, "out");
        backend = backend == null ? "auto" : backend.trim().toLowerCase(Locale.ROOT);
        if (!backend.equals("auto") && !backend.equals("java") && !backend.equals("opencl")) {
            throw new IllegalArgumentException("--backend must be auto, java or opencl, not '" + backend + "'");
        }
        if (master != null && master.isBlank()) {
            throw new IllegalArgumentException("--master needs a value such as local[2] or spark://host:7077");
        }
    }
}
