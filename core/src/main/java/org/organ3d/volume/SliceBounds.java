package org.organ3d.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The labels present in each slice of a {@link LabelMap}, each with its bounding rectangle and voxel
 * count in that slice: one pass over the voxels (slices in parallel) that lets slice-wise writers
 * (SEG frames, RTSTRUCT contours) visit only the rows and columns a label occupies.
 */
public final class SliceBounds {

    /**
     * One label in one slice.
     *
     * @param label label value
     * @param iMin  first column holding it
     * @param iMax  last column holding it
     * @param jMin  first row holding it
     * @param jMax  last row holding it
     * @param count voxels of this label in the slice
     */
    public record Box(int label, int iMin, int iMax, int jMin, int jMax, int count) {
    }

    private SliceBounds() {
    }

    /**
     * For every slice k, the labels present (ascending) with their boxes. Uses all cores; memory
     * beyond the result is one slice copy and five arrays of 256 or 65536 ints per thread.
     */
    public static List<List<Box>> of(LabelMap map) {
        Volume v = map.labels();
        Dimensions d = v.dimensions();
        boolean bytes = v.type() == VoxelType.UINT8;
        int range = bytes ? 256 : 65536;
        ThreadLocal<int[][]> scratch = ThreadLocal.withInitial(() -> new int[][] {new int[range], new int[range],
            new int[range], new int[range], new int[range]});
        ThreadLocal<Object> copies = ThreadLocal.withInitial(() -> v.type().newSlice(d.sliceSize()));
        List<List<Box>> out = new ArrayList<>(d.nz());
        IntStream.range(0, d.nz()).forEach(k -> out.add(null));
        IntStream.range(0, d.nz()).parallel().forEach(k -> {
            int[][] s = scratch.get();
            int[] count = s[0];
            int[] iMin = s[1];
            int[] iMax = s[2];
            int[] jMin = s[3];
            int[] jMax = s[4];
            Object slice = copies.get();
            v.copySlice(k, slice);
            int nx = d.nx();
            List<Integer> seen = new ArrayList<>();
            for (int j = 0, p = 0; j < d.ny(); j++) {
                for (int i = 0; i < nx; i++, p++) {
                    int val = bytes ? ((byte[]) slice)[p] & 0xFF : ((short[]) slice)[p] & 0xFFFF;
                    if (val == 0) {
                        continue;
                    }
                    if (count[val]++ == 0) {
                        seen.add(val);
                        iMin[val] = i;
                        iMax[val] = i;
                        jMin[val] = j;
                        jMax[val] = j;
                    } else {
                        if (i < iMin[val]) {
                            iMin[val] = i;
                        }
                        if (i > iMax[val]) {
                            iMax[val] = i;
                        }
                        jMax[val] = j;
                    }
                }
            }
            seen.sort(null);
            List<Box> boxes = new ArrayList<>(seen.size());
            for (int val : seen) {
                boxes.add(new Box(val, iMin[val], iMax[val], jMin[val], jMax[val], count[val]));
                count[val] = 0;
            }
            synchronized (out) {
                out.set(k, List.copyOf(boxes));
            }
        });
        return out;
    }
}
