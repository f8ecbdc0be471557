package org.organ3d.inference;

import java.util.List;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * The model's input on its grid: each channel's volume normalized (on the volume's own voxels, as
 * nnU-Net does) and then resampled to the {@link ModelGrid} by trilinear interpolation, clamped at
 * the border (a model voxel centre up to half a voxel outside the volume takes the border value).
 * Without resampling and reorientation the normalized slices are used as they are.
 *
 * <p>Layout: {@code [channel][w][v·nu + u]}, one float array per model slice. Slices are built in
 * parallel on the common pool.
 */
final class ModelInput {

    private ModelInput() {
    }

    /** Bytes of heap {@link #build} needs at its peak for these sizes. */
    static long bytes(ModelGrid grid, int channels) {
        long model = grid.dimensions().voxelCount() * 4L * channels;
        return grid.isIdentity() ? model : model + grid.sourceDimensions().voxelCount() * 4L;
    }

    /** Normalized, resampled input channels with the resolved normalization of each. */
    static float[][][] build(List<Volume> volumes, List<Normalization.Resolved> norms, ModelGrid grid) {
        float[][][] out = new float[volumes.size()][][];
        for (int c = 0; c < volumes.size(); c++) {
            float[][] normalized = normalized(volumes.get(c), norms.get(c));
            out[c] = grid.isIdentity() ? normalized : resample(normalized, grid);
        }
        return out;
    }

    private static float[][] normalized(Volume v, Normalization.Resolved n) {
        float[][] s = new float[v.nz()][];
        IntStream.range(0, v.nz()).parallel().forEach(k -> {
            float[] a = v.sliceValues(k, null);
            for (int i = 0; i < a.length; i++) {
                a[i] = n.apply(a[i]);
            }
            s[k] = a;
        });
        return s;
    }

    /** Per storage axis: for corner 0/1 of model index m, the slice part and the in-slice offset. */
    private static final class Axis {
        final int[][] slice = new int[2][];
        final int[][] offset = new int[2][];
        final double[] frac;

        Axis(ModelGrid grid, int s) {
            int n = grid.dimensions().toArray()[s];
            int a = grid.sourceAxis(s);
            Dimensions src = grid.sourceDimensions();
            int ns = src.toArray()[a];
            int stride = a == 0 ? 1 : (a == 1 ? src.nx() : 0);
            frac = new double[n];
            for (int b = 0; b < 2; b++) {
                slice[b] = new int[n];
                offset[b] = new int[n];
            }
            for (int m = 0; m < n; m++) {
                double x = grid.toSource(s, m);
                x = x < 0 ? 0 : Math.min(x, ns - 1);
                int lo = ns < 2 ? 0 : Math.min((int) Math.floor(x), ns - 2);
                frac[m] = x - lo;
                int hi = ns < 2 ? lo : lo + 1;
                slice[0][m] = a == 2 ? lo : 0;
                slice[1][m] = a == 2 ? hi : 0;
                offset[0][m] = lo * stride;
                offset[1][m] = hi * stride;
            }
        }
    }

    private static float[][] resample(float[][] src, ModelGrid grid) {
        Dimensions d = grid.dimensions();
        Axis au = new Axis(grid, 0);
        Axis av = new Axis(grid, 1);
        Axis aw = new Axis(grid, 2);
        int nu = d.nx();
        int nv = d.ny();
        boolean rowInSlice = grid.sourceAxis(0) != 2;
        float[][] out = new float[d.nz()][];
        IntStream.range(0, d.nz()).parallel().forEach(w -> {
            float[] o = new float[nu * nv];
            double fw = aw.frac[w];
            float[][] rows = new float[4][];
            int[] base = new int[4];
            double[] pw = new double[4];
            for (int v = 0; v < nv; v++) {
                double fv = av.frac[v];
                if (rowInSlice) {
                    // NB: the usual case (u samples i or j): along a row of the model grid the four
                    // (v, w) corners stay in fixed source slices, so the row is two gathers and a lerp
                    for (int c = 0; c < 4; c++) {
                        int bv = c & 1;
                        int bw = c >> 1;
                        rows[c] = src[av.slice[bv][v] + aw.slice[bw][w]];
                        base[c] = av.offset[bv][v] + aw.offset[bw][w];
                        pw[c] = (bv == 0 ? 1 - fv : fv) * (bw == 0 ? 1 - fw : fw);
                    }
                    for (int u = 0; u < nu; u++) {
                        int a = au.offset[0][u];
                        int b = au.offset[1][u];
                        double lo = pw[0] * rows[0][base[0] + a] + pw[1] * rows[1][base[1] + a]
                                + pw[2] * rows[2][base[2] + a] + pw[3] * rows[3][base[3] + a];
                        double hi = pw[0] * rows[0][base[0] + b] + pw[1] * rows[1][base[1] + b]
                                + pw[2] * rows[2][base[2] + b] + pw[3] * rows[3][base[3] + b];
                        o[v * nu + u] = (float) (lo + au.frac[u] * (hi - lo));
                    }
                    continue;
                }
                for (int u = 0; u < nu; u++) {
                    double fu = au.frac[u];
                    double acc = 0;
                    for (int corner = 0; corner < 8; corner++) {
                        int bu = corner & 1;
                        int bv = (corner >> 1) & 1;
                        int bw = corner >> 2;
                        double wgt = (bu == 0 ? 1 - fu : fu) * (bv == 0 ? 1 - fv : fv) * (bw == 0 ? 1 - fw : fw);
                        if (wgt == 0) {
                            continue;
                        }
                        int k = au.slice[bu][u] + av.slice[bv][v] + aw.slice[bw][w];
                        int off = au.offset[bu][u] + av.offset[bv][v] + aw.offset[bw][w];
                        acc += wgt * src[k][off];
                    }
                    o[v * nu + u] = (float) acc;
                }
            }
            out[w] = o;
        });
        return out;
    }
}
