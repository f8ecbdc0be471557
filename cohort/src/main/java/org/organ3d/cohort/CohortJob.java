package org.organ3d.cohort;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.io.AtomicFiles;

/**
 * The cohort job's driver: plan and manifest in, one Spark task per study, the summary out
 * (docs/cohort.md). The same code runs embedded in the organ3d command (Spark local mode, the command's
 * JVM is driver and executor) and under spark-submit ({@link JobMain}) on a cluster.
 *
 * <p>Run order: the plan is validated; the output folder is locked against a second run
 * ({@code DIR/.lock}) and left-over work in progress removed; the manifest is read (or the folder
 * scanned); every study runs as its own task ({@link StudyRun}), each writing its own partition, so a
 * run that is stopped keeps every study that finished; then partitions superseded by this run (the
 * same study id under an older key: another plan, changed inputs or an edited manifest row) are
 * removed, and the summary is written.
 *
 * <p>Not thread-safe: one run per output folder (the lock says so across processes).
 */
public final class CohortJob {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");

    private CohortJob() {
    }

    /**
     * Runs the cohort.
     *
     * @param notes receives notices (renamed manifest columns, removed partitions ...), one line each
     * @throws InvalidPlanException for a plan that is not valid, or does not fit the input
     * @throws IOException          for a missing or unreadable manifest or plan, an output folder that
     *                              cannot be written or is locked by another run
     */
    public static CohortSummary run(CohortOptions o, Consumer<String> notes) throws IOException, InvalidPlanException {
        long t0 = System.nanoTime();
        CohortPlan plan = CohortPlan.read(o.plan());
        CohortOutput out = new CohortOutput(o.out());
        Files.createDirectories(out.root());
        try (FileChannel lockFile = FileChannel.open(out.root().resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(lockFile, out.root())) {
            CohortOutput.deleteTree(out.tmp());
            boolean own = o.master() != null;
            SparkSession spark = own ? localSession(o.master()) : SparkSession.builder().appName("organ3d cohort").getOrCreate();
            try {
                return run(o, plan, out, spark, notes, t0);
            } finally {
                if (own) {
                    spark.stop();
                    ExecutorResources.closeAll();
                    StudyModels.closeAll();
                }
            }
        }
    }

    private static CohortSummary run(CohortOptions o, CohortPlan plan, CohortOutput out, SparkSession spark,
            Consumer<String> notes, long t0) throws IOException, InvalidPlanException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Manifest manifest;
        if (Files.isDirectory(o.manifest())) {
            if (plan.source() != CohortPlan.LabelSource.SEGMENT) {
                throw new InvalidPlanException(o.plan(), "a scanned folder has no labels column: the plan must segment "
                        + "(\"segment\": {...}) when the input " + o.manifest() + " is a folder");
            }
            manifest = FolderScan.scan(jsc, o.manifest());
        } else {
            manifest = Manifest.read(spark, o.manifest());
        }
        List<String> allNotes = new ArrayList<>(manifest.notes());
        manifest.notes().forEach(notes);
        String master = spark.sparkContext().master();
        int slots = slots(spark);
        int threads = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
        Long taskMemoryMiB = null;
        if (isLocal(master)) {
            // NB: in local mode the driver's JVM runs the tasks: a named backend that cannot run fails here,
            // once, rather than in every study
            if (!o.backend().equals("auto")) {
                ComputeBackends.select(o.backend(), notes).close();
            }
            taskMemoryMiB = TaskMemory.share(slots) >> 20;
        }
        AtomicFiles.writeString(out.root().resolve("plan.json"), "{\"planHash\": \"" + plan.hash() + "\", \"outputVersion\": \""
                + CohortPlan.OUTPUT_VERSION + "\", \"plan\": " + plan.json() + "}\n");
        JobSpec spec = new JobSpec(out.root().toString(), plan.json(), plan.hash(), o.backend(), o.retryFailed(), manifest.carried(),
                slots, threads);
        List<StudyOutcome> outcomes = new ArrayList<>();
        long j0 = System.nanoTime();
        if (!manifest.studies().isEmpty()) {
            // NB: one study per task: the scheduler balances studies of any size, and a task holds one study
            outcomes.addAll(jsc.parallelize(manifest.studies(), manifest.studies().size())
                    .map(s -> StudyRun.run(s, spec)).collect());
        }
        double jobSeconds = (System.nanoTime() - j0) * 1e-9;
        try {
            removeSuperseded(spark, out, manifest, outcomes, allNotes, notes);
        } catch (IOException | RuntimeException e) {
            String n = "superseded partitions were not removed: " + Manifest.firstLine(e.getMessage());
            allNotes.add(n);
            notes.accept(n);
        }
        CohortSummary summary = CohortSummary.of(outcomes, (System.nanoTime() - t0) * 1e-9, jobSeconds, plan.hash(), master,
                slots, taskMemoryMiB, allNotes);
        AtomicFiles.writeString(out.root().resolve("summary.json"), summary.toJson());
        return summary;
    }

