package org.organ3d.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The voxel passes of a measurement: every voxel of the label map is read a small, fixed number of
 * times, all labels at once, in parallel over slabs of slices; results do not depend on the number
 * of threads (all accumulators are exact integers).
 *
 * <p>Pass 0 (histogram): which labels are present and how many voxels each has; the labels to
 * measure get compact indices 1..m (0 = background or not measured).
 * Pass 1 (moments and rows): each row is split into maximal runs of one label; a run [a, b] in row
 * (j, k) adds its count and its exact first and second index moments (closed-form sums over the run)
 * and widens the label's index bounding box; the first and last i of each label in each row are
 * kept per slice (threads own disjoint slices) and handed to each label's {@link RowExtents} at the
 * end. Voxel faces between different labels (or the grid border) are counted per axis: two per run
 * along i, and by comparing each row with the next row and each slice with the next slice along j
 * and k.
 *
 * <p>Memory: per slab, 13 longs and 6 ints per measured label; two ints per row that a label occupies
 * (from its first to its last row in each slice).
 */
final class LabelScan {

    /** Label value of each compact index (index 0 unused). */
    final int[] labelOf;
    final long[] count;
    /** Index moments: sums of i, j, k, i², j², k², ij, ik, jk over the label's voxels. */
    final long[] si;
    final long[] sj;
    final long[] sk;
    final long[] sii;
    final long[] sjj;
    final long[] skk;
    final long[] sij;
    final long[] sik;
    final long[] sjk;
    /** Voxel faces of the label whose normal is along i, j and k (to another label, background or the border). */
    final long[] facesI;
    final long[] facesJ;
    final long[] facesK;
    final RowExtents[] extents;

    private LabelScan(int[] labelOf) {
        this.labelOf = labelOf;
        int m = labelOf.length;
        count = new long[m];
        si = new long[m];
        sj = new long[m];
        sk = new long[m];
        sii = new long[m];
        sjj = new long[m];
        skk = new long[m];
        sij = new long[m];
        sik = new long[m];
        sjk = new long[m];
        facesI = new long[m];
        facesJ = new long[m];
        facesK = new long[m];
        extents = new RowExtents[m];
    }

    /** Number of labels measured. */
    int size() {
        return labelOf.length - 1;
    }

    /**
     * Scans {@code map}; measures the labels present that are in {@code only} (all present labels
     * when {@code only} is null).
     */
    static LabelScan scan(LabelMap map, Set<Integer> only) {
        Volume v = map.labels();
        Dimensions d = v.dimensions();
        int range = v.type() == VoxelType.UINT8 ? 256 : 65536;
        int[][] slabs = slabs(d.nz());
        long[] hist = IntStream.range(0, slabs.length).parallel()
                .mapToObj(s -> histogram(v, slabs[s], range))
                .reduce(new long[range], LabelScan::add);
        List<Integer> present = new ArrayList<>();
        for (int l = 1; l < range; l++) {
            if (hist[l] > 0 && (only == null || only.contains(l))) {
                present.add(l);
            }
        }
        int[] labelOf = new int[present.size() + 1];
        int[] lut = new int[range];
        for (int c = 1; c < labelOf.length; c++) {
            labelOf[c] = present.get(c - 1);
            lut[labelOf[c]] = c;
        }
        LabelScan scan = new LabelScan(labelOf);
        if (present.isEmpty()) {
            return scan;
        }
        int m = labelOf.length;
        SliceRows[] perSlice = new SliceRows[d.nz()];
        List<Moments> parts = IntStream.range(0, slabs.length).parallel()
                .mapToObj(s -> moments(v, lut, m, slabs[s], perSlice)).toList();
        Moments all = new Moments(m);
        for (Moments p : parts) {
            all.merge(p);
        }
        all.copyInto(scan);
        for (int c = 1; c < m; c++) {
            scan.extents[c] = new RowExtents(all.minI[c], all.maxI[c], all.minJ[c], all.maxJ[c], all.minK[c], all.maxK[c]);
        }
        for (int k = 0; k < d.nz(); k++) {
            SliceRows r = perSlice[k];
            for (int x = 0; x < r.labels.length; x++) {
                scan.extents[r.labels[x]].setSlice(k, r.firstJ[x], r.rows[x]);
            }
        }
        return scan;
    }

