package org.organ3d.mesh;

import java.util.Objects;

/**
 * Windowed-sinc low-pass smoothing (G. Taubin, T. Zhang, G. Golub, "Optimal surface smoothing as
 * filter design", ECCV 1996 / IBM RC-20404; the idea of VTK's vtkWindowedSincPolyDataFilter). The
 * ideal low-pass response (1 below the pass band k_PB, 0 above) is written in the variable θ with
 * {@code cos θ = 1 − k/2} as a Fourier cosine series, truncated to N terms and multiplied by a
 * window; {@code cos(jθ)} is the Chebyshev polynomial {@code T_j(1 − k/2)}, so the filter is a
 * degree-N polynomial of the umbrella Laplacian evaluated with the three-term recurrence {@code
 * y₀ = x, y₁ = x + ½Δx, y_{j+1} = 2y_j + Δy_j − y_{j−1}}, result {@code Σ c_j y_j}.
 *
 * <p>Pass 1: coefficients. Window: 4-term Nuttall (a = 0.355768, 0.487396, 0.144232, 0.012604),
 * right half, {@code w_j = Σ a_m cos(mπj/(N+1))}. NB: VTK used a Hamming window until 2022; its
 * 8 % pedestal leaves ripple in the pass band, which showed up in 3D Slicer as a scale error of up to
 * 1 % (Slicer PR #7643); the Nuttall window has side lobes below −93 dB and a flat pass band. The
 * cut-off is shifted by σ (Newton iteration on σ) so that the response at k_PB is 1, as in the
 * paper. NB: the coefficients are then divided by their sum, so the response at k = 0 is exactly 1:
 * a translation (and the centroid) passes unchanged whatever the origin. Pass 2: edge graph and
 * smoothing neighbours ({@link UmbrellaLaplacian}), coordinates centred on the vertex mean (for
 * digits; the filter is linear). Pass 3: N Laplacian evaluations in double, in parallel over vertex
 * blocks (deterministic). Pass 4: optional volume-restoring rescale, normals, volume bookkeeping.
 *
 * <p>Caveats: the response is not exactly 1 across the pass band (|ripple| below 1e−5 with the
 * defaults), so strongly curved, coarsely meshed shapes change size slightly; the relative volume
 * change is reported on every call, and {@link Options#preserveVolume()} (off by default) removes
 * it. N below 2 gives no useful filter and is rejected. Triangles are not changed.
 */
public final class WindowedSincSmoothing {

    private static final double[] NUTTALL = {0.355768, 0.487396, 0.144232, 0.012604};

    private WindowedSincSmoothing() {
    }

    /**
     * Smoothing parameters.
     *
     * @param iterations     polynomial degree N (Laplacian evaluations), 2..1000
     * @param passBand       k_PB in (0, 2); smaller is smoother (0.1 is VTK's and Slicer's default
     *                       scale)
     * @param smoothBoundary move boundary vertices along the boundary (true) or keep them fixed
     * @param preserveVolume rescale about the volume centroid to restore the input volume (off by
     *                       default)
     */
    public record Options(int iterations, double passBand, boolean smoothBoundary, boolean preserveVolume) {

        public Options {
            if (iterations < 2 || iterations > 1000) {
                throw new IllegalArgumentException("iterations must be 2..1000: " + iterations);
            }
            if (!(passBand > 0 && passBand < 2)) {
                throw new IllegalArgumentException("pass band must be in (0, 2): " + passBand);
            }
        }

        /** 20 iterations, pass band 0.1, boundary smoothed, no rescale. */
        public static Options defaults() {
            return new Options(20, 0.1, true, false);
        }

        public Options withIterations(int n) {
            return new Options(n, passBand, smoothBoundary, preserveVolume);
        }

        public Options withPassBand(double k) {
            return new Options(iterations, k, smoothBoundary, preserveVolume);
        }

        public Options withPreserveVolume(boolean on) {
            return new Options(iterations, passBand, smoothBoundary, on);
        }

        public Options withSmoothBoundary(boolean on) {
            return new Options(iterations, passBand, on, preserveVolume);
        }
    }

    /** Smooths with {@link Options#defaults()}. */
    public static SmoothingResult smooth(Mesh mesh) {
        return smooth(mesh, Options.defaults());
    }

