package org.organ3d.mesh;

import java.util.Arrays;
import org.organ3d.volume.Volume;

/**
 * The sample grid that flying edges walks: the volume itself, or (when capping) the volume padded
 * by one layer of background on every side. Grid slice k is read with {@link Volume#sliceValues}
 * into a caller's float buffer; the whole volume is never converted at once.
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
     * A thread's rolling window over four consecutive grid slices (k-1 .. k+2, what central
     * differences around a cube layer need), each with its inside mask ({@code value >= iso}, 0/1).
     */
    final class Window {
        private final float[][] values = new float[4][];
        private final byte[][] masks = new byte[4][];
        private final int[] loaded = {-1, -1, -1, -1};
        private final float[] scratch;

        Window() {
            scratch = pad == 0 ? null : new float[volume.nx() * volume.ny()];
        }

        /** Values of grid slice k, or null outside 0..gz-1. */
        float[] values(int k) {
            return ensure(k) ? values[k & 3] : null;
        }

        /** Inside mask of grid slice k, or null outside 0..gz-1. */
        byte[] mask(int k) {
            return ensure(k) ? masks[k & 3] : null;
        }

        private boolean ensure(int k) {
            if (k < 0 || k >= gz) {
                return false;
            }
            int s = k & 3;
            if (loaded[s] != k) {
                if (values[s] == null) {
                    values[s] = new float[gx * gy];
                    masks[s] = new byte[gx * gy];
                }
                load(k, values[s], scratch);
                float[] v = values[s];
                byte[] m = masks[s];
                float t = iso;
                for (int x = 0, n = gx * gy; x < n; x++) {
                    m[x] = v[x] >= t ? (byte) 1 : (byte) 0;
                }
                loaded[s] = k;
            }
            return true;
        }
    }
}
