package org.organ3d.testdata.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.joml.Vector3d;

/**
 * Free-response ROC analysis of screening candidates against phantom truth, after the LUNA16
 * protocol (Setio et al., "Validation, comparison, and combination of algorithms for automatic
 * detection of pulmonary nodules in computed tomography images: the LUNA16 challenge", Med. Image
 * Anal. 42, 2017): a candidate hits a lesion when its centre lies within the lesion's radius
 * (equivalent-sphere radius of the visible lesion; {@value #MIN_HIT_RADIUS_MM} mm for lesions
 * smaller than that, i.e. under 5 mm across); a lesion's score is the highest score of the
 * candidates hitting it (further hits are neither true nor false positives); a candidate hitting
 * no lesion is a false positive. Sensitivity is read at 1/8, 1/4, 1/2, 1, 2, 4 and 8 false
 * positives per scan and averaged (the competition performance metric, CPM).
 *
 * <p>Candidates are given as plain rows (centre, score, measured diameter) so that the analysis
 * does not depend on the detector's classes. Immutable results; not thread-safe while adding.
 */
public final class Froc {

    /** Smallest hit radius, mm (a 5 mm diameter). */
    public static final double MIN_HIT_RADIUS_MM = 2.5;
    /** The false-positive rates of the CPM. */
    public static final double[] FP_RATES = {0.125, 0.25, 0.5, 1, 2, 4, 8};

    /**
     * One candidate as the detector reported it.
     *
     * @param centreLps  centre, LPS mm
     * @param score      score (higher = more likely)
     * @param diameterMm measured equivalent diameter, mm
     * @param type       the reported type (free text)
     */
    public record Row(Vector3d centreLps, double score, double diameterMm, String type) {
    }

    /**
     * A lesion's outcome.
     *
     * @param study        the study's seed
     * @param truth        the lesion
     * @param score        score of its best hit, or −∞ when missed
     * @param centreErrorMm distance from the best hit's centre to the truth's, mm (NaN when missed)
     * @param diameterErrorMm best hit's diameter minus the truth's, mm (NaN when missed)
     * @param reportedType the best hit's reported type, or null
     */
    public record Outcome(long study, LesionTruth truth, double score, double centreErrorMm, double diameterErrorMm,
            String reportedType) {

        public boolean hit() {
            return score > Double.NEGATIVE_INFINITY;
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Double> falsePositives = new ArrayList<>();
    private int scans;

    /** Adds one scan's truth and candidates. */
    public void add(long study, List<LesionTruth> truths, List<Row> candidates) {
        scans++;
        double[] best = new double[truths.size()];
        Row[] bestRow = new Row[truths.size()];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (Row c : candidates) {
            int hit = -1;
            double nearest = Double.POSITIVE_INFINITY;
            for (int t = 0; t < truths.size(); t++) {
                LesionTruth tr = truths.get(t);
                double d = c.centreLps().distance(tr.centreLps());
                if (d <= hitRadius(tr) && d < nearest) {
                    nearest = d;
                    hit = t;
                }
            }
            if (hit < 0) {
                falsePositives.add(c.score());
            } else if (c.score() > best[hit]) {
                best[hit] = c.score();
                bestRow[hit] = c;
            }
        }
        for (int t = 0; t < truths.size(); t++) {
            LesionTruth tr = truths.get(t);
            Row r = bestRow[t];
            outcomes.add(r == null ? new Outcome(study, tr, Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, null)
                    : new Outcome(study, tr, best[t], r.centreLps().distance(tr.centreLps()), r.diameterMm() - tr.diameterMm(), r.type()));
        }
    }

    /** The hit radius of a lesion, mm. */
    public static double hitRadius(LesionTruth t) {
        return Math.max(MIN_HIT_RADIUS_MM, t.radiusMm());
    }

    public int scans() {
        return scans;
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Number of false positives scoring at least {@code threshold}, per scan. */
    public double falsePositivesPerScan(double threshold) {
        long n = falsePositives.stream().filter(s -> s >= threshold).count();
        return scans == 0 ? 0 : n / (double) scans;
    }

    /** Fraction of the selected lesions whose best hit scores at least {@code threshold}. */
    public double sensitivity(Predicate<LesionTruth> which, double threshold) {
        long all = outcomes.stream().filter(o -> which.test(o.truth())).count();
        long hit = outcomes.stream().filter(o -> which.test(o.truth()) && o.score() >= threshold).count();
        return all == 0 ? Double.NaN : hit / (double) all;
    }

    /** Number of selected lesions. */
    public long count(Predicate<LesionTruth> which) {
        return outcomes.stream().filter(o -> which.test(o.truth())).count();
    }

    /**
     * The lowest score threshold whose false positives per scan do not exceed {@code rate}
     * (+∞ if even the highest-scored false positive exceeds it... i.e. when nothing can be kept).
     */
    public double thresholdAt(double rate) {
        double[] fp = falsePositives.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int allowed = (int) Math.floor(rate * scans + 1e-9);
        if (allowed >= fp.length) {
            return Double.NEGATIVE_INFINITY;
        }
        // Keeping scores strictly above the (allowed+1)-th highest false positive admits exactly `allowed`.
        return Math.nextUp(fp[fp.length - 1 - allowed]);
    }

    /** Sensitivity of the selected lesions at each of {@link #FP_RATES}. */
    public double[] curve(Predicate<LesionTruth> which) {
        double[] out = new double[FP_RATES.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = sensitivity(which, thresholdAt(FP_RATES[n]));
        }
        return out;
    }

    /** The mean of {@link #curve}: the competition performance metric. */
    public double cpm(Predicate<LesionTruth> which) {
        return Arrays.stream(curve(which)).average().orElse(Double.NaN);
    }

    /** Median of the selected hits' absolute centre errors, mm. */
    public double medianCentreError(Predicate<LesionTruth> which) {
        return median(outcomes.stream().filter(o -> o.hit() && which.test(o.truth())).mapToDouble(Outcome::centreErrorMm).toArray());
    }

    /** Median of the selected hits' absolute diameter errors, mm. */
    public double medianAbsDiameterError(Predicate<LesionTruth> which) {
        return median(outcomes.stream().filter(o -> o.hit() && which.test(o.truth()))
                .mapToDouble(o -> Math.abs(o.diameterErrorMm())).toArray());
    }

    /** Median of the selected hits' signed diameter errors (bias), mm. */
    public double medianDiameterBias(Predicate<LesionTruth> which) {
        return median(outcomes.stream().filter(o -> o.hit() && which.test(o.truth())).mapToDouble(Outcome::diameterErrorMm).toArray());
    }

    /** One Markdown table row: name, count, sensitivities at the FP rates, CPM. */
    public String tableRow(String name, Predicate<LesionTruth> which) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", name, count(which)));
        for (double s : curve(which)) {
            sb.append(String.format(Locale.ROOT, " %.3f |", s));
        }
        sb.append(String.format(Locale.ROOT, " %.3f |", cpm(which)));
        return sb.toString();
    }

    /** The Markdown table header matching {@link #tableRow}. */
    public static String tableHeader() {
        StringBuilder sb = new StringBuilder("| lesions | n |");
        for (double r : FP_RATES) {
            sb.append(' ').append(r == Math.rint(r) ? String.valueOf((int) r) : String.valueOf(r)).append(" |");
        }
        sb.append(" CPM |\n|---|---|");
        for (int n = 0; n <= FP_RATES.length; n++) {
            sb.append("---|");
        }
        return sb.toString();
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
