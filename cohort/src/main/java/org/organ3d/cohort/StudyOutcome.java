package org.organ3d.cohort;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one study in one run, sent back to the driver for the summary. Immutable;
 * serializable.
 *
 * @param studyId      the manifest's study id
 * @param studyKey     the output key ({@code study_key=} partition), or null when none could be made
 * @param status       what was done
 * @param rows         measurement rows written (labels measured); 0 unless {@link Status#MEASURED}
 * @param backend      the compute backend that ran the study's passes, or null when none ran
 * @param stage        the stage that failed ({@link Status#FAILED}), else null
 * @param errorClass   the failure's exception class, else null
 * @param message      the failure's message, else null
 * @param stageSeconds wall seconds per stage of this study, in stage order
 * @param seconds      wall seconds of the whole task
 */
public record StudyOutcome(String studyId, String studyKey, Status status, int rows, String backend, String stage,
        String errorClass, String message, Map<String, Double> stageSeconds, double seconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a run did with a study. */
    public enum Status {
        /** Measured now; its partition was written. */
        MEASURED,
        /** Failed now; its failure was recorded. */
        FAILED,
        /** Its measurements were complete from an earlier run: nothing done. */
        DONE_BEFORE,
        /** Its failure was recorded by an earlier run with the same inputs: not retried. */
        FAILED_BEFORE
    }

    public StudyOutcome {
        Objects.requireNonNull(studyId, "studyId");
        Objects.requireNonNull(status, "status");
        stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
    }

    /** True if the study has measurements (now or from before). */
    public boolean succeeded() {
        return status == Status.MEASURED || status == Status.DONE_BEFORE;
    }

    /** True if nothing was done because an earlier run's outcome stands. */
    public boolean skipped() {
        return status == Status.DONE_BEFORE || status == Status.FAILED_BEFORE;
    }
}