    /**
     * Removes the partitions (measurements, failures, meshes) whose study id is in the manifest but
     * whose key is not this run's: results of another plan, of inputs that changed since, or of an
     * edited manifest row. Partitions of studies not in the manifest are kept (another manifest may
     * share the folder) and counted in a note.
     */
    private static void removeSuperseded(SparkSession spark, CohortOutput out, Manifest manifest, List<StudyOutcome> outcomes,
            List<String> allNotes, Consumer<String> notes) throws IOException {
        Set<String> current = new HashSet<>();
        outcomes.forEach(x -> current.add(x.studyKey()));
        Set<String> ids = new HashSet<>();
        manifest.studies().forEach(s -> ids.add(s.studyId()));
        int removed = 0;
        int foreign = 0;
        for (Path table : List.of(out.measurements(), out.failures())) {
            List<String> stale = new ArrayList<>();
            for (String k : CohortOutput.keys(table)) {
                if (!current.contains(k)) {
                    stale.add(k);
                }
            }
            if (stale.isEmpty()) {
                continue;
            }
            Map<String, String> idOf = studyIds(spark, table, stale);
            for (String k : stale) {
                String id = idOf.get(k);
                if (id != null && ids.contains(id) || id == null && !CohortOutput.complete(table, k)) {
                    CohortOutput.deleteTree(CohortOutput.partition(table, k));
                    if (table.equals(out.measurements())) {
                        CohortOutput.deleteTree(out.meshes(k));
                    }
                    removed++;
                } else {
                    foreign++;
                }
            }
        }
        if (removed > 0) {
            String n = removed + " partition(s) of earlier runs superseded by this one (another plan, changed inputs or "
                    + "an edited manifest row) were removed";
            allNotes.add(n);
            notes.accept(n);
        }
        if (foreign > 0) {
            String n = foreign + " partition(s) of studies not in this manifest were left in " + out.root();
            allNotes.add(n);
            notes.accept(n);
        }
    }

    /** The study id in each of the given partitions of {@code table} (one read of all of them). */
    private static Map<String, String> studyIds(SparkSession spark, Path table, List<String> keys) {
        Map<String, String> out = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (String k : keys) {
            if (CohortOutput.complete(table, k)) {
                paths.add(CohortOutput.partition(table, k).resolve(CohortOutput.PART).toUri().toString());
            }
        }
        if (paths.isEmpty()) {
            return out;
        }
        List<Row> rows = spark.read().parquet(paths.toArray(String[]::new))
                .select(functions.col("study_id"), functions.input_file_name().as("file")).distinct().collectAsList();
        for (Row r : rows) {
            String file = r.getString(1);
            int at = file.indexOf(CohortOutput.PARTITION_PREFIX);
            int end = file.indexOf('/', at);
            if (at >= 0 && end > at) {
                out.put(java.net.URLDecoder.decode(file.substring(at + CohortOutput.PARTITION_PREFIX.length(), end),
                        StandardCharsets.UTF_8), r.getString(0));
            }
        }
        return out;
    }

    private static FileLock tryLock(FileChannel ch, Path root) throws IOException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            throw new IOException(root + ": another cohort run is writing this output folder (" + root.resolve(".lock") + ")");
        }
        return l;
    }

    /**
     * A Spark session for the organ3d command: the given master, no web UI, logging at WARN on stderr
     * (nothing on stdout), the driver on the loopback interface in local mode, and for a cluster master
     * the jar of this code shipped to the executors.
     */
    static SparkSession localSession(String master) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            URL conf = CohortJob.class.getResource("log4j2-cohort.properties");
            if (conf != null) {
                System.setProperty("log4j2.configurationFile", conf.toString());
            }
        }
        SparkSession.Builder b = SparkSession.builder().appName("organ3d cohort").master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null))
                .config("spark.sql.session.timeZone", "UTC")
                // NB: the measurement table has ~100 columns; Spark would warn when it abbreviates a plan's text
                .config("spark.sql.debug.maxToStringFields", "1000");
        if (isLocal(master)) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else {
            String jar = codeJar();
            if (jar != null) {
                b.config("spark.jars", jar);
            }
        }
        return b.getOrCreate();
    }

    /** The jar this class was loaded from, or null (classes folder). */
    private static String codeJar() {
        try {
            var src = CohortJob.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toString() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }

    /**
     * Tasks one executor runs at once: N for {@code local[N]} (the cores for {@code local[*]}), else
     * {@code spark.executor.cores / spark.task.cpus} when set, else 0 (each executor's cores).
     */
    static int slots(SparkSession spark) {
        String master = spark.sparkContext().master();
        int taskCpus = Math.max(1, spark.sparkContext().getConf().getInt("spark.task.cpus", 1));
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) {
            String n = m.group(1);
            int cores = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
            return Math.max(1, cores / taskCpus);
        }
        int executorCores = spark.sparkContext().getConf().getInt("spark.executor.cores", 0);
        return executorCores > 0 ? Math.max(1, executorCores / taskCpus) : 0;
    }
}
