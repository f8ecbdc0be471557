package org.organ3d.mesh;

import java.util.Objects;

/**
 * Non-shrinking λ/μ smoothing (G. Taubin, "A signal processing approach to fair surface design",
 * SIGGRAPH 1995). Each iteration is a Laplacian step with a positive factor λ followed by one with a
 * negative factor μ (|μ| > λ), so the transfer function per iteration is {@code f(k) = (1 − λk)(1 −
 * μk)} over the umbrella-Laplacian frequencies k ∈ [0, 2]: about 1 below the pass band {@code k_PB
 * = 1/λ + 1/μ} and below 1 above it. High-frequency noise is removed while the low frequencies that
 * carry an organ's shape (and its volume) are kept.
 *
 * <p>Pass 1: edge graph and smoothing neighbours ({@link UmbrellaLaplacian}: boundary vertices move
 * along the boundary or stay fixed, non-manifold vertices stay fixed). Pass 2: the iterations, in
 * double, each Laplacian evaluated in parallel over vertex blocks (deterministic). Pass 3:
 * optional volume-restoring rescale about the volume centroid, area-weighted normals, volume
 * bookkeeping ({@link SmoothingResult}).
 *
 * <p>Defaults: λ = 0.33, μ = −0.34 (the values of Taubin's paper; k_PB ≈ 0.089), 20 iterations.
 * NB: the often quoted λ = 0.5 with k_PB = 0.1 (μ ≈ −0.526) removes noise a little faster but, with
 * |λ + μ| 2.6 times larger, grows coarsely meshed curved shapes 2.6 times more: +0.65 % volume on
 * a torus with 48 segments around its tube, against +0.25 % with the defaults.
 *
 * <p>Caveats: in the pass band f(k) is slightly above 1 (by at most {@code (λ+μ)² / (4|λμ|)} per
 * iteration), so a coarse mesh of a strongly curved shape grows a little: a sphere of radius R with
 * edges of length h has k ≈ h²/(2R²) and its radius changes by about {@code −N(λ+μ)k}; with the
 * defaults and h/R = 0.1 that is +0.1 % in radius over 20 iterations. The relative volume change
 * is reported on every call; {@link Options#preserveVolume()} (off by default) removes it by a
 * uniform rescale. Triangles are not changed, only positions.
 */
public final class TaubinSmoothing {

    private TaubinSmoothing() {
    }

    /**
     * Smoothing parameters.
     *
     * @param iterations     number of λ/μ pairs (≥ 0)
     * @param lambda         positive step, 0 &lt; λ &lt; 1
     * @param mu             negative step with |μ| &gt; λ, so that the pass band 1/λ + 1/μ is positive
     * @param smoothBoundary move boundary vertices along the boundary (true) or keep them fixed
     * @param preserveVolume rescale the result about its volume centroid so that the enclosed volume
     *                       equals the input's (closed meshes; off by default)
     */
    public record Options(int iterations, double lambda, double mu, boolean smoothBoundary, boolean preserveVolume) {

        public Options {
            if (iterations < 0) {
                throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
            }
            if (!(lambda > 0 && lambda < 1)) {
                throw new IllegalArgumentException("lambda must be in (0, 1): " + lambda);
            }
            if (!(mu < 0 && -mu > lambda)) {
                throw new IllegalArgumentException("mu must be negative with |mu| > lambda: " + mu);
            }
        }

        /** μ from λ and the pass band: 1/μ = k_PB − 1/λ; boundary smoothed, no rescale. */
        public static Options passBand(int iterations, double lambda, double passBand) {
            if (!(passBand > 0 && passBand < 1 / lambda)) {
                throw new IllegalArgumentException("pass band must be in (0, 1/lambda): " + passBand);
            }
            return new Options(iterations, lambda, 1.0 / (passBand - 1.0 / lambda), true, false);
        }

        /** 20 iterations, λ = 0.33, μ = −0.34 (pass band ≈ 0.089), boundary smoothed, no rescale. */
        public static Options defaults() {
            return new Options(20, 0.33, -0.34, true, false);
        }

        /** The pass band 1/λ + 1/μ. */
        public double passBandK() {
            return 1 / lambda + 1 / mu;
        }

        public Options withIterations(int n) {
            return new Options(n, lambda, mu, smoothBoundary, preserveVolume);
        }

        public Options withPreserveVolume(boolean on) {
            return new Options(iterations, lambda, mu, smoothBoundary, on);
        }

        public Options withSmoothBoundary(boolean on) {
            return new Options(iterations, lambda, mu, on, preserveVolume);
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
        double[] d = new double[x.length];
        for (int it = 0; it < options.iterations(); it++) {
            step(laplacian, x, d, options.lambda());
            step(laplacian, x, d, options.mu());
        }
        return SmoothingResult.finish(mesh, before, x, indices, options.preserveVolume(), laplacian.fixedCount(),
                options.iterations());
    }

    private static void step(UmbrellaLaplacian laplacian, double[] x, double[] d, double factor) {
        laplacian.apply(x, d);
        for (int i = 0; i < x.length; i++) {
            x[i] += factor * d[i];
        }
    }
}
