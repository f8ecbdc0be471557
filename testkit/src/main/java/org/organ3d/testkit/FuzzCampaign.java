package org.organ3d.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every Jazzer fuzz target of one module for a given time, one child JVM per target (Jazzer
 * fuzzes a single {@code @FuzzTest} per JVM), and prints one line per target: executions, coverage
 * (libFuzzer's {@code cov} = covered edges of the instrumented classes, {@code ft} = features),
 * corpus growth, peak memory and the verdict. Used by the {@code fuzz} Maven profile and
 * {@code scripts/fuzz.sh}; CI runs it for a few seconds per target.
 *
 * <p>Targets: every method annotated with Jazzer's {@code @FuzzTest} in a class whose name ends in
 * {@code FuzzTest} under {@code target/test-classes} of the current folder (the module). Each
 * child runs with the test class path of this JVM, {@code -Xmx} as given (1g by default), libFuzzer's
 * per-input {@code -timeout} (10 s by default: a slower input is a finding) and a working corpus under
 * {@code target/fuzz/corpus/<class>/<method>} that persists between runs of the same build folder.
 * The committed inputs ({@code src/test/resources/<package>/<Class>Inputs/<method>/}) are the seeds;
 * a finding is written there by Jazzer ({@code crash-*}, {@code timeout-*}), where the ordinary test
 * run replays it from then on. Exit status 1 when any target had a finding.
 *
 * <p>Options: {@code --seconds N} per target (default 10), {@code --filter REGEX} on
 * {@code Class#method}, {@code --parallel N} targets at once (default 1), {@code --xmx SIZE},
 * {@code --timeout SECONDS}, {@code --report FILE} (appends one tab-separated line per target),
 * {@code --coverage true} (writes Jazzer's JaCoCo-based coverage report per target next to its log),
 * {@code --runs N} (stop after N inputs; 0, the default, means no limit but the time),
 * {@code --seed N} (libFuzzer's random seed; 0, the default, means a fresh one each run),
 * {@code --dry-run} (lists the targets). CI gives a run count and a seed, so that a commit's short
 * campaign is the same wherever and whenever it runs (the time stays as a cap): a finding there can
 * be reproduced, and a green commit does not turn red by chance.
 */
public final class FuzzCampaign {

    private static final String FUZZ_TEST = "com.code_intelligence.jazzer.junit.FuzzTest";
    private static final Pattern COV = Pattern.compile("cov: (\\d+) ft: (\\d+) corp: (\\d+)/");
    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs in (\\d+) second");
    private static final Pattern STAT = Pattern.compile("^stat::(\\w+):\\s+(\\d+)");
    private static final Pattern WRITTEN = Pattern.compile("Test unit written to (\\S+)");

    /** One target's outcome. */
    record Result(String target, long runs, long seconds, long cov, long ft, long corpus, long newUnits,
            long peakRssMb, int exit, String finding, List<String> report) {

        String line() {
            return String.format(Locale.ROOT, "%-58s %10d runs %5d s %6d cov %7d ft %5d corp %5d new %5d MB  %s",
                    target, runs, seconds, cov, ft, corpus, newUnits, peakRssMb,
                    exit == 0 ? "ok" : "FINDING exit " + exit + (finding == null ? "" : " " + finding));
        }

        String tsv() {
            return String.join("\t", target, Long.toString(runs), Long.toString(seconds), Long.toString(cov),
                    Long.toString(ft), Long.toString(corpus), Long.toString(newUnits), Long.toString(peakRssMb),
                    exit == 0 ? "ok" : "finding", finding == null ? "" : finding);
        }
    }

    private FuzzCampaign() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        String filter = ".*";
        int parallel = 1;
        String xmx = "1g";
        int timeout = 10;
        Path report = null;
        boolean coverage = false;
        boolean dryRun = false;
        long runs = 0;
        long seed = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--filter" -> filter = args[++i];
                case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--report" -> report = args[++i].isBlank() ? null : Path.of(args[i]).toAbsolutePath();
                case "--coverage" -> coverage = Boolean.parseBoolean(args[++i]);
                case "--runs" -> runs = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dry-run" -> dryRun = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path module = Path.of("").toAbsolutePath();
        List<String> targets = targets(module.resolve("target/test-classes"), Pattern.compile(filter));
        PrintStream out = System.out;
        if (targets.isEmpty()) {
            out.println("fuzz: no targets in " + module);
            return;
        }
        out.println("fuzz: " + targets.size() + " target(s) in " + module.getFileName() + ", " + seconds
                + " s each" + (runs > 0 ? " (at most " + runs + " inputs)" : "") + (seed != 0 ? ", seed " + seed : "")
                + ", -Xmx" + xmx + ", " + timeout + " s per input");
        if (dryRun) {
            targets.forEach(t -> out.println("  " + t));
            return;
        }
        Path work = module.resolve("target/fuzz");
        Files.createDirectories(work);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        List<Future<Result>> futures = new ArrayList<>();
        for (String t : targets) {
            int s = seconds;
            int to = timeout;
            String x = xmx;
            boolean cov = coverage;
            long n = runs;
            long sd = seed;
            futures.add(pool.submit(() -> run(module, work, t, s, to, x, cov, n, sd)));
        }
        pool.shutdown();
        int findings = 0;
        for (Future<Result> f : futures) {
            Result r = f.get();
            out.println("fuzz: " + r.line());
            if (r.exit() != 0) {
                findings++;
                r.report().forEach(l -> out.println("fuzz:   " + l));
            }
            out.flush();
            if (report != null) {
                Files.createDirectories(report.toAbsolutePath().getParent());
                Files.writeString(report, r.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (findings > 0) {
            out.println("fuzz: " + findings + " target(s) with findings; the inputs are in the targets' Inputs folders"
                    + " (src/test/resources), logs in " + work);
            System.exit(1);
        }
    }

    /** {@code Class#method} of every fuzz target below {@code classes}, sorted. */
    static List<String> targets(Path classes, Pattern filter) throws IOException, ClassNotFoundException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(classes)) {
            return out;
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            s.filter(p -> p.getFileName().toString().endsWith("FuzzTest.class")).forEach(p -> {
                String rel = classes.relativize(p).toString();
                names.add(rel.substring(0, rel.length() - ".class".length()).replace('/', '.').replace('\\', '.'));
            });
        }
        ClassLoader loader = FuzzCampaign.class.getClassLoader();
        for (String n : names) {
            Class<?> c = Class.forName(n, false, loader);
            for (Method m : c.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    String t = c.getName() + "#" + m.getName();
                    if (a.annotationType().getName().equals(FUZZ_TEST) && filter.matcher(t).find()) {
                        out.add(t);
                    }
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static Result run(Path module, Path work, String target, int seconds, int timeout, String xmx,
            boolean coverage, long maxRuns, long seed) throws IOException, InterruptedException {
        String cls = target.substring(0, target.indexOf('#'));
        String method = target.substring(target.indexOf('#') + 1);
        String simple = cls.substring(cls.lastIndexOf('.') + 1) + "." + method;
        Path corpus = work.resolve("corpus").resolve(cls).resolve(method);
        Files.createDirectories(corpus);
        Path log = work.resolve(simple + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-Xss4m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "com.code_intelligence.jazzer.Jazzer", "--target_class=" + cls, "--target_method=" + method,
                "--instrument=org.organ3d.**,com.github.jaiimageio.**,jj2000.**",
                "--reproducer_path=" + work.resolve("reproducers"),
                // NB: no reader opens sockets; the DIMSE target talks to its own loopback peer, which the
                // SSRF detector would report (and its allow-list API fails under the JUnit runner)
                "--disabled_hooks=com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery",
                "-max_total_time=" + seconds, "-timeout=" + timeout, "-rss_limit_mb=0", "-print_final_stats=1"));
        if (coverage) {
            // NB: a Jazzer option, so before the first libFuzzer flag
            cmd.add(cmd.indexOf("-max_total_time=" + seconds), "--coverage_report=" + work.resolve(simple + ".coverage.txt"));
        }
        if (maxRuns > 0) {
            cmd.add("-runs=" + maxRuns);
        }
        if (seed != 0) {
            cmd.add("-seed=" + seed);
        }
        cmd.add(corpus.toString());
        Files.createDirectories(work.resolve("reproducers"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(module.toFile()).redirectErrorStream(true);
        pb.environment().put("JAZZER_FUZZ", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        long runs = 0;
        long secs = 0;
        long cov = 0;
        long ft = 0;
        long corp = 0;
        long newUnits = 0;
        long rss = 0;
        String finding = null;
        List<String> report = new ArrayList<>();
        boolean reporting = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("INFO: Loaded ") || line.startsWith("INFO: Instrumented ")) {
                    continue;
                }
                w.println(line);
                // NB: the finding's exception (first frames), the input's name and its Base64, for CI logs
                reporting |= line.startsWith("== Java Exception") || line.startsWith("ALARM:") || line.contains("ERROR: libFuzzer");
                if (reporting && report.size() < 40 && !line.startsWith("stat::") && !line.startsWith("\tat java.base") && !line.startsWith("\tat app//org.junit")
                        && !line.startsWith("\tat app//com.code_intelligence")) {
                    report.add(line);
                }
                Matcher m = COV.matcher(line);
                if (m.find()) {
                    cov = Long.parseLong(m.group(1));
                    ft = Long.parseLong(m.group(2));
                    corp = Long.parseLong(m.group(3));
                }
                m = DONE.matcher(line);
                if (m.find()) {
                    runs = Long.parseLong(m.group(1));
                    secs = Long.parseLong(m.group(2));
                }
                m = STAT.matcher(line);
                if (m.find()) {
                    switch (m.group(1)) {
                        case "number_of_executed_units" -> runs = Long.parseLong(m.group(2));
                        case "new_units_added" -> newUnits = Long.parseLong(m.group(2));
                        case "peak_rss_mb" -> rss = Long.parseLong(m.group(2));
                        default -> {
                        }
                    }
                }
                m = WRITTEN.matcher(line);
                if (m.find()) {
                    finding = m.group(1);
                }
            }
        }
        int exit = p.waitFor();
        return new Result(target, runs, secs, cov, ft, corp, newUnits, rss, exit, finding, report);
    }
}
