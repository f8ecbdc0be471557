package org.organ3d.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.organ3d.cohort.CohortJob;
import org.organ3d.cohort.CohortOptions;
import org.organ3d.cohort.CohortPlan;
import org.organ3d.cohort.CohortSummary;
import org.organ3d.cohort.InvalidPlanException;
import org.organ3d.cohort.SparkRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d cohort <manifest.csv|.parquet> --plan plan.json --out DIR [--master local[N]|spark://...]}
 * (shared/CONTRACT.md, second wave; docs/cohort.md): the cohort job of module {@code cohort} on Apache
 * Spark, embedded (local mode: this JVM is driver and executor) or as the driver of a cluster.
 *
 * <p>Spark is not in {@code organ3d.jar} (its 146 jars are about 220 MB, twenty times the rest of
 * the command): the {@code organ3d} launcher puts Spark 3.5's jars (cohort/target/spark-classpath.txt)
 * on the class path and passes the {@code --add-opens} flags Java 17 needs, for this command only.
 * Run without them (e.g. {@code java -jar organ3d.jar cohort}), the command says so and exits 1.
 */
@Command(name = "cohort", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure every study of a cohort on Apache Spark: per-label measurements as Parquet "
            + "(DIR/measurements), failures as Parquet (DIR/failures), DIR/summary.json. Reruns skip studies whose "
            + "output is complete. Manifest, plan and output: docs/cohort.md."})
final class CohortCommand implements Callable<Integer> {

    private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?|(spark|k8s|mesos)://\\S+|yarn");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<manifest>", description = "CSV (header row) or Parquet manifest: study_id, "
            + "image (path or DICOMweb series URL), optional labels (label map, SEG or RTSTRUCT), other columns carried "
            + "through; or a folder to scan for series (the plan must segment).")
    Path manifest;

    @Option(names = "--plan", required = true, paramLabel = "plan.json", description = "What to do per study: "
            + "{\"labels\": \"manifest\"} or {\"segment\": {...}} (organ3d segment's options), \"measure\", \"meshes\".")
    Path plan;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created; a rerun "
            + "into the same folder skips finished studies).")
    Path out;

    @Option(names = "--master", paramLabel = "local[N]|spark://HOST:PORT", defaultValue = "local[*]",
            description = "Spark master (default ${DEFAULT-VALUE}: this machine, one task per core).")
    String master;

    @Option(names = "--backend", paramLabel = "auto|java|opencl", defaultValue = "auto",
            description = "Compute backend on each executor: auto (OpenCL where an executor has it, else Java), java "
                + "or opencl. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--retry-failed", description = "Rerun the studies whose failure an earlier run recorded "
            + "(by default they are skipped until their inputs change).")
    boolean retryFailed;

    @Option(names = "--json", description = "Print the run summary (as DIR/summary.json) as one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!MASTER.matcher(master).matches()) {
            throw new UsageException("--master takes local, local[N], local[*], spark://HOST:PORT, k8s://..., yarn; not '"
                    + master + "'");
        }
        CohortOptions options;
        try {
            options = new CohortOptions(manifest, plan, out, master, backend, retryFailed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            CohortPlan.read(plan);
        } catch (InvalidPlanException e) {
            throw new UsageException(e.getMessage());
        }
        SparkRuntime.check();
        PrintWriter err = spec.commandLine().getErr();
        PrintStream stdout = System.out;
        CohortSummary s;
        // NB: --json keeps stdout to one document: anything a library prints to System.out goes to stderr
        System.setOut(System.err);
        try {
            s = CohortJob.run(options, n -> {
                err.println("organ3d cohort: note: " + n);
                err.flush();
            });
        } catch (InvalidPlanException e) {
            throw new UsageException(e.getMessage());
        } finally {
            System.setOut(stdout);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(s.toJson());
        } else {
            print(o, s);
        }
        o.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter o, CohortSummary s) {
        o.printf(Locale.ROOT, "%d studies: %d succeeded, %d failed, %d skipped (%d run now, %.1f studies/min) in %.1f s on %s%n",
                s.studies(), s.succeeded(), s.failed(), s.skipped(), s.processed(), s.studiesPerMinute(), s.seconds(), s.master());
        if (!s.stageSeconds().isEmpty()) {
            o.printf(Locale.ROOT, "%-10s %12s%n", "stage", "task seconds");
            for (Map.Entry<String, Double> e : s.stageSeconds().entrySet()) {
                o.printf(Locale.ROOT, "%-10s %12.2f%n", e.getKey(), e.getValue());
            }
        }
        for (Map<String, String> f : s.failures()) {
            o.printf(Locale.ROOT, "failed: %s at %s: %s%n", f.get("study_id"), f.get("stage"), f.get("message"));
        }
    }
}
