package org.organ3d.opencl;

import java.util.Arrays;

/**
 * The ranking step of Java's component numbering ({@link org.organ3d.segment.ConnectedComponents}):
 * components with provisional ids in linear order of their first voxel (numbered on the device) are
 * ranked by (size descending, provisional id ascending); rank 1 is the largest.
 *
 * <p>One primitive sort of (size, id) keys packed in a long (both below 2³¹), so even a mask with
 * millions of components ranks in milliseconds. Thread-safe (no state).
 */
final class ComponentNumbering {

    private ComponentNumbering() {
    }

    /** Final labels and sizes of ranked components. */
    record Ranking(int[] finalLabel, long[] sizes) {
    }

    /**
     * Ranks components by size.
     *
     * @param size voxels of each provisional id (all at least 1)
     * @return {@code finalLabel[id]} (1-based) and {@code sizes[label]} ({@code sizes[0]} unused, 0)
     */
    static Ranking rank(int[] size) {
        int ids = size.length;
        long[] keys = new long[ids];
        for (int c = 0; c < ids; c++) {
            keys[c] = ((long) (Integer.MAX_VALUE - size[c]) << 32) | c;
        }
        Arrays.parallelSort(keys);
        int[] finalLabel = new int[ids];
        long[] sizes = new long[ids + 1];
        for (int rank = 0; rank < ids; rank++) {
            int c = (int) keys[rank];
            finalLabel[c] = rank + 1;
            sizes[rank + 1] = size[c];
        }
        return new Ranking(finalLabel, sizes);
    }
}
