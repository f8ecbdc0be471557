package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.organ3d.io.dicom.Uids;
import org.organ3d.net.PacsClient;
import org.organ3d.net.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d pull <server> --study UID [--series UID] --out DIR [--json]} (shared/CONTRACT.md,
 * PACS): every series of the study, or one, into {@code DIR/<SeriesInstanceUID>/} — renamed into
 * place only when complete; a rerun after an interruption fetches only what is missing. JSON
 * {@code series} [{@code seriesInstanceUID}, {@code instances}, {@code bytes}, {@code folder}, plus
 * {@code transferred}], {@code seconds}, plus {@code server} and {@code megabytesPerSecond}.
 */
@Command(name = "pull", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Retrieve a study or one series from a PACS (DICOMweb WADO-RS or DICOM C-GET) into DIR/<series>/.",
            "Instances arrive in a hidden partial folder that is renamed when the series is complete;",
            "rerun the same command after an interruption to fetch only the missing instances."})
final class PullCommand implements Callable<Integer> {

    @Mixin
    PacsConnection connection;

    @Option(names = "--study", paramLabel = "UID", required = true, description = "Study Instance UID.")
    String study;

    @Option(names = "--series", paramLabel = "UID", description = "Only this Series Instance UID (default: every series).")
    String series;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created when needed).")
    Path out;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Uids.isValid(study)) {
            throw new UsageException("--study is not a UID: '" + study + "'");
        }
        if (series != null && !Uids.isValid(series)) {
            throw new UsageException("--series is not a UID: '" + series + "'");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " exists and is not a folder");
        }
        PrintWriter err = spec.commandLine().getErr();
        TransferMeter meter = new TransferMeter(err, "pull");
        List<PullResult> results;
        try (PacsClient c = connection.open()) {
            results = c.pull(study, series, out, meter);
        }
        double seconds = meter.seconds();
        err.println("organ3d pull: note: " + meter.summary());
        err.flush();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("server", connection.parsedServer().toString());
            ArrayNode a = root.putArray("series");
            for (PullResult r : results) {
                ObjectNode n = a.addObject();
                n.put("seriesInstanceUID", r.seriesInstanceUID());
                n.put("instances", r.instances());
                n.put("bytes", r.bytes());
                n.put("folder", r.folder().toAbsolutePath().normalize().toString());
                n.put("transferred", r.transferred());
            }
            root.put("seconds", seconds);
            root.put("megabytesPerSecond", seconds > 0 ? meter.bytes() / 1e6 / seconds : 0);
            Json.print(o, root);
        } else {
            for (PullResult r : results) {
                o.printf(Locale.ROOT, "%s: %d instances, %.1f MB in %s%s%n", r.seriesInstanceUID(), r.instances(),
                        r.bytes() / 1e6, r.folder(), r.transferred() == 0 ? " (already complete)" : "");
            }
            o.flush();
        }
        return ExitCodes.OK;
    }
}
