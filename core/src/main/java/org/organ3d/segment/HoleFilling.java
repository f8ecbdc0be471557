package org.organ3d.segment;

import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;

/**
 * Fills holes: background voxels not connected to the border of the grid become foreground.
 *
 * <p>3D: the background is split into {@link ConnectedComponents} (6-connected by default, the
 * partner of 26-connected foreground, so that a hole sealed by diagonal contacts counts as
 * sealed); every component without a voxel on one of the six faces of the grid is a hole. Slice by
 * slice: in each slice (slices in parallel) a flood fill from the slice's border over 4-connected
 * (or 8-connected) background marks the outside; the rest is filled. The slice-wise fill also
 * closes cavities that open to the outside through another slice (a tube seen across).
 *
 * <p>Caveat: "outside" is the grid border. A cavity touching the edge of the field of view is not
 * a hole.
 */
public final class HoleFilling {

    private HoleFilling() {
    }

    /** 3D hole filling with 6-connected background; output holds {@code label}. */
    public static LabelMap fill3d(LabelMap mask, int label) {
        return Masks.toLabelMap(fill3d(Masks.foreground(mask), mask.dimensions(), Connectivity.SIX), mask, label);
    }

    /** Slice-by-slice hole filling with 4-connected background; output holds {@code label}. */
    public static LabelMap fillSlices(LabelMap mask, int label) {
        return Masks.toLabelMap(fillSlices(Masks.foreground(mask), mask.dimensions(), false), mask, label);
    }

    /**
     * 3D hole filling of 0/1 slices (read only) into new slices. The background reachable from the
     * grid border (over {@code background} neighbours) is outside; the rest of the background is
     * filled.
     *
     * <p>NB: only the foreground's bounding box grown by one voxel (clipped to the grid) is searched.
     * Every voxel of that box's faces is either background outside the foreground's box (hence joined
     * to the border around it) or on the grid border itself, so a flood fill from the box faces finds
     * exactly the background joined to the grid border; outside the box nothing is filled.
     */
    public static byte[][] fill3d(byte[][] fg, Dimensions d, Connectivity background) {
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        byte[][] out = new byte[nz][];
        int[] box = Masks.boundingBox(fg, d);
        Masks.parallel(nz, k -> out[k] = fg[k].clone());
        if (box == null) {
            return out;
        }
        int i0 = Math.max(0, box[0] - 1);
        int i1 = Math.min(nx - 1, box[1] + 1);
        int j0 = Math.max(0, box[2] - 1);
        int j1 = Math.min(ny - 1, box[3] + 1);
        int k0 = Math.max(0, box[4] - 1);
        int k1 = Math.min(nz - 1, box[5] + 1);
        int bx = i1 - i0 + 1;
        int by = j1 - j0 + 1;
        int bz = k1 - k0 + 1;
        long cells = (long) bx * by * bz;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("hole filling box too large: " + bx + "x" + by + "x" + bz);
        }
        // 0 = unvisited background, 1 = foreground, 2 = outside background
        byte[] state = new byte[(int) cells];
        for (int k = 0; k < bz; k++) {
            byte[] f = fg[k0 + k];
            for (int j = 0; j < by; j++) {
                int src = (j0 + j) * nx + i0;
                int dst = (k * by + j) * bx;
                for (int i = 0; i < bx; i++) {
                    state[dst + i] = (byte) (f[src + i] != 0 ? 1 : 0);
                }
            }
        }
        int[][] offs = background.offsets();
        int[] queue = new int[1 << 16];
        int head = 0;
        int tail = 0;
        for (int k = 0; k < bz; k++) {
            for (int j = 0; j < by; j++) {
                for (int i = 0; i < bx; i++) {
                    boolean face = k == 0 || k == bz - 1 || j == 0 || j == by - 1 || i == 0 || i == bx - 1;
                    if (!face) {
                        i = bx - 2;
                        continue;
                    }
                    int c = (k * by + j) * bx + i;
                    if (state[c] == 0) {
                        state[c] = 2;
                        if (tail == queue.length) {
                            queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                        }
                        queue[tail++] = c;
                    }
                }
            }
        }
        int plane = bx * by;
        while (head < tail) {
            int c = queue[head++];
            int k = c / plane;
            int r = c - k * plane;
            int j = r / bx;
            int i = r - j * bx;
            for (int[] o : offs) {
                int ii = i + o[0];
                int jj = j + o[1];
                int kk = k + o[2];
                if (ii < 0 || jj < 0 || kk < 0 || ii >= bx || jj >= by || kk >= bz) {
                    continue;
                }
                int n = (kk * by + jj) * bx + ii;
                if (state[n] == 0) {
                    state[n] = 2;
                    if (tail == queue.length) {
                        if (head > queue.length / 2) {
                            System.arraycopy(queue, head, queue, 0, tail - head);
                            tail -= head;
                            head = 0;
                        } else {
                            queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                        }
                    }
                    queue[tail++] = n;
                }
            }
        }
        for (int k = 0; k < bz; k++) {
            byte[] o = out[k0 + k];
            for (int j = 0; j < by; j++) {
                int src = (k * by + j) * bx;
                int dst = (j0 + j) * nx + i0;
                for (int i = 0; i < bx; i++) {
                    if (state[src + i] == 0) {
                        o[dst + i] = 1;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Slice-by-slice hole filling of 0/1 slices (read only) into new slices; background is
     * 8-connected in-plane when {@code eightConnected}, else 4-connected.
     */
    public static byte[][] fillSlices(byte[][] fg, Dimensions d, boolean eightConnected) {
        int nx = d.nx();
        int ny = d.ny();
        byte[][] out = new byte[d.nz()][];
        Masks.parallel(d.nz(), k -> {
            byte[] f = fg[k];
            // 0 = unvisited background, 1 = foreground, 2 = background reached from the border
            byte[] s = new byte[f.length];
            for (int x = 0; x < f.length; x++) {
                s[x] = (byte) (f[x] != 0 ? 1 : 0);
            }
            int[] queue = new int[f.length];
            int head = 0;
            int tail = 0;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (j == 0 || j == ny - 1 || i == 0 || i == nx - 1) {
                        int x = j * nx + i;
                        if (s[x] == 0) {
                            s[x] = 2;
                            queue[tail++] = x;
                        }
                    }
                }
            }
            while (head < tail) {
                int x = queue[head++];
                int i = x % nx;
                int j = x / nx;
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        if (di == 0 && dj == 0 || !eightConnected && di != 0 && dj != 0) {
                            continue;
                        }
                        int ii = i + di;
                        int jj = j + dj;
                        if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) {
                            continue;
                        }
                        int y = jj * nx + ii;
                        if (s[y] == 0) {
                            s[y] = 2;
                            queue[tail++] = y;
                        }
                    }
                }
            }
            for (int x = 0; x < s.length; x++) {
                s[x] = (byte) (s[x] == 2 ? 0 : 1);
            }
            out[k] = s;
        });
        return out;
    }
}
