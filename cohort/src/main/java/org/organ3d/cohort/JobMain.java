package org.organ3d.cohort;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The job jar's entry point for spark-submit (docs/cohort.md):
 *
 * <pre>
 * spark-submit --class org.organ3d.cohort.JobMain organ3d-cohort-job.jar \
 *     &lt;manifest.csv|.parquet|folder&gt; --plan plan.json --out DIR [--backend auto|java|opencl] [--retry-failed] [--json]
 * </pre>
 *
 * The same arguments as {@code organ3d cohort} except {@code --master}, which is spark-submit's.
 * Exit 0 when the job ran (whatever studies failed: they are in the failures table), 2 for bad
 * usage or an invalid plan, 1 when the job could not run; one error line on stderr.
 */
public final class JobMain {

    private JobMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path manifest = null;
        Path plan = null;
        Path dir = null;
        String backend = "auto";
        boolean retry = false;
        boolean json = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--plan" -> plan = Path.of(value(args, ++i, a));
                    case "--out" -> dir = Path.of(value(args, ++i, a));
                    case "--backend" -> backend = value(args, ++i, a);
                    case "--retry-failed" -> retry = true;
                    case "--json" -> json = true;
                    case "--help", "-h" -> {
                        out.println("usage: spark-submit --class " + JobMain.class.getName() + " organ3d-cohort-job.jar "
                                + "<manifest.csv|.parquet|folder> --plan plan.json --out DIR [--backend auto|java|opencl] "
                                + "[--retry-failed] [--json]   (docs/cohort.md)");
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("-") || manifest != null) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                        manifest = Path.of(a);
                    }
                }
            }
            if (manifest == null || plan == null || dir == null) {
                throw new IllegalArgumentException("give <manifest>, --plan FILE and --out DIR");
            }
            CohortOptions o = new CohortOptions(manifest, plan, dir, null, backend, retry);
            CohortSummary s = CohortJob.run(o, n -> err.println("organ3d cohort: note: " + n));
            if (json) {
                out.print(s.toJson());
            } else {
                out.printf(Locale.ROOT, "%d studies: %d succeeded, %d failed, %d skipped; %.1f s; %s%n", s.studies(),
                        s.succeeded(), s.failed(), s.skipped(), s.seconds(), dir.resolve("summary.json"));
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException | InvalidPlanException e) {
            err.println("organ3d cohort: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("organ3d cohort: " + (e.getMessage() == null ? e.getClass().getName() : Manifest.firstLine(e.getMessage())));
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
