package org.organ3d.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.organ3d.screen.CandidateScore;

/**
 * Trains a screening score model (L2-regularised logistic regression by Newton's method on
 * standardised features) from the {@code candidates.csv} that {@link ScreeningFroc} writes for
 * tuning seeds, and writes it in the format {@link CandidateScore} loads:
 * {@code ScreeningTrainer CANDIDATES.csv NAME FP_PER_SCAN OUT.properties "provenance text"}. A
 * candidate is positive when it hits a lesion. The operating point is the lowest threshold at which
 * the tuning scans have at most FP_PER_SCAN false positives per scan. {@code -Dfeatures=a,b,c}
 * trains on those columns only (default: every feature of the CSV).
 */
public final class ScreeningTrainer {

    private static final double LAMBDA = 1.0;

    private ScreeningTrainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: ScreeningTrainer CANDIDATES.csv NAME FP_PER_SCAN OUT.properties PROVENANCE");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        String[] head = lines.get(0).split(",");
        int f0 = 4;
        List<String> columns = Arrays.asList(head).subList(f0, head.length);
        String pick = System.getProperty("features", "");
        List<String> used = pick.isEmpty() ? columns : List.of(pick.split(","));
        int nf = used.size();
        int[] col = new int[nf];
        for (int n = 0; n < nf; n++) {
            col[n] = columns.indexOf(used.get(n));
            if (col[n] < 0 || !CandidateScore.FEATURES.contains(used.get(n))) {
                throw new IllegalArgumentException("feature " + used.get(n) + " is not a column of the CSV and a feature of " + CandidateScore.FEATURES);
            }
        }
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        Set<String> seeds = new HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            seeds.add(c[0]);
            double[] f = new double[nf];
            for (int n = 0; n < nf; n++) {
                f[n] = Double.parseDouble(c[f0 + col[n]]);
            }
            x.add(f);
            y.add(Integer.parseInt(c[1]) > 0 ? 1 : 0);
        }
        int scans = Integer.parseInt(System.getProperty("scans", String.valueOf(seeds.size())));
        double[] mean = new double[nf];
        double[] sd = new double[nf];
        for (double[] f : x) {
            for (int n = 0; n < nf; n++) {
                mean[n] += f[n] / x.size();
            }
        }
        for (double[] f : x) {
            for (int n = 0; n < nf; n++) {
                sd[n] += (f[n] - mean[n]) * (f[n] - mean[n]) / x.size();
            }
        }
        for (int n = 0; n < nf; n++) {
            sd[n] = Math.max(1e-6, Math.sqrt(sd[n]));
        }
        double[] w = fit(x, y, mean, sd);
        double[] weights = Arrays.copyOf(w, nf);
        double intercept = w[nf];
        double fpRate = Double.parseDouble(args[2]);
        List<Double> neg = new ArrayList<>();
        for (int r = 0; r < x.size(); r++) {
            if (y.get(r) == 0) {
                double z = intercept;
                for (int n = 0; n < nf; n++) {
                    z += weights[n] * (x.get(r)[n] - mean[n]) / sd[n];
                }
                neg.add(1 / (1 + Math.exp(-z)));
            }
        }
        neg.sort(null);
        int allowed = (int) Math.floor(fpRate * scans);
        double op = allowed >= neg.size() ? 0 : Math.min(1, Math.nextUp(neg.get(neg.size() - 1 - allowed)));
        long pos = y.stream().filter(v -> v == 1).count();
        String prov = args[4] + String.format(Locale.ROOT,
                "; logistic regression (L2 %.1f) on %d candidates (%d hitting a lesion) of %d scans; operating point at %.2f false positives per scan there",
                LAMBDA, x.size(), pos, scans, fpRate);
        CandidateScore model = new CandidateScore(args[1], used, mean, sd, weights, intercept, op, prov);
        Files.writeString(Path.of(args[3]), model.toProperties());
        System.out.println(model.toProperties());
        for (int n = 0; n < nf; n++) {
            System.out.printf(Locale.ROOT, "%-14s weight %+.3f%n", used.get(n), weights[n]);
        }
    }

    /** Newton–Raphson (IRLS) for L2-regularised logistic regression; the intercept is not penalised. */
    static double[] fit(List<double[]> x, List<Integer> y, double[] mean, double[] sd) {
        int nf = mean.length;
        int p = nf + 1;
        double[] w = new double[p];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[p];
            double[][] h = new double[p][p];
            for (int r = 0; r < x.size(); r++) {
                double[] z = new double[p];
                for (int n = 0; n < nf; n++) {
                    z[n] = (x.get(r)[n] - mean[n]) / sd[n];
                }
                z[nf] = 1;
                double s = 0;
                for (int n = 0; n < p; n++) {
                    s += w[n] * z[n];
                }
                double pr = 1 / (1 + Math.exp(-s));
                double e = pr - y.get(r);
                double v = pr * (1 - pr);
                for (int a = 0; a < p; a++) {
                    g[a] += e * z[a];
                    for (int b = 0; b < p; b++) {
                        h[a][b] += v * z[a] * z[b];
                    }
                }
            }
            for (int a = 0; a < nf; a++) {
                g[a] += LAMBDA * w[a];
                h[a][a] += LAMBDA;
            }
            double[] step = solve(h, g);
            double norm = 0;
            for (int a = 0; a < p; a++) {
                w[a] -= step[a];
                norm += step[a] * step[a];
            }
            if (norm < 1e-12) {
                break;
            }
        }
        return w;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a[r], 0, m[r], 0, n);
            m[r][n] = b[r];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = 0; r < n; r++) {
                if (r != c && m[c][c] != 0) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            out[r] = m[r][r] == 0 ? 0 : m[r][n] / m[r][r];
        }
        return out;
    }
}
