package org.organ3d.screen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The score of a candidate: a logistic regression on its features (standardised), loaded from a
 * model file shipped with the library ({@code lung-score.properties}, {@code liver-score.properties}
 * beside this class). The models are trained by {@code org.organ3d.bench.ScreeningTrainer} on
 * phantom seeds that the evaluation never uses (the file says which); the operating point is the
 * score at which reporting starts by default.
 *
 * <p>Features ({@link #FEATURES}, computed by {@link #features}): the blob's scale-normalised
 * response (log), its Hessian shape ratio |λc|/|λa|, its scale (log); the segmented region's
 * equivalent diameter (log) and its ratio to the blob's radius, elongation (√ of the smallest over
 * the largest second moment), whether it runs to the box border, the fraction cut away as
 * attached structure, the inscribed radius over the equivalent radius (compactness), the offset of
 * its centroid from the blob, its level above the background (log) and, in the lung, its solid
 * fraction; and five products that a linear model cannot form itself: small and faint (the tips of
 * sub-millimetre vessels in thick slices look like tiny ground glass), large and running to the box
 * border, the offset beyond half a radius, the squared log diameter, solid and large; then the
 * region's contacts: the pieces of attached structure cut away from it that run on to the box's
 * border (capped at 4: a vessel segment has two, a bifurcation three, an isolated nodule none), and
 * the fractions of its surface touching that structure and touching the outside of the field (the
 * pleura). A model file names the features it uses, all of these or a subset (older models).
 * Immutable, thread-safe.
 */
public final class CandidateScore {

    /** Feature names, in the order of {@link #features}; a model uses these or a subset of them (its file says which). */
    public static final List<String> FEATURES = List.of("logResponse", "shape", "logScale", "logDiameter", "sizeRatio", "elongation",
            "border", "attached", "compactness", "offset", "logLevel", "solidFraction", "smallFaint", "borderSize", "offsetExcess",
            "logDiameterSquared", "solidSize", "stubs", "attachedContact", "fieldContact");

    private static volatile CandidateScore lung;
    private static volatile CandidateScore liver;

    private final String name;
    private final List<String> used;
    private final int[] index;
    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double intercept;
    private final double operatingPoint;
    private final String provenance;

    /**
     * A model.
     *
     * @param name           what it scores
     * @param used           the features it uses, names of {@link #FEATURES} in the order of the arrays
     * @param mean           per-feature mean (standardisation)
     * @param scale          per-feature standard deviation (standardisation; > 0)
     * @param weights        logistic weights on the standardised features
     * @param intercept      logistic intercept
     * @param operatingPoint default reporting threshold (0..1)
     * @param provenance     how it was trained (free text)
     */
    public CandidateScore(String name, List<String> used, double[] mean, double[] scale, double[] weights, double intercept,
            double operatingPoint, String provenance) {
        int n = used.size();
        if (mean.length != n || scale.length != n || weights.length != n) {
            throw new IllegalArgumentException("a score model needs " + n + " means, scales and weights");
        }
        int[] idx = new int[n];
        for (int f = 0; f < n; f++) {
            idx[f] = FEATURES.indexOf(used.get(f));
            if (idx[f] < 0) {
                throw new IllegalArgumentException("unknown feature " + used.get(f) + "; known: " + FEATURES);
            }
        }
        for (double s : scale) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("feature scales must be > 0");
            }
        }
        if (!(operatingPoint >= 0 && operatingPoint <= 1)) {
            throw new IllegalArgumentException("operating point must be in [0, 1]");
        }
        this.name = name;
        this.used = List.copyOf(used);
        this.index = idx;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.weights = weights.clone();
        this.intercept = intercept;
        this.operatingPoint = operatingPoint;
        this.provenance = provenance;
    }

    /** The shipped lung-nodule model. */
    public static CandidateScore lung() {
        CandidateScore m = lung;
        if (m == null) {
            m = load("lung-score.properties");
            lung = m;
        }
        return m;
    }

    /** The shipped liver-lesion model. */
    public static CandidateScore liver() {
        CandidateScore m = liver;
        if (m == null) {
            m = load("liver-score.properties");
            liver = m;
        }
        return m;
    }

    public String name() {
        return name;
    }

    /** The default reporting threshold. */
    public double operatingPoint() {
        return operatingPoint;
    }

    /** How the model was made. */
    public String provenance() {
        return provenance;
    }

    /** The features this model uses (names of {@link #FEATURES}). */
    public List<String> used() {
        return used;
    }

    /** The score (0..1) of a feature vector in {@link #FEATURES} order (all of them). */
    public double score(double[] f) {
        if (f.length != FEATURES.size()) {
            throw new IllegalArgumentException("a feature vector has " + FEATURES.size() + " entries, not " + f.length);
        }
        double z = intercept;
        for (int n = 0; n < index.length; n++) {
            z += weights[n] * (f[index[n]] - mean[n]) / scale[n];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The features of a segmented blob, in {@link #FEATURES} order. */
    static double[] features(Blob b, LesionRegion r) {
        double req = r.diameterMm() / 2;
        double logD = Math.log(r.diameterMm());
        double solid = Double.isNaN(r.solidFraction) ? 0 : r.solidFraction;
        double border = r.touchesBorder ? 1 : 0;
        double sizeRatio = req / b.radiusMm();
        double offset = r.offsetMm / b.radiusMm();
        return new double[] {
            Math.log(Math.max(1e-3, Math.abs(b.response()))),
            b.shape(),
            Math.log(b.sigmaMm()),
            logD,
            sizeRatio,
            r.elongation,
            border,
            r.attachedFraction,
            Math.min(2, r.innerRadiusMm / Math.max(1e-6, req)),
            offset,
            Math.log(Math.max(1, Math.abs(r.level))),
            solid,
            (1 - solid) * Math.max(0, Math.log(6) - logD),
            border * sizeRatio,
            Math.max(0, offset - 0.5),
            logD * logD,
            solid * logD,
            Math.min(4, r.stubs),
            r.attachedContact,
            r.fieldContact};
    }

    /** Writes a model in the format {@link #lung()} reads. */
    public String toProperties() {
        return "# " + provenance.replace("\n", "\n# ") + "\n"
                + "name=" + name + "\n"
                + "provenance=" + provenance.replace("\n", " ") + "\n"
                + "features=" + String.join(",", used) + "\n"
                + "mean=" + join(mean) + "\n"
                + "scale=" + join(scale) + "\n"
                + "weights=" + join(weights) + "\n"
                + "intercept=" + String.format(Locale.ROOT, "%.9g", intercept) + "\n"
                + "operatingPoint=" + String.format(Locale.ROOT, "%.6f", operatingPoint) + "\n";
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < v.length; n++) {
            sb.append(n == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", v[n]));
        }
        return sb.toString();
    }

    private static CandidateScore load(String resource) {
        Properties p = new Properties();
        try (InputStream in = CandidateScore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("score model " + resource + " is missing from the library");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read score model " + resource, e);
        }
        List<String> names = List.of(p.getProperty("features", "").split(","));
        if (!FEATURES.containsAll(names)) {
            throw new IllegalStateException("score model " + resource + " was trained on features " + names + ", not all among " + FEATURES);
        }
        return new CandidateScore(p.getProperty("name", resource), names, numbers(p, "mean"), numbers(p, "scale"),
                numbers(p, "weights"), Double.parseDouble(p.getProperty("intercept")), Double.parseDouble(p.getProperty("operatingPoint")),
                p.getProperty("provenance", resource));
    }

    private static double[] numbers(Properties p, String key) {
        return Arrays.stream(p.getProperty(key, "").split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
