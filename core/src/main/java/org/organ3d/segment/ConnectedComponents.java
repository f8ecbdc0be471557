package org.organ3d.segment;

import java.util.Arrays;
import java.util.Collection;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;

/**
 * Connected components of a 3D binary mask (6-, 18- or 26-connectivity), labelled 1..n by
 * decreasing size, ties broken by the lowest linear index {@code i + nx*(j + ny*k)} of the
 * component's first voxel: the same labels whatever the number of threads or slabs.
 *
 * <p>Two-pass union-find labelling (Rosenfeld &amp; Pfaltz, JACM 13(4), 1966; with the
 * union-find equivalence table of Wu, Otoo &amp; Suzuki, Pattern Anal. Appl. 12, 2009), split into
 * slabs of slices so that the first pass runs in parallel:
 * <ol>
 * <li>Per slab, in parallel: raster scan (k, then j, then i). A foreground voxel takes the label
 * of its first already-visited neighbour inside the slab and merges the others' label sets, or
 * opens a new label. Under 26-connectivity a voxel whose neighbour behind (k-1) is foreground just
 * takes that label: all its other visited neighbours touch that one and are merged with it already. Labels are slab-local; a slab's union-find always keeps the smallest label as
 * the root, and counts voxels per label.</li>
 * <li>Sequential: the slab labels are laid end to end (slab by slab) in one global table, and the
 * voxels of each slab's first slice are merged with their neighbours in the slice before it (the
 * last slice of the previous slab). Roots stay the smallest labels, which are the labels of each
 * component's first voxel in linear order.</li>
 * <li>Sequential over labels: sizes are summed per root, roots sorted by (size descending, root
 * ascending), and every label gets its final component number.</li>
 * <li>Per slab, in parallel: provisional labels are replaced by the final numbers.</li>
 * </ol>
 * Caveats: the labels are held as one {@code int} per voxel of every slice with foreground
 * (4 bytes per voxel, 315 MB for a full 512×512×300); a label map can hold at most 65535 components ({@link Components#toLabelMap}
 * says so) while masks selected from the components have no such limit.
 */
