package org.organ3d.opencl;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.organ3d.segment.Components;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;

/**
 * Java's component numbering ({@link org.organ3d.segment.ConnectedComponents}) from the device's
 * union-find roots, on all cores: every voxel holds its component's first voxel (linear index; -1 for
 * background), so roots numbered in linear order give the provisional ids, and the final ids rank
 * them by (size descending, provisional id ascending).
 *
 * <p>Passes, each over z-slices in parallel: (1) count the roots of each slice; a prefix sum gives
 * every slice its first id; (2) replace each root by its code {@code -(id + 2)}; (3) replace every
 * other voxel by its root's code (roots are only read, others only written, so the passes are
 * race-free) and count sizes, one atomic add per run of equal codes along x; then the ids are
 * ranked by one primitive sort of (size, id) keys, and (4) the labels are written.
 *
 * <p>Caveat: in place on {@code root}, which the caller gives up.
 */
final class ComponentNumbering {

    private ComponentNumbering() {
    }

    /** Roots (voxels that are their own root) among root[base .. base + n). */
    static long rootsIn(int[] root, int base, int n) {
        long c = 0;
        for (int x = base; x < base + n; x++) {
            if (root[x] == x) {
                c++;
            }
        }
        return c;
    }

    /**
     * The numbered components; {@code rootsIn[z]} is {@link #rootsIn} of slice z (pass 1, which the
     * caller fuses with the download).
     */
    static Components relabel(int[] root, long[] rootsIn, Dimensions d, Geometry geometry) {
        int slice = d.sliceSize();
        int nz = d.nz();
        long[] firstId = new long[nz + 1];
        for (int z = 0; z < nz; z++) {
            firstId[z + 1] = firstId[z] + rootsIn[z];
        }
        long idsL = firstId[nz];
        if (idsL > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many components: " + idsL);
        }
        int ids = (int) idsL;
        IntStream.range(0, nz).parallel().forEach(z -> {
            int base = z * slice;
            int id = (int) firstId[z];
            for (int x = base; x < base + slice; x++) {
                if (root[x] == x) {
                    root[x] = -(id + 2);
                    id++;
                }
            }
        });
        AtomicLongArray size = new AtomicLongArray(ids);
        IntStream.range(0, nz).parallel().forEach(z -> {
            int base = z * slice;
            int run = -1;
            long len = 0;
            for (int x = base; x < base + slice; x++) {
                int r = root[x];
                if (r == -1) {
                    continue;
                }
                int code = r < 0 ? r : root[r];
                root[x] = code;
                if (code != run) {
                    if (len > 0) {
                        size.addAndGet(-run - 2, len);
                    }
                    run = code;
                    len = 0;
                }
                len++;
            }
            if (len > 0) {
                size.addAndGet(-run - 2, len);
            }
        });
        // NB: sizes are below 2^31 (voxel count), ids below 2^31: one long key sorts (size desc, id asc).
        long[] keys = new long[ids];
        for (int c = 0; c < ids; c++) {
            keys[c] = ((long) (Integer.MAX_VALUE - (int) size.get(c)) << 32) | c;
        }
        Arrays.parallelSort(keys);
        int[] finalId = new int[ids];
        long[] sizes = new long[ids + 1];
        for (int rank = 0; rank < ids; rank++) {
            int c = (int) keys[rank];
            finalId[c] = rank + 1;
            sizes[rank + 1] = size.get(c);
        }
        int[][] out = new int[nz][];
        IntStream.range(0, nz).parallel().forEach(z -> {
            int[] s = new int[slice];
            int base = z * slice;
            for (int x = 0; x < slice; x++) {
                int c = root[base + x];
                s[x] = c == -1 ? 0 : finalId[-c - 2];
            }
            out[z] = s;
        });
        return Components.of(out, sizes, d, geometry);
    }
}