    private static int[][] slabs(int nz) {
        int parts = Math.min(nz, 4 * Runtime.getRuntime().availableProcessors());
        int[][] out = new int[parts][];
        for (int p = 0; p < parts; p++) {
            out[p] = new int[] {(int) ((long) nz * p / parts), (int) ((long) nz * (p + 1) / parts)};
        }
        return out;
    }

    private static long[] add(long[] a, long[] b) {
        long[] r = a.clone();
        for (int x = 0; x < r.length; x++) {
            r[x] += b[x];
        }
        return r;
    }

    private static long[] histogram(Volume v, int[] slab, int range) {
        long[] h = new long[range];
        int n = v.dimensions().sliceSize();
        if (v.type() == VoxelType.UINT8) {
            byte[] s = new byte[n];
            for (int k = slab[0]; k < slab[1]; k++) {
                v.copySlice(k, s);
                for (int x = 0; x < n; x++) {
                    h[s[x] & 0xFF]++;
                }
            }
        } else {
            short[] s = new short[n];
            for (int k = slab[0]; k < slab[1]; k++) {
                v.copySlice(k, s);
                for (int x = 0; x < n; x++) {
                    h[s[x] & 0xFFFF]++;
                }
            }
        }
        return h;
    }

    /** Slice k of the label map as compact indices. */
    private static void compact(Volume v, int[] lut, int k, Object raw, int[] dest) {
        int n = dest.length;
        v.copySlice(k, raw);
        if (raw instanceof byte[] b) {
            for (int x = 0; x < n; x++) {
                dest[x] = lut[b[x] & 0xFF];
            }
        } else {
            short[] s = (short[]) raw;
            for (int x = 0; x < n; x++) {
                dest[x] = lut[s[x] & 0xFFFF];
            }
        }
    }

    private static Object rawSlice(Volume v) {
        return v.type().newSlice(v.dimensions().sliceSize());
    }

    /** The row extents of every label present in one slice. */
    private record SliceRows(int[] labels, int[] firstJ, int[][] rows) {
    }

