package org.organ3d.inference;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.organ3d.inference.ModelCard.OutputKind;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Turns the blended model output, one final model slice at a time, into labels on the volume's own
 * grid.
 *
 * <p>Decoding a channel vector: for softmax and logits the label of the largest channel (the lowest
 * channel wins a tie, as numpy's argmax; channel 0 is background); for sigmoid the highest channel
 * whose probability is at least 0.5 (nnU-Net's region rule: later, inner regions overwrite earlier
 * ones), background where none is.
 *
 * <p>Back to the volume's grid: when every model voxel is one volume voxel ({@link ModelGrid#isExact})
 * labels are copied. Otherwise the model output is resampled, not the labels: each volume voxel
 * takes the trilinear interpolation (clamped at the border) of the blended output at its position on
 * the model grid, then is decoded — interpolating the output keeps boundaries smooth and sub-voxel
 * placed, where nearest-neighbour labels would be blocky at the model's coarser spacing (nnU-Net
 * resamples its logits the same way before the argmax). The output that is interpolated is what the
 * model gives (logits, softmax or sigmoid probabilities), as nnU-Net v2 does. Exact shortcut: where
 * all model voxels with a non-zero interpolation weight decode to the same label, the interpolated
 * vector decodes to it too (a convex combination keeps the largest channel largest, and keeps a
 * channel above or below 0.5), so only voxels near a boundary pay for the channel interpolation.
 *
 * <p>Model slices must arrive in order (w = 0, 1, ...); the decoder keeps the last two. A volume
 * plane (the volume's index plane that maps to one model-w position) is written as soon as the two
 * model slices around it are final. Each plane is spread over the common pool by rows.
 */
final class LabelDecoder implements SlabAccumulator.SliceConsumer {

    private final ModelGrid grid;
    private final int channels;
    private final boolean sigmoid;
    private final int[] labelOf;
    private final LabelWriter out;
    private final int nu;
    private final int nv;
    private final int nuv;
    // exact mode: volume index along sourceAxis(s) of model index m
    private final int[][] exactIndex = new int[3][];
    // interpolating mode
    private float[] prev;
    private float[] cur;
    private int[] prevLab;
    private int[] curLab;
    private int last = -1;
    private Integer[] planes;
    private int[] planeW0;
    private double[] planeT;
    private int[] planeNeed;
    private int next;
    private int[] lowU;
    private double[] fracU;
    private int[] lowV;
    private double[] fracV;

    LabelDecoder(ModelGrid grid, int channels, OutputKind kind, int[] labelOf, LabelWriter out) {
        this.grid = grid;
        this.channels = channels;
        this.sigmoid = kind == OutputKind.SIGMOID;
        this.labelOf = labelOf.clone();
        this.out = out;
        Dimensions d = grid.dimensions();
        this.nu = d.nx();
        this.nv = d.ny();
        this.nuv = nu * nv;
        int[] src = grid.sourceDimensions().toArray();
        if (grid.isExact()) {
            int[] n = d.toArray();
            for (int s = 0; s < 3; s++) {
                exactIndex[s] = new int[n[s]];
                for (int m = 0; m < n[s]; m++) {
                    exactIndex[s][m] = (int) Math.round(grid.toSource(s, m));
                }
            }
            return;
        }
        int nw = d.nz();
        int nq = src[grid.sourceAxis(2)];
        planes = new Integer[nq];
        planeW0 = new int[nq];
        planeT = new double[nq];
        planeNeed = new int[nq];
        for (int o = 0; o < nq; o++) {
            double wc = clamp(grid.fromSource(2, o), nw);
            int w0 = nw < 2 ? 0 : Math.min((int) Math.floor(wc), nw - 2);
            planes[o] = o;
            planeW0[o] = w0;
            planeT[o] = wc - w0;
            planeNeed[o] = planeT[o] > 0 ? w0 + 1 : w0;
        }
        Arrays.sort(planes, Comparator.comparingInt(o -> planeNeed[o]));
        int na = src[grid.sourceAxis(0)];
        lowU = new int[na];
        fracU = new double[na];
        table(0, na, nu, lowU, fracU);
        int nb = src[grid.sourceAxis(1)];
        lowV = new int[nb];
        fracV = new double[nb];
        table(1, nb, nv, lowV, fracV);
        prev = new float[channels * nuv];
        cur = new float[channels * nuv];
        prevLab = new int[nuv];
        curLab = new int[nuv];
    }

    private void table(int s, int n, int nm, int[] low, double[] frac) {
        for (int o = 0; o < n; o++) {
            double c = clamp(grid.fromSource(s, o), nm);
            int l = nm < 2 ? 0 : Math.min((int) Math.floor(c), nm - 2);
            low[o] = l;
            frac[o] = c - l;
        }
    }

    private static double clamp(double x, int n) {
        return x < 0 ? 0 : Math.min(x, n - 1);
    }

    @Override
    public void accept(int w, float[] ch, float[] weightSum) throws InferenceException {
        if (w != last + 1) {
            throw new IllegalStateException("model slice " + w + " after " + last);
        }
        last = w;
        if (grid.isExact()) {
            int[] lab = new int[nuv];
            decodeSlice(w, ch, weightSum, lab);
            writeExact(w, lab);
            return;
        }
        if (weightSum != null) {
            throw new IllegalStateException("the decoder interpolates: it needs the divided output");
        }
        float[] t = prev;
        prev = cur;
        cur = t;
        System.arraycopy(ch, 0, cur, 0, channels * nuv);
        int[] tl = prevLab;
        prevLab = curLab;
        curLab = tl;
        decodeSlice(w, cur, null, curLab);
        while (next < planes.length && planeNeed[planes[next]] <= w) {
            plane(planes[next++]);
        }
    }

    /** Checks that every volume voxel was written. */
    void finish() {
        int nw = grid.dimensions().nz();
        if (last != nw - 1 || (planes != null && next != planes.length)) {
            throw new IllegalStateException("decoder ended at model slice " + last + " of " + nw);
        }
    }

    /**
     * Labels of one model slice into {@code lab}; with {@code weightSum} the values are weighted sums
     * (the argmax is the same; a sigmoid channel fires at sum ≥ 0.5·weight sum).
     *
     * @throws InferenceException when a value is not finite (a broken model must not give labels)
     */
    private void decodeSlice(int w, float[] ch, float[] weightSum, int[] lab) throws InferenceException {
        int chunk = 4096;
        int[] bad = {-1};
        IntStream.range(0, (nuv + chunk - 1) / chunk).parallel().forEach(b -> {
            int lo = b * chunk;
            int hi = Math.min(nuv, lo + chunk);
            int[] arg = new int[hi - lo];
            // NB: the channel sum is not finite when any channel is NaN or infinite; one check per voxel
            // instead of one per value keeps the channel loops branch-free
            float[] sum = new float[hi - lo];
            if (sigmoid) {
                float[] half = new float[hi - lo];
                for (int i = lo; i < hi; i++) {
                    half[i - lo] = weightSum == null ? 0.5f : 0.5f * weightSum[i];
                }
                Arrays.fill(arg, -1);
                for (int c = 0; c < channels; c++) {
                    int base = c * nuv;
                    for (int i = lo; i < hi; i++) {
                        float x = ch[base + i];
                        sum[i - lo] += x;
                        if (x >= half[i - lo]) {
                            arg[i - lo] = c;
                        }
                    }
                }
            } else {
                float[] best = Arrays.copyOfRange(ch, lo, hi);
                System.arraycopy(best, 0, sum, 0, best.length);
                for (int c = 1; c < channels; c++) {
                    int base = c * nuv;
                    for (int i = lo; i < hi; i++) {
                        float x = ch[base + i];
                        sum[i - lo] += x;
                        if (x > best[i - lo]) {
                            best[i - lo] = x;
                            arg[i - lo] = c;
                        }
                    }
                }
            }
            boolean finite = true;
            for (float x : sum) {
                finite &= Float.isFinite(x);
            }
            for (int i = lo; i < hi; i++) {
                int a = arg[i - lo];
                lab[i] = a < 0 ? 0 : labelOf[a];
            }
        });
        if (bad[0] >= 0) {
            throw new InferenceException("the model's output is not finite (NaN or infinite) in model slice " + w);
        }
    }

    private int decode(double[] vec) {
        int a;
        if (sigmoid) {
            a = -1;
            for (int c = 0; c < channels; c++) {
                if (vec[c] >= 0.5) {
                    a = c;
                }
            }
        } else {
            a = 0;
            for (int c = 1; c < channels; c++) {
                if (vec[c] > vec[a]) {
                    a = c;
                }
            }
        }
        return a < 0 ? 0 : labelOf[a];
    }

    private void writeExact(int w, int[] lab) {
        int a0 = grid.sourceAxis(0);
        int a1 = grid.sourceAxis(1);
        int a2 = grid.sourceAxis(2);
        if (grid.isIdentity()) {
            out.setSlice(w, lab);
            return;
        }
        IntStream.range(0, nv).parallel().forEach(v -> {
            int[] idx = new int[3];
            idx[a2] = exactIndex[2][w];
            idx[a1] = exactIndex[1][v];
            for (int u = 0; u < nu; u++) {
                idx[a0] = exactIndex[0][u];
                out.set(idx[0], idx[1], idx[2], lab[v * nu + u]);
            }
        });
    }

    /** Writes the volume plane at index {@code q} along the axis that model w samples. */
    private void plane(int q) {
        double t = planeT[q];
        boolean two = t > 0;
        float[] lo = two ? prev : cur;
        int[] loLab = two ? prevLab : curLab;
        int a0 = grid.sourceAxis(0);
        int a1 = grid.sourceAxis(1);
        int a2 = grid.sourceAxis(2);
        int[] src = grid.sourceDimensions().toArray();
        int na = src[a0];
        int du = nu > 1 ? 1 : 0;
        int dv = nv > 1 ? nu : 0;
        IntStream.range(0, src[a1]).parallel().forEach(ob -> {
            int[] idx = new int[3];
            idx[a2] = q;
            idx[a1] = ob;
            double[] vec = new double[channels];
            double[] wts = new double[8];
            int[] offs = new int[8];
            int v0 = lowV[ob];
            double tv = fracV[ob];
            for (int oa = 0; oa < na; oa++) {
                idx[a0] = oa;
                int u0 = lowU[oa];
                double tu = fracU[oa];
                int base = v0 * nu + u0;
                int n = 0;
                for (int corner = 0; corner < (two ? 8 : 4); corner++) {
                    double wu = (corner & 1) == 0 ? 1 - tu : tu;
                    double wv = (corner & 2) == 0 ? 1 - tv : tv;
                    double ww = (corner & 4) == 0 ? 1 - t : t;
                    double wgt = wu * wv * (two ? ww : 1);
                    if (wgt != 0) {
                        wts[n] = wgt;
                        offs[n] = (corner & 4) != 0 ? -1 - (base + ((corner & 1) != 0 ? du : 0) + ((corner & 2) != 0 ? dv : 0))
                                : base + ((corner & 1) != 0 ? du : 0) + ((corner & 2) != 0 ? dv : 0);
                        n++;
                    }
                }
                int first = labelAt(offs[0], loLab);
                boolean same = true;
                for (int k = 1; k < n && same; k++) {
                    same = labelAt(offs[k], loLab) == first;
                }
                if (same) {
                    out.set(idx[0], idx[1], idx[2], first);
                    continue;
                }
                Arrays.fill(vec, 0.0);
                for (int k = 0; k < n; k++) {
                    float[] s = offs[k] < 0 ? cur : lo;
                    int off = offs[k] < 0 ? -1 - offs[k] : offs[k];
                    double wk = wts[k];
                    for (int c = 0; c < channels; c++) {
                        vec[c] += wk * s[c * nuv + off];
                    }
                }
                out.set(idx[0], idx[1], idx[2], decode(vec));
            }
        });
    }

    /** Label at an encoded corner offset: ≥ 0 in the lower slice, −1−offset in the upper (current) one. */
    private int labelAt(int off, int[] loLab) {
        return off < 0 ? curLab[-1 - off] : loLab[off];
    }

    /** The volume-grid label map being written: uint8 or uint16 slices of a {@link Volume.Builder}. */
    static final class LabelWriter {
        private final Dimensions dims;
        private final java.nio.ByteBuffer[] bytes;
        private final java.nio.ShortBuffer[] shorts;

        LabelWriter(Volume.Builder builder) {
            this.dims = builder.dimensions();
            int nz = dims.nz();
            if (builder.type() == org.organ3d.volume.VoxelType.UINT8) {
                bytes = new java.nio.ByteBuffer[nz];
                shorts = null;
                for (int k = 0; k < nz; k++) {
                    bytes[k] = builder.bytesForWriting(k);
                }
            } else {
                bytes = null;
                shorts = new java.nio.ShortBuffer[nz];
                for (int k = 0; k < nz; k++) {
                    shorts[k] = builder.shortsForWriting(k);
                }
            }
        }

        void set(int i, int j, int k, int label) {
            int o = j * dims.nx() + i;
            if (bytes != null) {
                bytes[k].put(o, (byte) label);
            } else {
                shorts[k].put(o, (short) label);
            }
        }

        void setSlice(int k, int[] labels) {
            if (bytes != null) {
                java.nio.ByteBuffer b = bytes[k];
                for (int i = 0; i < labels.length; i++) {
                    b.put(i, (byte) labels[i]);
                }
            } else {
                java.nio.ShortBuffer s = shorts[k];
                for (int i = 0; i < labels.length; i++) {
                    s.put(i, (short) labels[i]);
                }
            }
        }
    }
}
