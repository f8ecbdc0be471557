package org.organ3d.inference;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;

/**
 * The weighted sum of overlapping patch outputs, kept for a slab of model slices only: the
 * memory-bounded reduction that lets a model with a hundred output channels run on a
 * 512×512×400 CT (MONAI PR #9071 does the same for its sliding window).
 *
 * <p>Patches arrive w-major (rows of equal valid w-start). The buffer is a ring of {@code depth}
 * model slices (the valid patch depth): before the first patch of a row starting at w is added,
 * every slice below w is final — no later patch reaches it — so it is divided by its weight sum,
 * handed to the {@link SliceConsumer} and its storage reused (only the weight sums are cleared: a
 * voxel's first contribution overwrites what its slot held). Heap use is
 * {@code depth·(channels + 1)·nu·nv·4} bytes, whatever the grid's depth.
 *
 * <p>Not thread-safe: one run drives it from one thread; {@link #add} spreads one patch over the
 * common pool by (channel, slice).
 */
final class SlabAccumulator {

    /** Receives each final model slice (channel c of voxel (u, v) at {@code c·nu·nv + v·nu + u}). */
    interface SliceConsumer {
        /**
         * @param w          the model slice
         * @param channels   the blended output, or (when {@code weightSum} is not null) the weighted sums
         *                   before division by the weight sum; reused after the call returns
         * @param weightSum  the weight sum per voxel when {@code channels} is not divided by it, else null
         */
        void accept(int w, float[] channels, float[] weightSum) throws InferenceException;
    }

    private final int nu;
    private final int nv;
    private final int nw;
    private final int channels;
    private final int depth;
    private final float[][] acc;
    private final float[][] weightSum;
    private final SliceConsumer consumer;
    private final boolean divide;
    private int finished;

    /**
     * @param divide false to hand the consumer the weighted sums and the weight sums instead of their
     *               quotient (enough for an argmax, one pass less over the slab)
     */
    SlabAccumulator(Dimensions grid, int channels, int depth, boolean divide, SliceConsumer consumer) {
        this.nu = grid.nx();
        this.nv = grid.ny();
        this.nw = grid.nz();
        this.channels = channels;
        this.depth = Math.max(1, Math.min(depth, nw));
        if ((long) channels * nu * nv > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(channels + " channels of " + nu + "x" + nv + " exceed one Java array per slice");
        }
        this.acc = new float[this.depth][];
        this.weightSum = new float[this.depth][];
        this.consumer = consumer;
        this.divide = divide;
    }

    /** Bytes of heap the ring takes for these sizes. */
    static long bytes(Dimensions grid, int channels, int depth) {
        return (long) Math.max(1, Math.min(depth, grid.nz())) * (channels + 1L) * grid.nx() * grid.ny() * 4L;
    }

