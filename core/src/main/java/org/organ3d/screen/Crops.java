package org.organ3d.screen;

import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Boxes cut out of volumes and masks, and masks moved between a fine grid and a coarser one. A box
 * is {@code {i0, i1, j0, j1, k0, k1}}, inclusive, in voxel indices of the full grid. Every method
 * returns new arrays owned by the caller and runs over slices in parallel.
 */
final class Crops {

    private Crops() {
    }

    /** Dimensions of a box. */
    static Dimensions dims(int[] box) {
        return new Dimensions(box[1] - box[0] + 1, box[3] - box[2] + 1, box[5] - box[4] + 1);
    }

    /** {@code box} grown by {@code margin} voxels per axis and clipped to {@code d}. */
    static int[] grow(int[] box, int[] margin, Dimensions d) {
        return new int[] {Math.max(0, box[0] - margin[0]), Math.min(d.nx() - 1, box[1] + margin[0]),
            Math.max(0, box[2] - margin[1]), Math.min(d.ny() - 1, box[3] + margin[1]),
            Math.max(0, box[4] - margin[2]), Math.min(d.nz() - 1, box[5] + margin[2])};
    }

    /**
     * The rescaled values (HU) of {@code v} inside {@code box}, as float slices. Reads only the
     * box's rows (through the volume's read-only slice views), so small boxes are cheap.
     */
    static float[][] values(Volume v, int[] box) {
        Dimensions c = dims(box);
        int nx = v.nx();
        double slope = v.rescale().slope();
        double icept = v.rescale().intercept();
        float[][] out = new float[c.nz()][];
        IntStream.range(0, c.nz()).forEach(kk -> {
            java.nio.Buffer buf = v.slice(box[4] + kk);
            float[] o = new float[c.sliceSize()];
            for (int jj = 0; jj < c.ny(); jj++) {
                int src = (box[2] + jj) * nx + box[0];
                int dst = jj * c.nx();
                for (int ii = 0; ii < c.nx(); ii++) {
                    double raw = switch (v.type()) {
                        case UINT8 -> ((java.nio.ByteBuffer) buf).get(src + ii) & 0xFF;
                        case INT8 -> ((java.nio.ByteBuffer) buf).get(src + ii);
                        case INT16 -> ((java.nio.ShortBuffer) buf).get(src + ii);
                        case UINT16 -> ((java.nio.ShortBuffer) buf).get(src + ii) & 0xFFFF;
                        case INT32 -> ((java.nio.IntBuffer) buf).get(src + ii);
                        case FLOAT32 -> ((java.nio.FloatBuffer) buf).get(src + ii);
                    };
                    o[dst + ii] = (float) (raw * slope + icept);
                }
            }
            out[kk] = o;
        });
        return out;
    }

    /** Like {@link #values} for a large box: whole slices converted in parallel. */
    static float[][] valuesParallel(Volume v, int[] box) {
        Dimensions c = dims(box);
        int nx = v.nx();
        float[][] out = new float[c.nz()][];
        IntStream.range(0, c.nz()).parallel().forEach(kk -> {
            float[] s = v.sliceValues(box[4] + kk, null);
            float[] o = new float[c.sliceSize()];
            for (int jj = 0; jj < c.ny(); jj++) {
                System.arraycopy(s, (box[2] + jj) * nx + box[0], o, jj * c.nx(), c.nx());
            }
            out[kk] = o;
        });
        return out;
    }

    /** The part of the 0/1 (or label) slices {@code m} on grid {@code d} inside {@code box}. */
    static byte[][] mask(byte[][] m, Dimensions d, int[] box) {
        Dimensions c = dims(box);
        byte[][] out = new byte[c.nz()][];
        IntStream.range(0, c.nz()).parallel().forEach(kk -> {
            byte[] o = new byte[c.sliceSize()];
            for (int jj = 0; jj < c.ny(); jj++) {
                System.arraycopy(m[box[4] + kk], (box[2] + jj) * d.nx() + box[0], o, jj * c.nx(), c.nx());
            }
            out[kk] = o;
        });
        return out;
    }

    /**
     * Samples a fine mask at every {@code step}-th voxel (the voxel at the centre of each coarse
     * cell, {@code index·step + step/2}, clipped to the grid).
     */
    static byte[][] downsample(byte[][] m, Dimensions d, int[] step, Dimensions coarse) {
        byte[][] out = new byte[coarse.nz()][];
        IntStream.range(0, coarse.nz()).parallel().forEach(c -> {
            int k = Math.min(d.nz() - 1, c * step[2] + step[2] / 2);
            byte[] o = new byte[coarse.sliceSize()];
            for (int b = 0; b < coarse.ny(); b++) {
                int j = Math.min(d.ny() - 1, b * step[1] + step[1] / 2);
                for (int a = 0; a < coarse.nx(); a++) {
                    int i = Math.min(d.nx() - 1, a * step[0] + step[0] / 2);
                    o[b * coarse.nx() + a] = m[k][j * d.nx() + i];
                }
            }
            out[c] = o;
        });
        return out;
    }

    /** Each fine voxel takes the value of the coarse cell it lies in ({@code index / step}). */
    static byte[][] upsample(byte[][] coarse, Dimensions c, int[] step, Dimensions d) {
        byte[][] out = new byte[d.nz()][];
        IntStream.range(0, d.nz()).parallel().forEach(k -> {
            byte[] src = coarse[Math.min(c.nz() - 1, k / step[2])];
            byte[] o = new byte[d.sliceSize()];
            for (int j = 0; j < d.ny(); j++) {
                int row = Math.min(c.ny() - 1, j / step[1]) * c.nx();
                for (int i = 0; i < d.nx(); i++) {
                    o[j * d.nx() + i] = src[row + Math.min(c.nx() - 1, i / step[0])];
                }
            }
            out[k] = o;
        });
        return out;
    }
}