public final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Components of the voxels with a non-zero label of {@code mask}. */
    public static Components label(LabelMap mask, Connectivity connectivity) {
        return label(Masks.foreground(mask), mask.dimensions(), mask.geometry(), connectivity);
    }

    /**
     * Components of a 0/1 mask given as slices (read only, not kept). {@code geometry} gives the
     * voxel volume for sizes in mm³.
     */
    public static Components label(byte[][] fg, Dimensions dims, Geometry geometry, Connectivity connectivity) {
        return label(fg, dims, geometry, connectivity, Runtime.getRuntime().availableProcessors() * 4);
    }

    /** As {@link #label(byte[][], Dimensions, Geometry, Connectivity)} with a given number of slabs. */
    static Components label(byte[][] fg, Dimensions dims, Geometry geometry, Connectivity connectivity, int slabsWanted) {
        Masks.checkShape(fg, dims);
        int nz = dims.nz();
        int slabCount = Math.min(nz, Math.max(1, slabsWanted));
        int[] slabStart = new int[slabCount + 1];
        for (int s = 0; s <= slabCount; s++) {
            slabStart[s] = (int) ((long) nz * s / slabCount);
        }
        int[][] labels = new int[nz][];
        Slab[] slabs = new Slab[slabCount];
        Masks.parallel(slabCount, s -> slabs[s] = firstPass(fg, dims, connectivity, slabStart[s], slabStart[s + 1], labels));

        long[] offset = new long[slabCount + 1];
        for (int s = 0; s < slabCount; s++) {
            offset[s + 1] = offset[s] + slabs[s].count;
        }
        if (offset[slabCount] > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many provisional labels: " + offset[slabCount]);
        }
        int total = (int) offset[slabCount];
        int[] parent = new int[total + 1];
        long[] size = new long[total + 1];
        for (int s = 0; s < slabCount; s++) {
            int off = (int) offset[s];
            Slab sl = slabs[s];
            for (int l = 1; l <= sl.count; l++) {
                parent[off + l] = off + UnionFind.find(sl.parent, l);
                size[off + l] = sl.size[l];
            }
            slabs[s] = null;
        }
        for (int s = 1; s < slabCount; s++) {
            mergeAcross(labels, dims, connectivity, slabStart[s], (int) offset[s], (int) offset[s - 1], parent);
        }
        int roots = 0;
        for (int l = 1; l <= total; l++) {
            int r = UnionFind.find(parent, l);
            if (r == l) {
                roots++;
            } else {
                size[r] += size[l];
            }
        }
        int[] order = rootsBySize(parent, size, total, roots);
        int[] finalId = new int[total + 1];
        long[] sizes = new long[roots + 1];
        for (int rank = 0; rank < roots; rank++) {
            finalId[order[rank]] = rank + 1;
            sizes[rank + 1] = size[order[rank]];
        }
        for (int l = 1; l <= total; l++) {
            finalId[l] = finalId[UnionFind.find(parent, l)];
        }
        Masks.parallel(slabCount, s -> {
            int off = (int) offset[s];
            for (int k = slabStart[s]; k < slabStart[s + 1]; k++) {
                int[] lk = labels[k];
                for (int x = 0; x < lk.length; x++) {
                    if (lk[x] != 0) {
                        lk[x] = finalId[off + lk[x]];
                    }
                }
            }
        });
        return new Components(labels, sizes, dims, geometry);
    }

    /** The largest component (label 1 of {@link #label}) as a mask labelled {@code label}. */
    public static LabelMap keepLargest(LabelMap mask, Connectivity connectivity, int label) {
        Components c = label(mask, connectivity);
        return Masks.toLabelMap(c.mask(id -> id == 1), mask, label);
    }

    /** The components of at least {@code minMm3} mm³, as a mask labelled {@code label}. */
    public static LabelMap keepAtLeastMm3(LabelMap mask, Connectivity connectivity, double minMm3, int label) {
        Components c = label(mask, connectivity);
        return Masks.toLabelMap(c.mask(id -> c.sizeMm3(id) >= minMm3), mask, label);
    }

    /**
     * The components holding at least one of the seeds, as a mask labelled {@code label}.
     *
     * @throws SeedOutsideVolumeException if a seed is outside the grid
     */
    public static LabelMap keepContaining(LabelMap mask, Connectivity connectivity, Collection<VoxelIndex> seeds, int label) {
        Components c = label(mask, connectivity);
        boolean[] keep = c.containing(seeds);
        return Masks.toLabelMap(c.mask(id -> keep[id]), mask, label);
    }

    private static final class Slab {
        int[] parent = new int[1024];
        long[] size = new long[1024];
        int count;

        int open() {
            int l = ++count;
            if (l >= parent.length) {
                parent = Arrays.copyOf(parent, parent.length * 2);
                size = Arrays.copyOf(size, size.length * 2);
            }
            parent[l] = l;
            return l;
        }
    }

    private static Slab firstPass(byte[][] fg, Dimensions d, Connectivity c, int k0, int k1, int[][] labels) {
        int nx = d.nx();
        int ny = d.ny();
        int n = d.sliceSize();
        int[][] back = c.backwardShared();
        int nb = back.length;
        int[] delta = new int[nb];
        boolean[] inPrev = new boolean[nb];
        for (int b = 0; b < nb; b++) {
            delta[b] = back[b][1] * nx + back[b][0];
            inPrev[b] = back[b][2] < 0;
        }
        boolean full = c == Connectivity.TWENTY_SIX;
        Slab slab = new Slab();
        int[] zero = null;
        for (int k = k0; k < k1; k++) {
            byte[] f = fg[k];
            int[] prev = k > k0 ? labels[k - 1] : null;
            if (isEmpty(f)) {
                // NB: slices without foreground share one all-zero array (never written: the
                // relabelling pass only rewrites non-zero labels), so sparse masks cost little memory.
                zero = zero == null ? new int[n] : zero;
                labels[k] = zero;
                continue;
            }
            int[] cur = new int[n];
            labels[k] = cur;
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                boolean rowInterior = prev != null && j > 0 && j < ny - 1;
                for (int i = 0; i < nx; i++) {
                    int x = row + i;
                    if (f[x] == 0) {
                        continue;
                    }
                    int lab = 0;
                    if (full && prev != null && prev[x] != 0) {
                        // NB: under 26-connectivity every backward neighbour touches the voxel just
                        // behind (i, j, k-1), so all of them are already in its set: take its label.
                        lab = prev[x];
                    } else if (rowInterior && i > 0 && i < nx - 1) {
                        // NB: interior voxel of a slice with a previous slice in the slab: no bounds checks.
                        for (int b = 0; b < nb; b++) {
                            int nl = (inPrev[b] ? prev : cur)[x + delta[b]];
                            if (nl != 0 && nl != lab) {
                                if (lab == 0) {
                                    lab = nl;
                                } else {
                                    UnionFind.union(slab.parent, lab, nl);
                                }
                            }
                        }
                    } else {
                        for (int[] o : back) {
                            int ii = i + o[0];
                            int jj = j + o[1];
                            int[] src = o[2] == 0 ? cur : prev;
                            if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || src == null) {
                                continue;
                            }
                            int nl = src[jj * nx + ii];
                            if (nl != 0 && nl != lab) {
                                if (lab == 0) {
                                    lab = nl;
                                } else {
                                    UnionFind.union(slab.parent, lab, nl);
                                }
                            }
                        }
                    }
                    if (lab == 0) {
                        lab = slab.open();
                    }
                    cur[x] = lab;
                    slab.size[lab]++;
                }
            }
        }
        return slab;
    }

    private static boolean isEmpty(byte[] f) {
        for (byte b : f) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void mergeAcross(int[][] labels, Dimensions d, Connectivity c, int k, int offHere, int offPrev, int[] parent) {
        int nx = d.nx();
        int ny = d.ny();
        int[] cur = labels[k];
        int[] prev = labels[k - 1];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int l = cur[j * nx + i];
                if (l == 0) {
                    continue;
                }
                for (int[] o : c.backwardShared()) {
                    if (o[2] != -1) {
                        continue;
                    }
                    int ii = i + o[0];
                    int jj = j + o[1];
                    if (ii < 0 || ii >= nx || jj < 0 || jj >= ny) {
                        continue;
                    }
                    int nl = prev[jj * nx + ii];
                    if (nl != 0) {
                        UnionFind.union(parent, offHere + l, offPrev + nl);
                    }
                }
            }
        }
    }

    /** Roots ordered by size descending, then by root label ascending. */
    private static int[] rootsBySize(int[] parent, long[] size, int total, int roots) {
        int[] order = new int[roots];
        long maxSize = 0;
        int r = 0;
        for (int l = 1; l <= total; l++) {
            if (parent[l] == l) {
                order[r++] = l;
                maxSize = Math.max(maxSize, size[l]);
            }
        }
        if (maxSize < (1L << 32)) {
            // NB: pack (inverted size, root) in one long so that a primitive sort does the work.
            long[] key = new long[roots];
            for (int x = 0; x < roots; x++) {
                key[x] = (((1L << 32) - 1 - size[order[x]]) << 31) | order[x];
            }
            Arrays.parallelSort(key);
            for (int x = 0; x < roots; x++) {
                order[x] = (int) (key[x] & 0x7FFFFFFFL);
            }
            return order;
        }
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (a, b) -> size[a] != size[b] ? Long.compare(size[b], size[a]) : Integer.compare(a, b));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** Union-find on an int parent table whose roots are always the smallest label of their set. */
    static final class UnionFind {
        private UnionFind() {
        }

        static int find(int[] parent, int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        static void union(int[] parent, int a, int b) {
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra < rb) {
                parent[rb] = ra;
            } else if (rb < ra) {
                parent[ra] = rb;
            }
        }
    }
}
