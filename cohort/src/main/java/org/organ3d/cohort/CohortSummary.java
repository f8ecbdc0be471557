package org.organ3d.cohort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of one run ({@code DIR/summary.json}, and the JSON {@code organ3d cohort --json}
 * prints). It describes the output as the run left it: every study of the manifest either
 * {@code succeeded} (its measurements are in the table, written now or before) or {@code failed}
 * (its failure is in the failures table); {@code skipped} counts those whose outcome stood from an
 * earlier run and were not redone, {@code processed} the others.
 *
 * @param studies        rows of the manifest (studies of a scanned folder)
 * @param succeeded      studies with measurements
 * @param failed         studies with a recorded failure
 * @param skipped        studies not redone (complete output or recorded failure from before)
 * @param processed      studies run now ({@code studies - skipped})
 * @param rows           measurement rows written now (labels measured)
 * @param seconds        wall seconds of the run (manifest to summary)
 * @param jobSeconds     wall seconds of the Spark job that ran the studies
 * @param stageSeconds   task seconds per stage, summed over the studies (read, fetch, labels, segment or
 *                       model, measure, meshes, write; the key and skip checks count as read)
 * @param backends       studies run now per compute backend that ran them
 * @param failures       this run's failures: study_id, stage, error_class, message
 * @param planHash       the plan hash (the key of every partition written)
 * @param master         the Spark master
 * @param slotsPerExecutor tasks an executor ran at once (0: each executor's cores)
 * @param taskMemoryMiB  one task's share of the driver's heap in local mode, else null
 * @param notes          what was adjusted or removed, one line each
 */
public record CohortSummary(long studies, long succeeded, long failed, long skipped, long processed, long rows,
        double seconds, double jobSeconds, Map<String, Double> stageSeconds, Map<String, Long> backends,
        List<Map<String, String>> failures, String planHash, String master, int slotsPerExecutor, Long taskMemoryMiB,
        List<String> notes) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CohortSummary {
        stageSeconds = new LinkedHashMap<>(stageSeconds);
        backends = new TreeMap<>(backends);
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
    }

    /** The summary of {@code outcomes}. */
    static CohortSummary of(List<StudyOutcome> outcomes, double seconds, double jobSeconds, String planHash, String master,
            int slots, Long taskMemoryMiB, List<String> notes) {
        long succeeded = 0;
        long failed = 0;
        long skipped = 0;
        long rows = 0;
        Map<String, Double> stages = new LinkedHashMap<>();
        for (String s : List.of("manifest", "read", "fetch", "labels", "segment", "model", "measure", "meshes", "write")) {
            stages.put(s, 0.0);
        }
        Map<String, Long> backends = new TreeMap<>();
        List<Map<String, String>> failures = new ArrayList<>();
        for (StudyOutcome o : outcomes) {
            succeeded += o.succeeded() ? 1 : 0;
            failed += o.succeeded() ? 0 : 1;
            skipped += o.skipped() ? 1 : 0;
            rows += o.rows();
            o.stageSeconds().forEach((k, v) -> stages.merge(k, v, Double::sum));
            if (!o.skipped() && o.backend() != null) {
                backends.merge(o.backend(), 1L, Long::sum);
            }
            if (o.status() == StudyOutcome.Status.FAILED) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("study_id", o.studyId());
                f.put("stage", o.stage());
                f.put("error_class", o.errorClass());
                f.put("message", o.message());
                failures.add(f);
            }
        }
        stages.values().removeIf(v -> v == 0.0);
        return new CohortSummary(outcomes.size(), succeeded, failed, skipped, outcomes.size() - skipped, rows, seconds,
                jobSeconds, stages, backends, failures, planHash, master, slots, taskMemoryMiB, notes);
    }

    /** Studies run now per minute of the job's wall time (0 when none ran). */
    public double studiesPerMinute() {
        return processed == 0 || jobSeconds <= 0 ? 0 : processed * 60.0 / jobSeconds;
    }

    /** The summary as one JSON document (keys as docs/cohort.md lists them), ending with a newline. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studies", studies);
        m.put("succeeded", succeeded);
        m.put("failed", failed);
        m.put("skipped", skipped);
        m.put("processed", processed);
        m.put("rows", rows);
        m.put("seconds", round(seconds));
        m.put("jobSeconds", round(jobSeconds));
        m.put("studiesPerMinute", round(studiesPerMinute()));
        Map<String, Double> st = new LinkedHashMap<>();
        stageSeconds.forEach((k, v) -> st.put(k, round(v)));
        m.put("stageSeconds", st);
        m.put("backends", backends);
        m.put("failures", failures);
        m.put("planHash", planHash);
        m.put("master", master);
        m.put("slotsPerExecutor", slotsPerExecutor);
        m.put("taskMemoryMiB", taskMemoryMiB);
        m.put("notes", notes);
        try {
            return MAPPER.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