    private static Moments moments(Volume v, int[] lut, int m, int[] slab, SliceRows[] perSlice) {
        Dimensions d = v.dimensions();
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        int n = d.sliceSize();
        Moments acc = new Moments(m);
        RowCollector rows = new RowCollector(m);
        Object raw = rawSlice(v);
        int[] cur = new int[n];
        int[] next = new int[n];
        compact(v, lut, slab[0], raw, cur);
        for (int k = slab[0]; k < slab[1]; k++) {
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                int i = 0;
                while (i < nx) {
                    int c = cur[row + i];
                    int a = i;
                    while (i < nx && cur[row + i] == c) {
                        i++;
                    }
                    if (c > 0) {
                        acc.run(c, a, i - 1, j, k);
                        rows.run(c, a, i - 1);
                    }
                }
                rows.endRow(j);
            }
            perSlice[k] = rows.endSlice();
            // Faces along j: between rows j and j+1, and at the first and last row.
            for (int x = 0; x < nx; x++) {
                acc.faceJ(cur[x]);
                acc.faceJ(cur[n - nx + x]);
            }
            for (int x = 0; x < n - nx; x++) {
                int a = cur[x];
                int b = cur[x + nx];
                if (a != b) {
                    acc.faceJ(a);
                    acc.faceJ(b);
                }
            }
            // Faces along k: against slice k+1 (or the border).
            if (k == 0) {
                for (int x = 0; x < n; x++) {
                    acc.faceK(cur[x]);
                }
            }
            if (k == nz - 1) {
                for (int x = 0; x < n; x++) {
                    acc.faceK(cur[x]);
                }
            } else {
                compact(v, lut, k + 1, raw, next);
                for (int x = 0; x < n; x++) {
                    int a = cur[x];
                    int b = next[x];
                    if (a != b) {
                        acc.faceK(a);
                        acc.faceK(b);
                    }
                }
                int[] t = cur;
                cur = next;
                next = t;
            }
        }
        return acc;
    }

    /**
     * Gathers, slice by slice, the first and last i of each label in each row: labels seen in the
     * current row are tracked with a touched list; at the end of a row their extents are appended to
     * the slice's entries (in increasing j per label), and at the end of a slice they become one
     * {@code [lo, hi]} array per label over its rows in that slice. Thread-confined.
     */
    private static final class RowCollector {
        private final int[] rowLo;
        private final int[] rowHi;
        private final int[] rowTouched;
        private int rowCount;
        private final int[] sliceIndex; // per label: its slot in this slice, or -1
        private int[] sliceLabels = new int[16];
        private int sliceCount;
        private int[][] entries = new int[16][]; // per slot: j, lo, hi triples
        private int[] entryLength = new int[16];

        RowCollector(int m) {
            rowLo = new int[m];
            rowHi = new int[m];
            rowTouched = new int[m];
            sliceIndex = new int[m];
            Arrays.fill(rowLo, Integer.MAX_VALUE);
            Arrays.fill(sliceIndex, -1);
        }

        void run(int c, int a, int b) {
            if (rowLo[c] == Integer.MAX_VALUE) {
                rowTouched[rowCount++] = c;
                rowLo[c] = a;
            }
            rowHi[c] = b;
        }

        void endRow(int j) {
            for (int t = 0; t < rowCount; t++) {
                int c = rowTouched[t];
                int slot = sliceIndex[c];
                if (slot < 0) {
                    if (sliceCount == sliceLabels.length) {
                        sliceLabels = Arrays.copyOf(sliceLabels, 2 * sliceCount);
                        entries = Arrays.copyOf(entries, 2 * sliceCount);
                        entryLength = Arrays.copyOf(entryLength, 2 * sliceCount);
                    }
                    slot = sliceCount++;
                    sliceIndex[c] = slot;
                    sliceLabels[slot] = c;
                    if (entries[slot] == null) {
                        entries[slot] = new int[24];
                    }
                    entryLength[slot] = 0;
                }
                int[] e = entries[slot];
                if (entryLength[slot] + 3 > e.length) {
                    e = Arrays.copyOf(e, 2 * e.length);
                    entries[slot] = e;
                }
                e[entryLength[slot]++] = j;
                e[entryLength[slot]++] = rowLo[c];
                e[entryLength[slot]++] = rowHi[c];
                rowLo[c] = Integer.MAX_VALUE;
            }
            rowCount = 0;
        }

        SliceRows endSlice() {
            int[] labels = Arrays.copyOf(sliceLabels, sliceCount);
            int[] firstJ = new int[sliceCount];
            int[][] rows = new int[sliceCount][];
            for (int slot = 0; slot < sliceCount; slot++) {
                int[] e = entries[slot];
                int len = entryLength[slot];
                int jFirst = e[0];
                int jLast = e[len - 3];
                int[] lohi = new int[2 * (jLast - jFirst + 1)];
                for (int x = 0; x < lohi.length; x += 2) {
                    lohi[x] = Integer.MAX_VALUE;
                    lohi[x + 1] = Integer.MIN_VALUE;
                }
                for (int x = 0; x < len; x += 3) {
                    int r = 2 * (e[x] - jFirst);
                    lohi[r] = e[x + 1];
                    lohi[r + 1] = e[x + 2];
                }
                firstJ[slot] = jFirst;
                rows[slot] = lohi;
                sliceIndex[labels[slot]] = -1;
            }
            sliceCount = 0;
            return new SliceRows(labels, firstJ, rows);
        }
    }

    /** Per-slab accumulators, merged exactly. */
    private static final class Moments {
        final long[] count;
        final long[] si;
        final long[] sj;
        final long[] sk;
        final long[] sii;
        final long[] sjj;
        final long[] skk;
        final long[] sij;
        final long[] sik;
        final long[] sjk;
        final long[] fi;
        final long[] fj;
        final long[] fk;
        final int[] minI;
        final int[] maxI;
        final int[] minJ;
        final int[] maxJ;
        final int[] minK;
        final int[] maxK;

        Moments(int m) {
            count = new long[m];
            si = new long[m];
            sj = new long[m];
            sk = new long[m];
            sii = new long[m];
            sjj = new long[m];
            skk = new long[m];
            sij = new long[m];
            sik = new long[m];
            sjk = new long[m];
            fi = new long[m];
            fj = new long[m];
            fk = new long[m];
            minI = filled(m, Integer.MAX_VALUE);
            minJ = filled(m, Integer.MAX_VALUE);
            minK = filled(m, Integer.MAX_VALUE);
            maxI = filled(m, Integer.MIN_VALUE);
            maxJ = filled(m, Integer.MIN_VALUE);
            maxK = filled(m, Integer.MIN_VALUE);
        }

        private static int[] filled(int m, int v) {
            int[] a = new int[m];
            Arrays.fill(a, v);
            return a;
        }

        /** Sum of t² for t = 0..b. */
        private static long squares(long b) {
            return b < 0 ? 0 : b * (b + 1) * (2 * b + 1) / 6;
        }

        void run(int c, int a, int b, int j, int k) {
            long len = b - a + 1;
            long sumI = (long) (a + b) * len / 2;
            long sumII = squares(b) - squares(a - 1L);
            count[c] += len;
            si[c] += sumI;
            sj[c] += len * j;
            sk[c] += len * k;
            sii[c] += sumII;
            sjj[c] += len * j * j;
            skk[c] += len * k * k;
            sij[c] += sumI * j;
            sik[c] += sumI * k;
            sjk[c] += len * j * k;
            fi[c] += 2;
            if (a < minI[c]) {
                minI[c] = a;
            }
            if (b > maxI[c]) {
                maxI[c] = b;
            }
            if (j < minJ[c]) {
                minJ[c] = j;
            }
            if (j > maxJ[c]) {
                maxJ[c] = j;
            }
            if (k < minK[c]) {
                minK[c] = k;
            }
            if (k > maxK[c]) {
                maxK[c] = k;
            }
        }

        void faceJ(int c) {
            if (c > 0) {
                fj[c]++;
            }
        }

        void faceK(int c) {
            if (c > 0) {
                fk[c]++;
            }
        }

        void merge(Moments o) {
            for (int c = 0; c < count.length; c++) {
                count[c] += o.count[c];
                si[c] += o.si[c];
                sj[c] += o.sj[c];
                sk[c] += o.sk[c];
                sii[c] += o.sii[c];
                sjj[c] += o.sjj[c];
                skk[c] += o.skk[c];
                sij[c] += o.sij[c];
                sik[c] += o.sik[c];
                sjk[c] += o.sjk[c];
                fi[c] += o.fi[c];
                fj[c] += o.fj[c];
                fk[c] += o.fk[c];
                minI[c] = Math.min(minI[c], o.minI[c]);
                minJ[c] = Math.min(minJ[c], o.minJ[c]);
                minK[c] = Math.min(minK[c], o.minK[c]);
                maxI[c] = Math.max(maxI[c], o.maxI[c]);
                maxJ[c] = Math.max(maxJ[c], o.maxJ[c]);
                maxK[c] = Math.max(maxK[c], o.maxK[c]);
            }
        }

        void copyInto(LabelScan s) {
            int m = count.length;
            System.arraycopy(count, 0, s.count, 0, m);
            System.arraycopy(si, 0, s.si, 0, m);
            System.arraycopy(sj, 0, s.sj, 0, m);
            System.arraycopy(sk, 0, s.sk, 0, m);
            System.arraycopy(sii, 0, s.sii, 0, m);
            System.arraycopy(sjj, 0, s.sjj, 0, m);
            System.arraycopy(skk, 0, s.skk, 0, m);
            System.arraycopy(sij, 0, s.sij, 0, m);
            System.arraycopy(sik, 0, s.sik, 0, m);
            System.arraycopy(sjk, 0, s.sjk, 0, m);
            System.arraycopy(fi, 0, s.facesI, 0, m);
            System.arraycopy(fj, 0, s.facesJ, 0, m);
            System.arraycopy(fk, 0, s.facesK, 0, m);
        }
    }
}