    /**
     * Smooths {@code mesh} (not modified) and returns a new mesh with the same triangles.
     * Multi-threaded (common fork-join pool); the result does not depend on the thread count.
     */
    public static SmoothingResult smooth(Mesh mesh, Options options) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(options, "options");
        int[] indices = mesh.indicesCopy();
        double[] x = PositionArrays.toDouble(mesh.positionsCopy());
        double before = MeshProperties.of(mesh).volumeMm3();
        UmbrellaLaplacian laplacian = UmbrellaLaplacian.of(VertexNeighbourhood.of(mesh.vertexCount(), indices),
                options.smoothBoundary());
        double[] c = coefficients(options.iterations(), options.passBand());
        double[] centre = PositionArrays.mean(x);
        for (int i = 0; i < x.length; i++) {
            x[i] -= centre[i % 3];
        }
        int n = x.length;
        double[] prev = x;
        double[] cur = new double[n];
        double[] next = new double[n];
        double[] lap = new double[n];
        double[] out = new double[n];
        laplacian.apply(prev, lap);
        for (int i = 0; i < n; i++) {
            cur[i] = prev[i] + 0.5 * lap[i];
            out[i] = c[0] * prev[i] + c[1] * cur[i];
        }
        for (int j = 2; j <= options.iterations(); j++) {
            laplacian.apply(cur, lap);
            double cj = c[j];
            for (int i = 0; i < n; i++) {
                double y = 2 * cur[i] + lap[i] - prev[i];
                next[i] = y;
                out[i] += cj * y;
            }
            double[] t = prev;
            prev = cur;
            cur = next;
            next = t;
        }
        for (int i = 0; i < n; i++) {
            out[i] += centre[i % 3];
        }
        return SmoothingResult.finish(mesh, before, out, indices, options.preserveVolume(), laplacian.fixedCount(),
                options.iterations());
    }

    /**
     * Chebyshev coefficients c₀..c_N of the windowed, σ-shifted low-pass filter, normalised to sum 1
     * (response 1 at k = 0). Package-private for tests.
     */
    static double[] coefficients(int n, double passBand) {
        return coefficients(n, passBand, NUTTALL);
    }

    /**
     * As {@link #coefficients(int, double)} with the cosine-sum window {@code w_j = Σ a_m
     * cos(mπj/(N+1))} (Nuttall: 4 terms; Hamming: 0.54, 0.46). Package-private for tests.
     */
    static double[] coefficients(int n, double passBand, double[] window) {
        double thetaPb = Math.acos(1 - passBand / 2);
        double[] w = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            double t = Math.PI * j / (n + 1);
            for (int m = 0; m < window.length; m++) {
                w[j] += window[m] * Math.cos(m * t);
            }
        }
        double sigma = 0;
        for (int iter = 0; iter < 100; iter++) {
            double f = response(w, thetaPb + sigma, thetaPb);
            if (Math.abs(f - 1) < 1e-12) {
                break;
            }
            double df = w[0] / Math.PI;
            for (int j = 1; j <= n; j++) {
                df += 2 * w[j] * Math.cos(j * (thetaPb + sigma)) * Math.cos(j * thetaPb) / Math.PI;
            }
            if (df == 0) {
                break;
            }
            sigma -= (f - 1) / df;
        }
        double[] c = coefficientsAt(w, thetaPb + sigma);
        double sum = 0;
        for (double v : c) {
            sum += v;
        }
        for (int j = 0; j <= n; j++) {
            c[j] /= sum;
        }
        return c;
    }

    /** Filter response at eigenvalue k ∈ [0, 2] for coefficients c. Package-private for tests. */
    static double responseAt(double[] c, double k) {
        double theta = Math.acos(1 - k / 2);
        double f = 0;
        for (int j = 0; j < c.length; j++) {
            f += c[j] * Math.cos(j * theta);
        }
        return f;
    }

    private static double[] coefficientsAt(double[] w, double cutoff) {
        double[] c = new double[w.length];
        c[0] = w[0] * cutoff / Math.PI;
        for (int j = 1; j < w.length; j++) {
            c[j] = 2 * w[j] * Math.sin(j * cutoff) / (j * Math.PI);
        }
        return c;
    }

    private static double response(double[] w, double cutoff, double theta) {
        double[] c = coefficientsAt(w, cutoff);
        double f = 0;
        for (int j = 0; j < c.length; j++) {
            f += c[j] * Math.cos(j * theta);
        }
        return f;
    }
}
