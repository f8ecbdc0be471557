package org.organ3d.mesh;

/**
 * Per-row bookkeeping of {@link FlyingEdges}: passes 1 to 3. Row r = j + gy·k of the sample grid.
 *
 * <p>Trim of a row: {@code first} = index of its first cut x edge, {@code last} = index of its last cut
 * x edge + 1 (no cut: first = gx-1, last = 0); samples {@code <= first} share the state of sample 0,
 * samples {@code >= last} the state of sample gx-1 ({@code ends}: bit 0 and bit 1).
 *
 * <p>Thread use: {@link #count} for disjoint slabs may run concurrently (each writes only the rows of
 * its own slices; the slice after a slab is classified into thread-local arrays).
 */
final class EdgeRows {

    /** Bits of the case for a column pattern p = A | B<<1 | C<<2 | D<<3 at x = 0 (bit q → bit 2q). */
    static final int[] SPREAD = new int[16];
    /** Cut-edge bit set of each case. */
    static final int[] CUT = new int[256];
    static final int[] TRIS = new int[256];
    /** {@link MarchingCubesCases#flatTable()}. */
    static final int[] TABLE = MarchingCubesCases.flatTable();
    static final int STRIDE = MarchingCubesCases.STRIDE;

    static {
        for (int p = 0; p < 16; p++) {
            int s = 0;
            for (int q = 0; q < 4; q++) {
                s |= ((p >> q) & 1) << (2 * q);
            }
            SPREAD[p] = s;
        }
        for (int c = 0; c < 256; c++) {
            CUT[c] = MarchingCubesCases.cutEdges(c);
            TRIS[c] = MarchingCubesCases.triangleCount(c);
        }
    }

    final SampleGrid g;
    final int[] first;
    final int[] last;
    final byte[] ends;
    final int[] xCut;
    final int[] yCut;
    final int[] zCut;
    final int[] tris;
    /** After {@link #prefixSum()}: first vertex of the row's x, y, z edges and first triangle. */
    final int[] xBase;
    final int[] yBase;
    final int[] zBase;
    final int[] triBase;

    EdgeRows(SampleGrid g) {
        this.g = g;
        int n = g.gy * g.gz;
        first = new int[n];
        last = new int[n];
        ends = new byte[n];
        xCut = new int[n];
        yCut = new int[n];
        zCut = new int[n];
        tris = new int[n];
        xBase = new int[n];
        yBase = new int[n];
        zBase = new int[n];
        triBase = new int[n];
    }

    /** Passes 1 and 2 for grid slices [k0, k1). */
    void count(int k0, int k1) {
        if (k0 >= k1) {
            return;
        }
        int gy = g.gy;
        int n = g.sliceSize();
        float[] vals = g.rawPath() ? null : new float[n];
        float[] scratch = g.pad == 0 ? null : new float[g.volume.nx() * g.volume.ny()];
        byte[] m0 = new byte[n];
        byte[] m1 = new byte[n];
        int[] nFirst = new int[gy];
        int[] nLast = new int[gy];
        byte[] nEnds = new byte[gy];
        int[] nCut = new int[gy];
        Object raw = g.rawPath() ? g.volume.type().newSlice(n) : null;
        read(k0, vals, scratch, raw, m0, first, last, ends, xCut, gy * k0);
        for (int k = k0; k < k1; k++) {
            boolean next = k + 1 < g.gz;
            int o1 = gy * (k + 1);
            int[] f1 = first;
            int[] l1 = last;
            byte[] e1 = ends;
            if (next) {
                if (k + 1 < k1) {
                    read(k + 1, vals, scratch, raw, m1, first, last, ends, xCut, o1);
                } else {
                    // NB: the next slab owns slice k1; its trims are recomputed here into local arrays
                    read(k + 1, vals, scratch, raw, m1, nFirst, nLast, nEnds, nCut, 0);
                    f1 = nFirst;
                    l1 = nLast;
                    e1 = nEnds;
                    o1 = 0;
                }
            }
            countLayer(k, m0, next ? m1 : null, f1, l1, e1, o1);
            byte[] t = m0;
            m0 = m1;
            m1 = t;
        }
    }

