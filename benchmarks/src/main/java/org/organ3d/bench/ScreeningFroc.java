package org.organ3d.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.joml.Vector3d;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.measure.Vec3;
import org.organ3d.screen.Candidate;
import org.organ3d.screen.CandidateScore;
import org.organ3d.screen.Screening;
import org.organ3d.screen.ScreeningOptions;
import org.organ3d.screen.ScreeningResult;
import org.organ3d.testdata.screening.ChestPhantom;
import org.organ3d.testdata.screening.Froc;
import org.organ3d.testdata.screening.LesionTruth;
import org.organ3d.testdata.screening.LiverPhantom;
import org.organ3d.testdata.screening.ScreeningStudy;

/**
 * FROC evaluation of lesion screening on generated phantoms (see docs/screening.md):
 * {@code ScreeningFroc chest|liver|vessels FIRST LAST [--out DIR] [--backend NAME]} screens the
 * phantoms of seeds FIRST..LAST (inclusive) reporting every candidate, and prints the FROC table
 * (sensitivity at 1/8 … 8 false positives per scan, CPM) by lesion category, the sensitivity and
 * false positives at the shipped operating point, and the median measurement errors. With
 * {@code --out} it also writes {@code froc.md} and {@code candidates.csv} (one row per candidate:
 * seed, score, the score's features, and which lesion it hits, 0 for none) for
 * {@link ScreeningTrainer}, and {@code lesions.csv} (the truth: seed, id, type, placement, diameter). {@code vessels} screens chest phantoms without nodules: every
 * candidate is a false positive.
 */
public final class ScreeningFroc {

