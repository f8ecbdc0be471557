package org.organ3d.filter;

import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;

/**
 * Separable Gaussian smoothing of a float image in millimetres, sampled on a coarser grid where
 * asked: output voxel (a, b, c) is the smoothed value at input voxel
 * {@code (a·step[0], b·step[1], c·step[2])}, so a coarse scale costs little (each 1D pass computes
 * only the samples the next pass reads).
 *
 * <p>Kernel: the sampled Gaussian {@code exp(−x²/2σ²)} at the grid's spacing along each axis,
 * truncated at {@code ⌈3σ/h⌉} samples each side and normalised to sum 1 (so a constant image stays
 * constant); along an axis where {@code 3σ < h/2} the kernel is the identity. Borders replicate the
 * edge value. Passes run x, then y, then z in float; each output value is a fixed-order sum, so the
 * result does not depend on the thread count. This is the reference that
 * {@link FilterPasses#gaussian} implementations must match.
 *
 * <p>Caveat: the sampled Gaussian underestimates the smoothing when σ is below about half a voxel
 * (the discrete kernel is then nearly a delta); the detector's scales start above that in-plane.
 */
public final class GaussianFilter {

    private GaussianFilter() {
    }

    /** Output dimensions for input {@code d} sampled every {@code step} voxels. */
    public static Dimensions sampledDimensions(Dimensions d, int[] step) {
        return new Dimensions((d.nx() + step[0] - 1) / step[0], (d.ny() + step[1] - 1) / step[1], (d.nz() + step[2] - 1) / step[2]);
    }

    /** The normalised kernel weights for σ (mm) on spacing h (mm): length 2r+1, centre at r. */
    public static float[] kernel(double sigmaMm, double h) {
        int r = (int) Math.ceil(3 * sigmaMm / h);
        if (r < 1 || sigmaMm <= 0) {
            return new float[] {1f};
        }
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            double x = t * h / sigmaMm;
            w[t + r] = Math.exp(-0.5 * x * x);
            sum += w[t + r];
        }
        float[] out = new float[w.length];
        for (int t = 0; t < w.length; t++) {
            out[t] = (float) (w[t] / sum);
        }
        return out;
    }

    /**
     * Smooths {@code image} (slices of {@code d}, row-major, i fastest; not modified) with a
     * Gaussian of {@code sigmaMm} on the grid {@code spacing} (mm along i, j, k) and samples the
     * result every {@code step} voxels.
     *
     * @return new slices of {@link #sampledDimensions(Dimensions, int[])}, owned by the caller
     */
    public static float[][] smooth(float[][] image, Dimensions d, double[] spacing, double sigmaMm, int[] step) {
        checkArgs(image, d, spacing, sigmaMm, step);
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        Dimensions o = sampledDimensions(d, step);
        int mx = o.nx();
        int my = o.ny();
        float[] wx = kernel(sigmaMm, spacing[0]);
        float[] wy = kernel(sigmaMm, spacing[1]);
        float[] wz = kernel(sigmaMm, spacing[2]);
        int rx = wx.length / 2;
        int ry = wy.length / 2;
        int rz = wz.length / 2;
        // Pass x and y per input slice: each slice becomes mx × my.
        float[][] xy = new float[nz][];
        // NB: a candidate's small box is smoothed on its own thread (candidates run in parallel).
        boolean parallel = d.voxelCount() > PARALLEL_VOXELS;
        stream(nz, parallel).forEach(k -> {
            float[] in = image[k];
            float[] t = new float[mx * ny];
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                for (int a = 0; a < mx; a++) {
                    int c = a * step[0];
                    float s = 0;
                    for (int q = -rx; q <= rx; q++) {
                        int i = c + q;
                        i = i < 0 ? 0 : i >= nx ? nx - 1 : i;
                        s += wx[q + rx] * in[row + i];
                    }
                    t[j * mx + a] = s;
                }
            }
            float[] u = new float[mx * my];
            for (int b = 0; b < my; b++) {
                int c = b * step[1];
                for (int q = -ry; q <= ry; q++) {
                    int j = c + q;
                    j = j < 0 ? 0 : j >= ny ? ny - 1 : j;
                    float w = wy[q + ry];
                    int src = j * mx;
                    int dst = b * mx;
                    for (int a = 0; a < mx; a++) {
                        u[dst + a] += w * t[src + a];
                    }
                }
            }
            xy[k] = u;
        });
        float[][] out = new float[o.nz()][];
        stream(o.nz(), parallel).forEach(c -> {
            float[] u = new float[mx * my];
            int centre = c * step[2];
            for (int q = -rz; q <= rz; q++) {
                int k = centre + q;
                k = k < 0 ? 0 : k >= nz ? nz - 1 : k;
                float w = wz[q + rz];
                float[] src = xy[k];
                for (int x = 0; x < u.length; x++) {
                    u[x] += w * src[x];
                }
            }
            out[c] = u;
        });
        return out;
    }

    private static final long PARALLEL_VOXELS = 1 << 18;

    private static IntStream stream(int n, boolean parallel) {
        IntStream s = IntStream.range(0, n);
        return parallel ? s.parallel() : s;
    }

    /**
     * Checks the arguments of {@link #smooth} (for other implementations of the pass).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void checkArguments(float[][] image, Dimensions d, double[] spacing, double sigmaMm, int[] step) {
        checkArgs(image, d, spacing, sigmaMm, step);
    }

    static void checkArgs(float[][] image, Dimensions d, double[] spacing, double sigmaMm, int[] step) {
        if (image.length != d.nz()) {
            throw new IllegalArgumentException("image has " + image.length + " slices, dimensions say " + d.nz());
        }
        for (float[] s : image) {
            if (s == null || s.length != d.sliceSize()) {
                throw new IllegalArgumentException("every slice must hold " + d.sliceSize() + " values");
            }
        }
        if (spacing.length != 3 || !(spacing[0] > 0 && spacing[1] > 0 && spacing[2] > 0)) {
            throw new IllegalArgumentException("spacing must be 3 positive numbers (mm)");
        }
        if (!(sigmaMm >= 0) || Double.isInfinite(sigmaMm)) {
            throw new IllegalArgumentException("sigma must be a finite number >= 0 mm: " + sigmaMm);
        }
        if (step.length != 3 || step[0] < 1 || step[1] < 1 || step[2] < 1) {
            throw new IllegalArgumentException("steps must be 3 integers >= 1");
        }
    }
}