    /** Pass 1 for grid slice k by the raw path or the float path. */
    private void read(int k, float[] vals, float[] scratch, Object raw, byte[] m, int[] fst, int[] lst, byte[] end,
            int[] cut, int off) {
        if (raw instanceof short[] sh) {
            g.volume.copySlice(k, sh);
            classify(sh, m, fst, lst, end, cut, off);
        } else if (raw != null) {
            g.loadRaw(k, raw, m);
            classify(m, fst, lst, end, cut, off);
        } else {
            g.load(k, vals, scratch);
            classify(vals, m, fst, lst, end, cut, off);
        }
    }

    /** Pass 1 for one 16-bit slice (raw path): mask through the inside table, cut count and trim per row. */
    private void classify(short[] v, byte[] m, int[] fst, int[] lst, byte[] end, int[] cut, int off) {
        int gx = g.gx;
        byte[] in = g.insideLut;
        for (int j = 0; j < g.gy; j++) {
            int base = j * gx;
            int n = 0;
            int f = gx - 1;
            int l = 0;
            byte prev = in[v[base] & 0xFFFF];
            m[base] = prev;
            for (int i = 1; i < gx; i++) {
                byte b = in[v[base + i] & 0xFFFF];
                m[base + i] = b;
                if (b != prev) {
                    if (n == 0) {
                        f = i - 1;
                    }
                    n++;
                    l = i;
                    prev = b;
                }
            }
            fst[off + j] = f;
            lst[off + j] = l;
            end[off + j] = (byte) (m[base] | m[base + gx - 1] << 1);
            cut[off + j] = n;
        }
    }

    /** Pass 1 for one slice whose mask is already computed: cut x-edge count and trim per row. */
    private void classify(byte[] m, int[] fst, int[] lst, byte[] end, int[] cut, int off) {
        int gx = g.gx;
        for (int j = 0; j < g.gy; j++) {
            int base = j * gx;
            int n = 0;
            int f = gx - 1;
            int l = 0;
            byte prev = m[base];
            for (int i = 1; i < gx; i++) {
                byte b = m[base + i];
                if (b != prev) {
                    if (n == 0) {
                        f = i - 1;
                    }
                    n++;
                    l = i;
                    prev = b;
                }
            }
            fst[off + j] = f;
            lst[off + j] = l;
            end[off + j] = (byte) (m[base] | m[base + gx - 1] << 1);
            cut[off + j] = n;
        }
    }

    /**
     * Pass 1 for one slice: the inside mask ({@code value >= iso}, 0/1) into {@code m}, and per row
     * the cut x-edge count and trim.
     */
    private void classify(float[] v, byte[] m, int[] fst, int[] lst, byte[] end, int[] cut, int off) {
        int gx = g.gx;
        float iso = g.iso;
        for (int j = 0; j < g.gy; j++) {
            int base = j * gx;
            int n = 0;
            int f = gx - 1;
            int l = 0;
            byte prev = v[base] >= iso ? (byte) 1 : (byte) 0;
            m[base] = prev;
            for (int i = 1; i < gx; i++) {
                byte b = v[base + i] >= iso ? (byte) 1 : (byte) 0;
                m[base + i] = b;
                if (b != prev) {
                    if (n == 0) {
                        f = i - 1;
                    }
                    n++;
                    l = i;
                    prev = b;
                }
            }
            fst[off + j] = f;
            lst[off + j] = l;
            end[off + j] = (byte) (m[base] | m[base + gx - 1] << 1);
            cut[off + j] = n;
        }
    }

    /**
     * Pass 2 for slice k: y edges of its rows, z edges to slice k+1 and triangles of cube layer k.
     * Trims of slice k+1 come from {@code f1, l1, e1} at offset {@code o1}. Where a row bounds a row of
     * cubes, its y and z edges are counted in the same sweep as the cubes (the cube range contains
     * both edge ranges); the last row and the last slice have their own loops.
     */
    private void countLayer(int k, byte[] m0, byte[] m1, int[] f1, int[] l1, byte[] e1, int o1) {
        int gx = g.gx;
        int gy = g.gy;
        int o0 = gy * k;
        for (int j = 0; j < gy; j++) {
            int r = o0 + j;
            int a = j * gx;
            if (j + 1 < gy && m1 != null) {
                countCubeRow(m0, m1, j, r, f1, l1, e1, o1 + j);
                continue;
            }
            if (j + 1 < gy) {
                long range = pairRange(first[r], last[r], ends[r], first[r + 1], last[r + 1], ends[r + 1], gx);
                int n = 0;
                int b = a + gx;
                for (int i = (int) (range >> 32), hi = (int) range; i <= hi; i++) {
                    n += m0[a + i] ^ m0[b + i];
                }
                yCut[r] = n;
            }
            if (m1 != null) {
                long range = pairRange(first[r], last[r], ends[r], f1[o1 + j], l1[o1 + j], e1[o1 + j], gx);
                int n = 0;
                for (int i = (int) (range >> 32), hi = (int) range; i <= hi; i++) {
                    n += m0[a + i] ^ m1[a + i];
                }
                zCut[r] = n;
            }
        }
    }

