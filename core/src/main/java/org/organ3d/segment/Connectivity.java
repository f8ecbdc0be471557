package org.organ3d.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Which voxels touch: 6 (faces), 18 (faces and edges) or 26 (faces, edges and corners). In 2D
 * (one slice) the faces of 6-connectivity are the 4 in-plane neighbours.
 */
public enum Connectivity {
    /** Voxels sharing a face. */
    SIX(1),
    /** Voxels sharing a face or an edge. */
    EIGHTEEN(2),
    /** Voxels sharing a face, an edge or a corner. */
    TWENTY_SIX(3);

    private final int[][] all;
    private final int[][] backward;

    Connectivity(int maxNonZero) {
        List<int[]> a = new ArrayList<>();
        List<int[]> b = new ArrayList<>();
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int nz = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
                    if (nz == 0 || nz > maxNonZero) {
                        continue;
                    }
                    int[] o = {di, dj, dk};
                    a.add(o);
                    if (dk < 0 || dk == 0 && (dj < 0 || dj == 0 && di < 0)) {
                        b.add(o);
                    }
                }
            }
        }
        this.all = a.toArray(new int[0][]);
        this.backward = b.toArray(new int[0][]);
    }

    /** Number of neighbours (6, 18 or 26). */
    public int neighbours() {
        return all.length;
    }

    /** Offsets {di, dj, dk} of every neighbour, ordered by k, then j, then i (a copy). */
    public int[][] offsets() {
        int[][] c = new int[all.length][];
        for (int n = 0; n < all.length; n++) {
            c[n] = all[n].clone();
        }
        return c;
    }

    int[][] offsetsShared() {
        return all;
    }

    /** The neighbours met before a voxel in raster order (k, then j, then i): half of them. */
    int[][] backwardShared() {
        return backward;
    }

    /** The connectivity with this neighbour count (6, 18 or 26). */
    public static Connectivity of(int neighbours) {
        return switch (neighbours) {
            case 6 -> SIX;
            case 18 -> EIGHTEEN;
            case 26 -> TWENTY_SIX;
            default -> throw new IllegalArgumentException("connectivity must be 6, 18 or 26, not " + neighbours);
        };
    }
}
