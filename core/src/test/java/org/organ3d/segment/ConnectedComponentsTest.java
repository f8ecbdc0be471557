package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;

class ConnectedComponentsTest {

    private static final Geometry G = Geometry.axisAligned(new Spacing(0.5, 0.5, 2.0));
    private static final Dimensions D = new Dimensions(40, 30, 20);

    /** Blobs with exact sizes: boxes 5×4×3=60, 3×3×3=27, 1 voxel, two 2×2×2 cubes touching at one corner. */
    private static byte[][] blobs() {
        return Phantoms.mask(D, (i, j, k) -> (i >= 2 && i < 7 && j >= 2 && j < 6 && k >= 1 && k < 4)
                || (i >= 20 && i < 23 && j >= 10 && j < 13 && k >= 10 && k < 13)
                || (i == 35 && j == 25 && k == 18)
                || (i >= 10 && i < 12 && j >= 20 && j < 22 && k >= 5 && k < 7)
                || (i >= 12 && i < 14 && j >= 22 && j < 24 && k >= 7 && k < 9));
    }

    @Test
    void sizesOfAKnownMultiBlobPhantomAreExact() {
        Components six = ConnectedComponents.label(blobs(), D, G, Connectivity.SIX);
        assertArrayEquals(new long[] {0, 60, 27, 8, 8, 1}, six.sizesVoxels());
        assertEquals(60 * 0.5, six.sizeMm3(1), 1e-12);
        Components eighteen = ConnectedComponents.label(blobs(), D, G, Connectivity.EIGHTEEN);
        assertArrayEquals(new long[] {0, 60, 27, 8, 8, 1}, eighteen.sizesVoxels());
        Components all = ConnectedComponents.label(blobs(), D, G, Connectivity.TWENTY_SIX);
        assertArrayEquals(new long[] {0, 60, 27, 16, 1}, all.sizesVoxels());
        // equal sizes: the component whose first voxel comes first in linear order gets the lower number
        assertEquals(3, six.componentAt(10, 20, 5));
        assertEquals(4, six.componentAt(12, 22, 7));
        assertEquals(5, six.componentAt(35, 25, 18));
        assertEquals(0, six.componentAt(0, 0, 0));
    }

    @Test
    void selectionsByLargestMinimumSizeAndSeed() {
        LabelMap m = Masks.toLabelMap(blobs(), D, G, 1);
        assertEquals(Map.of(3, 60L), ConnectedComponents.keepLargest(m, Connectivity.SIX, 3).counts());
        // 8 voxels = 4 mm³: keep >= 4 mm³ drops only the single voxel
        assertEquals(Map.of(1, 103L), ConnectedComponents.keepAtLeastMm3(m, Connectivity.SIX, 4.0, 1).counts());
        assertEquals(Map.of(1, 28L), ConnectedComponents.keepContaining(m, Connectivity.SIX,
                List.of(new VoxelIndex(21, 11, 11), new VoxelIndex(35, 25, 18), new VoxelIndex(0, 0, 0)), 1).counts());
        assertThrows(SeedOutsideVolumeException.class, () -> ConnectedComponents.keepContaining(m, Connectivity.SIX,
                List.of(new VoxelIndex(40, 0, 0)), 1));
        LabelMap all = ConnectedComponents.label(m, Connectivity.SIX).toLabelMap();
        assertEquals(Map.of(1, 60L, 2, 27L, 3, 8L, 4, 8L, 5, 1L), all.counts());
    }

    @Test
    void labelsDoNotDependOnTheSlabSplitAndMatchAFloodFill() {
        Random r = new Random(5);
        Dimensions d = new Dimensions(23, 19, 17);
        byte[][] m = Phantoms.mask(d, (i, j, k) -> r.nextDouble() < 0.35);
        for (Connectivity c : Connectivity.values()) {
            Components ref = ConnectedComponents.label(m, d, G, c, 1);
            int[][] flood = floodFill(m, d, c);
            for (int slabs : new int[] {2, 3, 7, 17, 64}) {
                Components got = ConnectedComponents.label(m, d, G, c, slabs);
                assertArrayEquals(ref.sizesVoxels(), got.sizesVoxels());
                for (int k = 0; k < d.nz(); k++) {
                    for (int j = 0; j < d.ny(); j++) {
                        for (int i = 0; i < d.nx(); i++) {
                            assertEquals(ref.componentAt(i, j, k), got.componentAt(i, j, k));
                        }
                    }
                }
            }
            // same partition as a plain flood fill: a one-to-one map between the labels
            Map<Integer, Integer> map = new java.util.HashMap<>();
            for (int k = 0; k < d.nz(); k++) {
                for (int x = 0; x < d.sliceSize(); x++) {
                    int a = flood[k][x];
                    int b = ref.componentAt(x % d.nx(), x / d.nx(), k);
                    assertEquals(a == 0, b == 0);
                    if (a != 0) {
                        assertEquals(b, (int) map.computeIfAbsent(a, key -> b), c.toString());
                    }
                }
            }
            assertEquals(map.size(), ref.count());
            assertEquals(new java.util.HashSet<>(map.values()).size(), ref.count());
            // sizes non-increasing
            long[] s = ref.sizesVoxels();
            for (int id = 2; id < s.length; id++) {
                assertEquals(true, s[id] <= s[id - 1]);
            }
        }
    }

    private static int[][] floodFill(byte[][] m, Dimensions d, Connectivity c) {
        int[][] lab = new int[d.nz()][d.sliceSize()];
        int next = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int x = 0; x < d.sliceSize(); x++) {
                if (m[k][x] == 0 || lab[k][x] != 0) {
                    continue;
                }
                next++;
                ArrayDeque<int[]> q = new ArrayDeque<>();
                lab[k][x] = next;
                q.add(new int[] {x % d.nx(), x / d.nx(), k});
                while (!q.isEmpty()) {
                    int[] p = q.poll();
                    for (int[] o : c.offsets()) {
                        int i = p[0] + o[0];
                        int j = p[1] + o[1];
                        int kk = p[2] + o[2];
                        if (d.contains(i, j, kk) && m[kk][d.offsetInSlice(i, j)] != 0 && lab[kk][d.offsetInSlice(i, j)] == 0) {
                            lab[kk][d.offsetInSlice(i, j)] = next;
                            q.add(new int[] {i, j, kk});
                        }
                    }
                }
            }
        }
        return lab;
    }

    @Test
    void emptyMaskHasNoComponents() {
        Components c = ConnectedComponents.label(new byte[D.nz()][D.sliceSize()], D, G, Connectivity.SIX);
        assertEquals(0, c.count());
        assertEquals(Map.of(), c.toLabelMap().counts());
        List<Integer> none = new ArrayList<>();
        assertEquals(0, none.size());
    }

    @Test
    void ofChecksEveryLabelAgainstTheSizes() {
        Dimensions d = new Dimensions(4, 3, 5);
        Geometry g = Geometry.axisAligned(new Spacing(1, 1, 1));
        int[][] labels = new int[5][12];
        labels[1][3] = 1;
        labels[4][11] = 2;
        assertEquals(2, Components.of(labels, new long[] {0, 1, 1}, d, g).count());
        labels[3][7] = 3;
        assertThrows(IllegalArgumentException.class, () -> Components.of(labels, new long[] {0, 1, 1}, d, g));
        labels[3][7] = -1;
        assertThrows(IllegalArgumentException.class, () -> Components.of(labels, new long[] {0, 1, 1}, d, g));
    }
}
