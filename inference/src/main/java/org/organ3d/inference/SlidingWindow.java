package org.organ3d.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.organ3d.volume.Dimensions;

/**
 * Where the patches go and how much each voxel of a patch counts: sliding-window inference as in
 * nnU-Net ({@code compute_steps_for_sliding_window}, Gaussian importance map) and MONAI
 * ({@code sliding_window_inference}, "gaussian" mode; MONAI issue #298).
 *
 * <p>All sizes are per storage axis (u, v, w of a {@link ModelGrid}). A patch is {@code p} voxels of
 * model input; the model answers {@code o ≤ p} voxels centred in it ({@code o < p} for networks
 * without padding); of those the card's {@code outputCrop} {@code c} is dropped at each side, which
 * leaves the valid size {@code v = o − 2c}. Valid windows tile the grid: one window centred on the
 * grid when {@code n ≤ v}, else {@code ⌈(n − v) / (v·(1 − overlap))⌉ + 1} windows spread evenly
 * from 0 to {@code n − v} (nnU-Net's rule), so neighbours share at least {@code overlap·v} voxels.
 * Input outside the grid is padding (the card's {@code padValue}).
 *
 * <p>Weights: a separable Gaussian with σ = {@code sigmaScale·v} per axis centred on the valid
 * window, scaled so that its largest value is 1 (nnU-Net and MONAI use σ = v/8), or 1 everywhere for
 * constant blending. The Gaussian never reaches 0 in float (its corner value at σ = v/8 is e^−24 ≈
 * 4·10⁻¹¹), so every voxel has a positive weight sum. Patches are listed w-major, then v, then u.
 *
 * <p>Immutable and thread-safe.
 */
final class SlidingWindow {

    /** One patch: the grid index of its first input voxel and of its first valid output voxel. */
    record Patch(int index, int[] inputStart, int[] validStart) {
    }

    private final int[] patch;
    private final int[] out;
    private final int[] crop;
    private final int[] valid;
    private final int[][] starts;
    private final float[] weights;
    private final List<Patch> patches;

    /**
     * @param grid     the model grid's size (u, v, w)
     * @param patch    input patch size (u, v, w)
     * @param out      output patch size (u, v, w), each ≤ the input's with an even difference
     * @param crop     output voxels dropped at each side (u, v, w)
     * @param overlap  0 ≤ overlap < 1
     * @param gaussian Gaussian (true) or constant weights
     * @param sigma    σ as a fraction of the valid size
     */
    SlidingWindow(Dimensions grid, int[] patch, int[] out, int[] crop, double overlap, boolean gaussian, double sigma) {
        this.patch = patch.clone();
        this.out = out.clone();
        this.crop = crop.clone();
        this.valid = new int[3];
        this.starts = new int[3][];
        int[] n = grid.toArray();
        for (int s = 0; s < 3; s++) {
            if (out[s] > patch[s] || (patch[s] - out[s]) % 2 != 0) {
                throw new IllegalArgumentException("output size " + Arrays.toString(out) + " is not centred in patch "
                        + Arrays.toString(patch));
            }
            valid[s] = out[s] - 2 * crop[s];
            if (valid[s] < 1) {
                throw new IllegalArgumentException("output " + Arrays.toString(out) + " minus crop " + Arrays.toString(crop)
                        + " on each side leaves nothing");
            }
            starts[s] = steps(n[s], valid[s], overlap);
        }
        long count = (long) starts[0].length * starts[1].length * starts[2].length;
        if (count > 50_000_000L) {
            throw new IllegalArgumentException(count + " patches: the overlap is too close to 1 for this grid");
        }
        this.patches = new ArrayList<>((int) count);
        for (int w : starts[2]) {
            for (int v : starts[1]) {
                for (int u : starts[0]) {
                    int[] vs = {u, v, w};
                    int[] in = new int[3];
                    for (int s = 0; s < 3; s++) {
                        in[s] = vs[s] - crop[s] - (patch[s] - out[s]) / 2;
                    }
                    patches.add(new Patch(patches.size(), in, vs));
                }
            }
        }
        this.weights = weights(valid, gaussian, sigma);
    }

    /** Valid-window starts along one axis of n voxels. */
    static int[] steps(int n, int v, double overlap) {
        if (n <= v) {
            return new int[] {-((v - n) / 2)};
        }
        double step = Math.max(1, v * (1 - overlap));
        int count = (int) Math.ceil((n - v) / step) + 1;
        int[] s = new int[count];
        for (int i = 0; i < count; i++) {
            s[i] = (int) Math.round((double) i * (n - v) / (count - 1));
        }
        return s;
    }

    private static float[] weights(int[] v, boolean gaussian, double sigma) {
        float[] w = new float[v[0] * v[1] * v[2]];
        if (!gaussian) {
            Arrays.fill(w, 1f);
            return w;
        }
        double[][] g = new double[3][];
        for (int s = 0; s < 3; s++) {
            g[s] = new double[v[s]];
            double c = (v[s] - 1) / 2.0;
            double sd = sigma * v[s];
            double max = 0;
            for (int x = 0; x < v[s]; x++) {
                g[s][x] = Math.exp(-(x - c) * (x - c) / (2 * sd * sd));
                max = Math.max(max, g[s][x]);
            }
            for (int x = 0; x < v[s]; x++) {
                g[s][x] /= max;
            }
        }
        int i = 0;
        for (int z = 0; z < v[2]; z++) {
            for (int y = 0; y < v[1]; y++) {
                for (int x = 0; x < v[0]; x++) {
                    w[i++] = (float) Math.max(g[0][x] * g[1][y] * g[2][z], Float.MIN_NORMAL);
                }
            }
        }
        return w;
    }

    /** Every patch, w-major. */
    List<Patch> patches() {
        return patches;
    }

    /** Input patch size (u, v, w). */
    int[] patchSize() {
        return patch.clone();
    }

    /** Output patch size (u, v, w). */
    int[] outputSize() {
        return out.clone();
    }

    /** Output voxels dropped at each side (u, v, w). */
    int[] crop() {
        return crop.clone();
    }

    /** Valid window size (u, v, w). */
    int[] validSize() {
        return valid.clone();
    }

    /** Weight of valid voxel (x, y, z) at {@code x + v_u·(y + v_v·z)}; shared, do not modify. */
    float[] weights() {
        return weights;
    }

    /** Distinct valid-window starts along w (the slab rows), ascending. */
    int[] rowStarts() {
        return starts[2].clone();
    }
}