    private ScreeningFroc() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ScreeningFroc chest|liver|vessels FIRST LAST [--out DIR] [--backend NAME]");
            System.exit(2);
        }
        String kind = args[0];
        long first = Long.parseLong(args[1]);
        long last = Long.parseLong(args[2]);
        Path out = null;
        String backendName = "auto";
        for (int a = 3; a < args.length; a++) {
            if ("--out".equals(args[a])) {
                out = Path.of(args[++a]);
            } else if ("--backend".equals(args[a])) {
                backendName = args[++a];
            }
        }
        boolean liver = "liver".equals(kind);
        CandidateScore model = liver ? CandidateScore.liver() : CandidateScore.lung();
        Froc froc = new Froc();
        List<String> csv = new ArrayList<>();
        csv.add("seed,truth,score,diameterMm," + String.join(",", CandidateScore.FEATURES));
        List<String> truthCsv = new ArrayList<>();
        truthCsv.add("seed,id,type,placement,diameterMm,contrastHu");
        double seconds = 0;
        try (ComputeBackend backend = ComputeBackends.select(backendName)) {
            for (long seed = first; seed <= last; seed++) {
                ScreeningStudy s = switch (kind) {
                    case "chest" -> ChestPhantom.generate(seed);
                    case "vessels" -> ChestPhantom.generate(seed, ChestPhantom.Options.DEFAULT.withoutNodules());
                    case "liver" -> LiverPhantom.generate(seed);
                    default -> throw new IllegalArgumentException("kind must be chest, liver or vessels: " + kind);
                };
                ScreeningOptions o = liver ? ScreeningOptions.liver(s.organs(), LiverPhantom.LIVER) : ScreeningOptions.lungs();
                ScreeningResult r = Screening.run(s.ct(), o.reportingAll(), backend);
                seconds += r.seconds();
                List<Froc.Row> rows = new ArrayList<>();
                for (int n = 0; n < r.candidates().size(); n++) {
                    Candidate c = r.candidates().get(n);
                    Vec3 p = c.centerLps();
                    Froc.Row row = new Froc.Row(new Vector3d(p.x(), p.y(), p.z()), c.score(), c.diameterMm(), c.type().key());
                    rows.add(row);
                    csv.add(csvRow(seed, hitId(row, s.lesions()), c, r.features().get(n)));
                }
                froc.add(seed, s.lesions(), rows);
                for (LesionTruth t : s.lesions()) {
                    truthCsv.add(String.format(Locale.ROOT, "%d,%d,%s,%s,%.3f,%.1f", seed, t.id(), t.type(), t.placement(), t.diameterMm(),
                            t.contrastHu()));
                }
                long above = r.candidates().stream().filter(c -> c.score() >= model.operatingPoint()).count();
                System.err.printf(Locale.ROOT, "seed %d: %s, %d lesions, %d candidates (%d above the operating point), %.1f s%n", seed,
                        s.grid(), s.lesions().size(), r.candidates().size(), above, r.seconds());
            }
        }
        String table = report(kind, froc, model, seconds, first, last);
        System.out.println(table);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("froc.md"), table);
            Files.write(out.resolve("candidates.csv"), csv);
            Files.write(out.resolve("lesions.csv"), truthCsv);
        }
    }

    private static int hitId(Froc.Row row, List<LesionTruth> truths) {
        int hit = 0;
        double nearest = Double.POSITIVE_INFINITY;
        for (LesionTruth t : truths) {
            double d = row.centreLps().distance(t.centreLps());
            if (d <= Froc.hitRadius(t) && d < nearest) {
                nearest = d;
                hit = t.id();
            }
        }
        return hit;
    }

    private static String csvRow(long seed, int truth, Candidate c, double[] f) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d,%d,%.6f,%.3f", seed, truth, c.score(), c.diameterMm()));
        for (double v : f) {
            sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        return sb.toString();
    }

    public static String report(String kind, Froc froc, CandidateScore model, double seconds, long first, long last) {
        StringBuilder sb = new StringBuilder();
        double op = model.operatingPoint();
        sb.append(String.format(Locale.ROOT, "%s phantoms, seeds %d-%d: %d scans, %.1f s screening per scan on average%n%n", kind, first,
                last, froc.scans(), seconds / Math.max(1, froc.scans())));
        sb.append(String.format(Locale.ROOT, "score model: %s (operating point %.3f)%n%n", model.name(), op));
        sb.append(Froc.tableHeader()).append('\n');
        List<Object[]> cats = new ArrayList<>();
        if ("liver".equals(kind)) {
            cats.add(new Object[] {"all liver lesions", (Predicate<LesionTruth>) t -> true});
            cats.add(new Object[] {">= 10 mm, contrast >= 30 HU", (Predicate<LesionTruth>) t -> t.diameterMm() >= 10 && Math.abs(t.contrastHu()) >= 30});
            cats.add(new Object[] {"hypodense", (Predicate<LesionTruth>) t -> "hypodense".equals(t.type())});
            cats.add(new Object[] {"hyperdense", (Predicate<LesionTruth>) t -> "hyperdense".equals(t.type())});
            cats.add(new Object[] {"< 10 mm", (Predicate<LesionTruth>) t -> t.diameterMm() < 10});
        } else {
            cats.add(new Object[] {"all nodules (3-30 mm)", (Predicate<LesionTruth>) t -> true});
            cats.add(new Object[] {"solid >= 4 mm", (Predicate<LesionTruth>) t -> "solid".equals(t.type()) && t.diameterMm() >= 4});
            cats.add(new Object[] {"ground-glass >= 6 mm", (Predicate<LesionTruth>) t -> "ground-glass".equals(t.type()) && t.diameterMm() >= 6});
            cats.add(new Object[] {"part-solid", (Predicate<LesionTruth>) t -> "part-solid".equals(t.type())});
            cats.add(new Object[] {"juxta-pleural", (Predicate<LesionTruth>) t -> "juxta-pleural".equals(t.placement())});
            cats.add(new Object[] {"juxta-vascular", (Predicate<LesionTruth>) t -> "juxta-vascular".equals(t.placement())});
            cats.add(new Object[] {"isolated", (Predicate<LesionTruth>) t -> "isolated".equals(t.placement())});
            cats.add(new Object[] {"solid < 4 mm", (Predicate<LesionTruth>) t -> "solid".equals(t.type()) && t.diameterMm() < 4});
        }
        for (Object[] c : cats) {
            @SuppressWarnings("unchecked")
            Predicate<LesionTruth> p = (Predicate<LesionTruth>) c[1];
            if (froc.count(p) > 0) {
                sb.append(froc.tableRow((String) c[0], p)).append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "%nAt the operating point (score >= %.3f): %.2f false positives per scan%n", op,
                froc.falsePositivesPerScan(op)));
        for (Object[] c : cats) {
            @SuppressWarnings("unchecked")
            Predicate<LesionTruth> p = (Predicate<LesionTruth>) c[1];
            if (froc.count(p) > 0) {
                sb.append(String.format(Locale.ROOT, "- %s: sensitivity %.3f at the operating point, %.3f at <= 1 FP/scan, %.3f at <= 2 FP/scan%n",
                        c[0], froc.sensitivity(p, op), froc.sensitivity(p, froc.thresholdAt(1)), froc.sensitivity(p, froc.thresholdAt(2))));
            }
        }
        Predicate<LesionTruth> six = t -> t.diameterMm() >= 6;
        sb.append(String.format(Locale.ROOT, "%nMeasurement of the detected lesions >= 6 mm (best hit of each, %d): median |diameter error| %.2f mm"
                + " (median signed %.2f mm), median centre error %.2f mm%n", froc.outcomes().stream().filter(o -> o.hit() && six.test(o.truth())).count(),
                froc.medianAbsDiameterError(six), froc.medianDiameterBias(six), froc.medianCentreError(six)));
        if (!"liver".equals(kind)) {
            for (String type : new String[] {"solid", "part-solid", "ground-glass"}) {
                Predicate<LesionTruth> p = t -> t.diameterMm() >= 6 && type.equals(t.type());
                sb.append(String.format(Locale.ROOT, "- %s >= 6 mm: median |diameter error| %.2f mm, median centre error %.2f mm%n", type,
                        froc.medianAbsDiameterError(p), froc.medianCentreError(p)));
            }
        }
        return sb.toString();
    }
}
