package org.organ3d.mesh;

import java.util.Arrays;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The sample grid that flying edges walks: the volume itself, or (when capping) the volume padded
 * by one layer of background on every side.
 *
 * <p>Two ways to read values, with the same results. Float path: grid slice k is read with
 * {@link Volume#sliceValues} into a caller's float buffer. Raw path (8/16-bit volumes without
 * capping): the stored values are read as they are and mapped through tables built once, <em>with
 * {@link Volume#sliceValues} itself</em>, from every stored bit pattern: its real value
 * ({@link #lut}) and whether it is inside ({@link #insideLut}). When the inside patterns form one
 * interval of stored values (every rescale with a non-zero slope does), pass 1 tests that interval
 * instead of looking up the table ({@link #interval}); the interval is read off the table, so the
 * result is the same bit for bit. The whole volume is never converted at once.
 *
 * <p>Background is {@link #BACKGROUND} ({@code -Float.MAX_VALUE}), which is below every iso value, so
 * an edge from a border sample to the pad is cut exactly at the border sample (interpolation gives
 * t = 0 in single precision) and the cap lies on the plane of the border voxel centres.
 *
 * <p>Immutable and thread-safe; each thread uses its own {@link Window}.
 */
final class SampleGrid {

    /** Value of the padding samples. */
    static final float BACKGROUND = -Float.MAX_VALUE;

    final Volume volume;
    final int pad;
    final int gx;
    final int gy;
    final int gz;
    final float iso;
    /** Raw path: real value and inside flag of every stored bit pattern; null on the float path. */
    final float[] lut;
    final byte[] insideLut;
    /**
     * Raw path: when {@link #interval}, a stored value s is inside exactly when its key
     * {@code s ^ keyFlip} (s as the sign-extended Java value) lies in [insideLo, insideHi]: true for
     * every rescale with a positive or negative slope, checked against {@link #insideLut} itself.
     */
    final boolean interval;
    final int keyFlip;
    final int insideLo;
    final int insideHi;

    SampleGrid(Volume volume, boolean cap, float iso) {
        this.volume = volume;
        this.pad = cap ? 1 : 0;
        this.gx = volume.nx() + 2 * pad;
        this.gy = volume.ny() + 2 * pad;
        this.gz = volume.nz() + 2 * pad;
        this.iso = iso;
        if ((long) gx * gy > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("slice of " + gx + "x" + gy + " samples is too large");
        }
        VoxelType t = volume.type();
        boolean small = t == VoxelType.UINT8 || t == VoxelType.INT8 || t == VoxelType.INT16 || t == VoxelType.UINT16;
        if (small && !cap) {
            lut = valueTable(volume);
            insideLut = new byte[lut.length];
            for (int b = 0; b < lut.length; b++) {
                insideLut[b] = lut[b] >= iso ? (byte) 1 : (byte) 0;
            }
            // keys in stored order: the Java value for signed types, value - 2^(bits-1) for unsigned ones
            boolean unsigned = t == VoxelType.UINT8 || t == VoxelType.UINT16;
            int half = lut.length >> 1;
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            int count = 0;
            for (int key = -half; key < half; key++) {
                if (insideLut[(unsigned ? key + half : key) & (lut.length - 1)] != 0) {
                    lo = Math.min(lo, key);
                    hi = Math.max(hi, key);
                    count++;
                }
            }
            keyFlip = unsigned ? -half : 0;
            if (count == 0) {
                insideLo = 1;
                insideHi = 0;
            } else {
                insideLo = lo;
                insideHi = hi;
            }
            interval = count == 0 || count == hi - lo + 1;
        } else {
            lut = null;
            insideLut = null;
            keyFlip = 0;
            insideLo = 1;
            insideHi = 0;
            interval = false;
        }
    }

    /** Real value of every stored bit pattern (256 or 65 536), computed by sliceValues itself. */
    private static float[] valueTable(Volume v) {
        boolean bytes = v.type().bytes() == 1;
        int n = bytes ? 256 : 65536;
        Volume.Builder b = Volume.builder(new Dimensions(256, bytes ? 1 : 256, 1), v.type(), Geometry.unit())
                .rescale(v.rescale());
        java.nio.Buffer s = b.sliceForWriting(0);
        for (int x = 0; x < n; x++) {
            if (bytes) {
                ((java.nio.ByteBuffer) s).put(x, (byte) x);
            } else {
                ((java.nio.ShortBuffer) s).put(x, (short) x);
            }
        }
        return b.build().sliceValues(0, new float[n]);
    }

    boolean rawPath() {
        return lut != null;
    }

    int sliceSize() {
        return gx * gy;
    }

    /** Grid slice k (0..gz-1) into dest; {@code scratch} holds a volume slice when padding. */
    void load(int k, float[] dest, float[] scratch) {
        if (pad == 0) {
            volume.sliceValues(k, dest);
            return;
        }
        if (k == 0 || k == gz - 1) {
            Arrays.fill(dest, 0, gx * gy, BACKGROUND);
            return;
        }
        int nx = volume.nx();
        volume.sliceValues(k - 1, scratch);
        Arrays.fill(dest, 0, gx, BACKGROUND);
        Arrays.fill(dest, (gy - 1) * gx, gy * gx, BACKGROUND);
        for (int j = 1; j < gy - 1; j++) {
            int row = j * gx;
            dest[row] = BACKGROUND;
            System.arraycopy(scratch, (j - 1) * nx, dest, row + 1, nx);
            dest[row + gx - 1] = BACKGROUND;
        }
    }

    /**
     * A thread's lazily filled window over four consecutive grid slices (k-1 .. k+2, what central
     * differences around a cube layer need): values only, read when a vertex first needs them.
     */
    final class Window {
        private final SliceSamples[] samples = new SliceSamples[4];
        private final Object[] raw = new Object[4];
        private final int[] loaded = {-1, -1, -1, -1};
        private final float[] scratch;

        Window() {
            scratch = pad == 0 ? null : new float[volume.nx() * volume.ny()];
        }

        /** Values of grid slice k, or null outside 0..gz-1. */
        SliceSamples samples(int k) {
            if (k < 0 || k >= gz) {
                return null;
            }
            int s = k & 3;
            if (loaded[s] == k) {
                return samples[s];
            }
            int n = gx * gy;
            if (samples[s] == null) {
                if (lut == null) {
                    SliceSamples.Floats f = new SliceSamples.Floats();
                    f.v = new float[n];
                    samples[s] = f;
                } else if (volume.type().bytes() == 1) {
                    SliceSamples.Bytes b = new SliceSamples.Bytes(lut);
                    b.v = new byte[n];
                    raw[s] = b.v;
                    samples[s] = b;
                } else {
                    SliceSamples.Shorts h = new SliceSamples.Shorts(lut);
                    h.v = new short[n];
                    raw[s] = h.v;
                    samples[s] = h;
                }
            }
            if (lut != null) {
                volume.copySlice(k, raw[s]);
            } else {
                load(k, ((SliceSamples.Floats) samples[s]).v, scratch);
            }
            loaded[s] = k;
            return samples[s];
        }
    }
}