    /**
     * Adds one model output with the window's weights.
     *
     * @param out        the output tensor; this patch's values start at {@code base}, laid out
     *                   [channel][w][v][u] with the window's output size
     * @param base       index of this patch's first value in {@code out}
     * @param validStart grid index (u, v, w) of the first valid output voxel
     * @param flip       per storage axis: the output is mirrored (test-time augmentation)
     */
    void add(FloatBuffer out, int base, SlidingWindow win, int[] validStart, boolean[] flip) throws InferenceException {
        finishBelow(validStart[2]);
        int[] o = win.outputSize();
        int[] c = win.crop();
        int[] v = win.validSize();
        float[] wt = win.weights();
        int u0 = Math.max(0, -validStart[0]);
        int u1 = Math.min(v[0], nu - validStart[0]);
        int y0 = Math.max(0, -validStart[1]);
        int y1 = Math.min(v[1], nv - validStart[1]);
        int z0 = Math.max(0, -validStart[2]);
        int z1 = Math.min(v[2], nw - validStart[2]);
        if (u0 >= u1 || y0 >= y1 || z0 >= z1) {
            return;
        }
        int nz = z1 - z0;
        int nuv = nu * nv;
        // NB: two phases. The channels first: a voxel whose weight sum is still 0 has had no patch yet,
        // so its sums are set rather than added to, and finished slices need no zeroing (one pass less
        // over channels × slab). Then the weight sums.
        int ny = y1 - y0;
        byte[] state = new byte[nz * ny];
        IntStream.range(z0, z1).parallel().forEach(zl -> {
            float[] ws = weightSum[slot(validStart[2] + zl)];
            for (int yl = y0; yl < y1; yl++) {
                int rb = (validStart[1] + yl) * nu + validStart[0];
                boolean first = ws[rb + u0] == 0;
                byte st = first ? FRESH : TOUCHED;
                for (int x = u0 + 1; x < u1; x++) {
                    if ((ws[rb + x] == 0) != first) {
                        st = MIXED;
                        break;
                    }
                }
                state[(zl - z0) * ny + yl - y0] = st;
            }
        });
        IntStream.range(0, channels * nz).parallel().forEach(task -> {
            int ch = task / nz;
            int zl = z0 + task % nz;
            int w = validStart[2] + zl;
            int slot = slot(w);
            int zOut = flip[2] ? o[2] - 1 - (c[2] + zl) : c[2] + zl;
            float[] row = new float[o[0]];
            float[] a = acc[slot];
            float[] ws = weightSum[slot];
            int chBase = ch * nuv;
            for (int yl = y0; yl < y1; yl++) {
                int vv = validStart[1] + yl;
                int yOut = flip[1] ? o[1] - 1 - (c[1] + yl) : c[1] + yl;
                int wb = (zl * v[1] + yl) * v[0];
                int rb = vv * nu + validStart[0];
                int ab = chBase + rb;
                out.get(base + ((ch * o[2] + zOut) * o[1] + yOut) * o[0], row, 0, o[0]);
                if (flip[0]) {
                    reverse(row);
                }
                int r = c[0];
                switch (state[(zl - z0) * ny + yl - y0]) {
                    case FRESH -> {
                        for (int x = u0; x < u1; x++) {
                            a[ab + x] = wt[wb + x] * row[r + x];
                        }
                    }
                    case TOUCHED -> {
                        for (int x = u0; x < u1; x++) {
                            a[ab + x] += wt[wb + x] * row[r + x];
                        }
                    }
                    default -> {
                        for (int x = u0; x < u1; x++) {
                            float old = ws[rb + x] == 0 ? 0f : a[ab + x];
                            a[ab + x] = old + wt[wb + x] * row[r + x];
                        }
                    }
                }
            }
        });
        IntStream.range(0, nz).parallel().forEach(task -> {
            int zl = z0 + task;
            float[] ws = weightSum[slot(validStart[2] + zl)];
            for (int yl = y0; yl < y1; yl++) {
                int wb = (zl * v[1] + yl) * v[0];
                int rb = (validStart[1] + yl) * nu + validStart[0];
                for (int x = u0; x < u1; x++) {
                    ws[rb + x] += wt[wb + x];
                }
            }
        });
    }

    /** Finalizes every slice below {@code w} (clipped to the grid). */
    void finishBelow(int w) throws InferenceException {
        int end = Math.min(w, nw);
        while (finished < end) {
            finish(finished++);
        }
        // allocate the ring slots this row will touch
        for (int k = Math.max(finished, 0); k < Math.min(nw, finished + depth); k++) {
            int s = slot(k);
            if (acc[s] == null) {
                acc[s] = new float[channels * nu * nv];
                weightSum[s] = new float[nu * nv];
            }
        }
    }

    /** Finalizes every remaining slice. */
    void finishAll() throws InferenceException {
        finishBelow(nw);
    }

    private static final byte FRESH = 0;
    private static final byte TOUCHED = 1;
    private static final byte MIXED = 2;

    private static void reverse(float[] row) {
        for (int i = 0, j = row.length - 1; i < j; i++, j--) {
            float t = row[i];
            row[i] = row[j];
            row[j] = t;
        }
    }

    private int slot(int w) {
        return w % depth;
    }

    private void finish(int w) throws InferenceException {
        int s = slot(w);
        float[] a = acc[s];
        float[] ws = weightSum[s];
        int nuv = nu * nv;
        if (a == null) {
            throw new IllegalStateException("model slice " + w + " was never covered by a patch");
        }
        for (int i = 0; i < nuv; i++) {
            if (!(ws[i] > 0)) {
                throw new IllegalStateException("model voxel " + (i % nu) + "," + (i / nu) + "," + w + " has no weight");
            }
        }
        if (divide) {
            float[] inv = new float[nuv];
            for (int i = 0; i < nuv; i++) {
                inv[i] = 1f / ws[i];
            }
            IntStream.range(0, channels).parallel().forEach(ch -> {
                int b = ch * nuv;
                for (int i = 0; i < nuv; i++) {
                    a[b + i] *= inv[i];
                }
            });
            consumer.accept(w, a, null);
        } else {
            consumer.accept(w, a, ws);
        }
        Arrays.fill(ws, 0f);
    }
}
