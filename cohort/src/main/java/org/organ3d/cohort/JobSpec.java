package org.organ3d.cohort;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What every task needs besides its study, sent once with the job's closure. Immutable;
 * serializable.
 *
 * @param out              the output folder (absolute; on a file system every executor sees at the same path)
 * @param planJson         the canonical plan (parsed again on each executor; model paths absolute)
 * @param planHash         the plan hash (part of every study key)
 * @param backend          {@code auto}, {@code java} or {@code opencl}
 * @param retryFailed      rerun studies whose failure an earlier run recorded
 * @param carried          the manifest's carried columns, in row order
 * @param slotsPerExecutor tasks an executor runs at once (its heap is shared by them); 0: its cores / threadsPerTask
 * @param threadsPerTask   threads one task's passes use ({@code spark.task.cpus})
 */
record JobSpec(String out, String planJson, String planHash, String backend, boolean retryFailed, List<Column> carried,
        int slotsPerExecutor, int threadsPerTask) implements Serializable {

    private static final long serialVersionUID = 1L;

    JobSpec {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(planJson, "planJson");
        Objects.requireNonNull(planHash, "planHash");
        Objects.requireNonNull(backend, "backend");
        carried = Collections.unmodifiableList(new ArrayList<>(carried));
        if (slotsPerExecutor < 0 || threadsPerTask < 1) {
            throw new IllegalArgumentException("slots must be >= 0 and threads >= 1");
        }
    }

    /** Tasks this executor runs at once. */
    int slots() {
        return slotsPerExecutor > 0 ? slotsPerExecutor : Math.max(1, Runtime.getRuntime().availableProcessors() / threadsPerTask);
    }
}
