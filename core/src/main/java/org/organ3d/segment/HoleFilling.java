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

    /** 3D hole filling of 0/1 slices (read only) into new slices. */
    public static byte[][] fill3d(byte[][] fg, Dimensions d, Connectivity background) {
        byte[][] bg = new byte[d.nz()][];
        Masks.parallel(d.nz(), k -> {
            byte[] f = fg[k];
            byte[] b = new byte[f.length];
            for (int x = 0; x < f.length; x++) {
                b[x] = (byte) (f[x] == 0 ? 1 : 0);
            }
            bg[k] = b;
        });
        Components c = ConnectedComponents.label(bg, d, org.organ3d.volume.Geometry.unit(), background);
        boolean[] outside = new boolean[c.count() + 1];
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        for (int k = 0; k < nz; k++) {
            boolean face = k == 0 || k == nz - 1;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (face || j == 0 || j == ny - 1 || i == 0 || i == nx - 1) {
                        outside[c.componentAt(i, j, k)] = true;
                    } else {
                        i = nx - 2;
                    }
                }
            }
        }
        return merge(fg, c.mask(id -> !outside[id]));
    }

    private static byte[][] merge(byte[][] fg, byte[][] holes) {
        Masks.parallel(fg.length, k -> {
            byte[] f = fg[k];
            byte[] h = holes[k];
            for (int x = 0; x < h.length; x++) {
                h[x] = (byte) (f[x] != 0 || h[x] != 0 ? 1 : 0);
            }
        });
        return holes;
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