    /** Triangles of cube row (j, k) and the cut y and z edges of row r = (j, k), in one sweep. */
    private void countCubeRow(byte[] m0, byte[] m1, int j, int r, int[] f1, int[] l1, byte[] e1, int q) {
        int gx = g.gx;
        long range = cubeRange(r, f1, l1, e1, q);
        int lo = (int) (range >> 32);
        int hi = (int) range;
        if (lo >= hi) {
            yCut[r] = 0;
            zCut[r] = 0;
            tris[r] = 0;
            return;
        }
        int a = j * gx;
        int b = a + gx;
        // column pattern p = A | B<<1 | C<<2 | D<<3 (rows j, j+1 of slice k, then of slice k+1)
        int p = m0[a + lo] | m0[b + lo] << 1 | m1[a + lo] << 2 | m1[b + lo] << 3;
        int nt = 0;
        int ny = 0;
        int nz = 0;
        for (int i = lo; i < hi; i++) {
            int pn = m0[a + i + 1] | m0[b + i + 1] << 1 | m1[a + i + 1] << 2 | m1[b + i + 1] << 3;
            if (p != pn || (p != 0 && p != 15)) {
                ny += (p ^ p >> 1) & 1;
                nz += (p ^ p >> 2) & 1;
                nt += TRIS[SPREAD[p] | SPREAD[pn] << 1];
            }
            p = pn;
        }
        ny += (p ^ p >> 1) & 1;
        nz += (p ^ p >> 2) & 1;
        yCut[r] = ny;
        zCut[r] = nz;
        tris[r] = nt;
    }

    /**
     * Cubes [lo, hi) (packed {@code lo << 32 | hi}) of the cube row bounded by rows r, r+1 (slice k) and q, q+1 (slice k+1, in
     * {@code f1, l1, e1}) that can hold surface; outside it every cube is all inside or all outside.
     */
    long cubeRange(int r, int[] f1, int[] l1, byte[] e1, int q) {
        int lo = Math.min(Math.min(first[r], first[r + 1]), Math.min(f1[q], f1[q + 1]));
        int hi = Math.max(Math.max(last[r], last[r + 1]), Math.max(l1[q], l1[q + 1]));
        int e = ends[r];
        int or = ends[r + 1] ^ e | e1[q] ^ e | e1[q + 1] ^ e;
        if ((or & 1) != 0) {
            lo = 0;
        }
        if ((or & 2) != 0) {
            hi = g.gx - 1;
        }
        return (long) lo << 32 | hi;
    }

    /**
     * Samples [lo, hi] (packed {@code lo << 32 | hi}) of two rows that can differ from each other;
     * outside it both rows are constant, and equal unless the range was widened to the row's end.
     */
    static long pairRange(int fa, int la, int ea, int fb, int lb, int eb, int gx) {
        int lo = Math.min(fa, fb);
        int hi = Math.max(la, lb);
        if (((ea ^ eb) & 1) != 0) {
            lo = 0;
        }
        if (((ea ^ eb) & 2) != 0) {
            hi = gx - 1;
        }
        return (long) lo << 32 | hi;
    }

    /**
     * Pass 3: vertex and triangle offsets per row; returns {vertices, triangles}. Offsets are only
     * meaningful when both totals fit the output arrays (the caller checks).
     */
    long[] prefixSum() {
        long v = 0;
        long t = 0;
        for (int r = 0; r < xCut.length; r++) {
            xBase[r] = (int) v;
            v += xCut[r];
            yBase[r] = (int) v;
            v += yCut[r];
            zBase[r] = (int) v;
            v += zCut[r];
            triBase[r] = (int) t;
            t += tris[r];
        }
        return new long[] {v, t};
    }
}
