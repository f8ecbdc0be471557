package org.organ3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.joml.Vector3d;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.io.LoadedImage;
import org.organ3d.screen.Candidate;
import org.organ3d.screen.CandidateScore;
import org.organ3d.screen.Screening;
import org.organ3d.screen.ScreeningOptions;
import org.organ3d.screen.ScreeningReport;
import org.organ3d.screen.ScreeningResult;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d screen} (shared/CONTRACT.md, second wave): lung-nodule and focal liver-lesion
 * candidates with sizes, densities and scores, written as {@code candidates.json},
 * {@code candidates.csv} and {@code candidates.nii.gz} in {@code --out}. The work is
 * {@link Screening}'s; this class parses, reports and writes.
 */
@Command(name = "screen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find lesion candidates: lung nodules and focal liver lesions.",
            "A candidate generator and measurement aid for a reader, not a diagnosis (see docs/screening.md)."})
final class ScreenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for candidates.json, candidates.csv and candidates.nii.gz (created if missing).")
    Path out;

    @Option(names = "--target", paramLabel = "lung|liver|all", defaultValue = "all",
            description = "What to screen (default ${DEFAULT-VALUE}: the lungs, and the liver when --liver-labels or --liver-seed gives it).")
    String target;

    @Option(names = "--liver-labels", paramLabel = "FILE", description = "Label map (on the CT's grid) holding the liver.")
    Path liverLabels;

    @Option(names = "--liver-label", paramLabel = "N", description = "The liver's value in --liver-labels (default: the label named 'liver', else 1).")
    Integer liverLabel;

    @Option(names = "--liver-seed", paramLabel = "X,Y,Z", description = "A point in the liver (LPS mm) to grow it from when no label map is given.")
    String liverSeed;

    @Option(names = "--min-diameter", paramLabel = "MM", defaultValue = "3", description = "Smallest reported equivalent diameter (default ${DEFAULT-VALUE} mm).")
    double minDiameter;

    @Option(names = "--min-score", paramLabel = "S", description = "Smallest reported score, 0..1 (default: the score model's operating point).")
    Double minScore;

    @Option(names = "--all", description = "Report every candidate found, whatever its score (for FROC analysis).")
    boolean all;

    @Mixin
    BackendOption backend;

    @Option(names = "--json", description = "Print one JSON document on stdout (the same as candidates.json).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String t = target.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("lung") && !t.equals("liver") && !t.equals("all")) {
            throw new UsageException("--target must be lung, liver or all, not '" + target + "'");
        }
        if (!(minDiameter >= 0) || Double.isInfinite(minDiameter)) {
            throw new UsageException("--min-diameter must be a number of mm >= 0");
        }
        if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
            throw new UsageException("--min-score must be in [0, 1]");
        }
        if (minScore != null && all) {
            throw new UsageException("give --min-score or --all, not both");
        }
        if (liverLabels != null && liverSeed != null) {
            throw new UsageException("give --liver-labels or --liver-seed, not both");
        }
        if (liverLabel != null && liverLabels == null) {
            throw new UsageException("--liver-label needs --liver-labels");
        }
        Vector3d seed = liverSeed == null ? null : parsePoint(liverSeed);
        boolean haveLiver = liverLabels != null || seed != null;
        if (t.equals("liver") && !haveLiver) {
            throw new UsageException("--target liver needs the liver: --liver-labels FILE or --liver-seed X,Y,Z");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out must be a folder: " + out + " is a file");
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean lung = !t.equals("liver");
        boolean liver = t.equals("liver") || (t.equals("all") && haveLiver);
        if (t.equals("all") && !haveLiver) {
            err.println("organ3d screen: note: liver not screened (give --liver-labels or --liver-seed)");
        }
        LoadedImage img = input.read();
        for (String w : Inputs.messages(img)) {
            err.println("organ3d screen: warning: " + input + ": " + w);
        }
        LabelMap liverMap = null;
        int liverValue = 1;
        if (liverLabels != null) {
            LabelMap lm = input.reading.read(liverLabels).asLabelMap();
            liverValue = liverLabel != null ? liverLabel : lm.info().values().stream()
                    .filter(i -> "liver".equalsIgnoreCase(i.name().trim())).map(LabelInfo::value).findFirst().orElse(1);
            if (!lm.dimensions().equals(img.volume().dimensions())) {
                throw new IllegalArgumentException(liverLabels + ": label map grid " + lm.dimensions() + " does not match the CT "
                        + input + " " + img.volume().dimensions());
            }
            liverMap = lm;
        }
        double threshold = all ? 0 : minScore != null ? minScore : Double.NaN;
        ScreeningOptions o = new ScreeningOptions(lung, liver, minDiameter, threshold, liverMap, liverValue, seed,
                ScreeningOptions.DEFAULT_CLOSING_MM);
        ScreeningResult r;
        String ran;
        try (ComputeBackend b = backend.open("screen", err)) {
            r = Screening.run(img.volume(), o, b);
            ran = BackendOption.ran(b);
        }
        for (String n : r.notes()) {
            err.println("organ3d screen: note: " + n.replaceAll("\\s*\\R\\s*", " "));
        }
        err.flush();
        ScreeningResult reported = new ScreeningResult(r.candidates(), r.features(), r.labels(), ran, r.seconds(), r.notes());
        ScreeningReport report = new ScreeningReport(reported, input.toString(), o);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("out", List.of(out.resolve("candidates.json").toString(), out.resolve("candidates.csv").toString(),
                out.resolve("candidates.nii.gz").toString()));
        report.write(out, extra);
        PrintWriter o2 = spec.commandLine().getOut();
        if (json) {
            JsonNode node = Json.MAPPER.readTree(report.toJson(extra));
            Json.print(o2, node);
        } else {
            String limit = Double.isNaN(threshold) ? String.format(Locale.ROOT, "score >= %s", scoreLimits(lung, liver))
                    : String.format(Locale.ROOT, "score >= %.3f", threshold);
            o2.printf(Locale.ROOT, "%d candidate%s (%s, diameter >= %.1f mm) in %.1f s on %s; wrote %s%n",
                    r.candidates().size(), r.candidates().size() == 1 ? "" : "s", limit, minDiameter, r.seconds(), ran, out);
            o2.println(" id target type          score  diam mm  RECIST mm    volume mm3  mean HU  centre LPS mm");
            for (Candidate c : r.candidates()) {
                o2.printf(Locale.ROOT, "%3d %-6s %-13s %5.3f %8.1f %5.1f/%-5.1f %10.1f %8.0f  (%.1f, %.1f, %.1f)%n", c.id(), c.target(),
                        c.type().key(), c.score(), c.diameterMm(), c.recistLongMm(), c.recistShortMm(), c.volumeMm3(), c.meanHu(),
                        c.centerLps().x(), c.centerLps().y(), c.centerLps().z());
            }
            o2.flush();
        }
        return ExitCodes.OK;
    }

    private static String scoreLimits(boolean lung, boolean liver) {
        String a = String.format(Locale.ROOT, "%.3f (lung)", CandidateScore.lung().operatingPoint());
        String b = String.format(Locale.ROOT, "%.3f (liver)", CandidateScore.liver().operatingPoint());
        return lung && liver ? a + ", " + b : lung ? a : b;
    }

    private static Vector3d parsePoint(String s) {
        String[] p = s.split(",");
        try {
            if (p.length != 3) {
                throw new NumberFormatException();
            }
            Vector3d v = new Vector3d(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), Double.parseDouble(p[2].trim()));
            if (!v.isFinite()) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--liver-seed needs three numbers X,Y,Z in LPS mm (got '" + s + "')");
        }
    }
}
