package org.organ3d.mesh;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

/**
 * Per-row bookkeeping of {@link FlyingEdges}: passes 1 to 3. Row r = j + gy·k of the sample grid.
 *
 * <p>Inside bits: one bit per sample ({@code value >= iso}), {@link #words} longs per row, sample i in
 * bit {@code i & 63} of word {@code i >>> 6}; bits past the row's end are 0. For a row's word a, the
 * word of the samples one step along x is {@code a >>> 1 | next << 63} ({@link #shifted}); cut x edges
 * are {@code a ^ shifted(a)}, cut y and z edges {@code a ^ b} with the row one step along y or z, and
 * the cubes of a row of cubes that are not all inside or all outside are found 64 at a time
 * ({@link #mixed}). The whole grid's bits take one bit per sample (32 MB for 512×512×1000).
 *
 * <p>Thread use: {@link #classifyAndCount} for disjoint slabs may run concurrently (each writes only
 * the rows of its own slices); {@link #count} of a slab's last layer needs the next slab's first slice.
 */
final class EdgeRows {

    /** Cut-edge bit set of each case. */
    static final int[] CUT = new int[256];
    static final int[] TRIS = new int[256];
    /** {@link MarchingCubesCases#flatTable()}. */
    static final int[] TABLE = MarchingCubesCases.flatTable();
    static final int STRIDE = MarchingCubesCases.STRIDE;

    static {
        for (int c = 0; c < 256; c++) {
            CUT[c] = MarchingCubesCases.cutEdges(c);
            TRIS[c] = MarchingCubesCases.triangleCount(c);
        }
    }

    final SampleGrid g;
    /** Longs per row. */
    final int words;
    /** Inside bits of every row, row r at {@code r * words}. */
    final long[] bits;
    /** Valid cubes (i <= gx - 2) in a row's last word. */
    final long tailCubes;
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
        words = (g.gx + 63) >>> 6;
        if ((long) n * words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid of " + g.gx + "x" + g.gy + "x" + g.gz + " samples is too large");
        }
        bits = new long[n * words];
        int tail = g.gx - 1 - 64 * (words - 1);
        tailCubes = tail == 64 ? -1L : (1L << tail) - 1;
        xCut = new int[n];
        yCut = new int[n];
        zCut = new int[n];
        tris = new int[n];
        xBase = new int[n];
        yBase = new int[n];
        zBase = new int[n];
        triBase = new int[n];
    }

    /** Word {@code w} of a row (at {@code o}) moved one sample down: bit t is sample 64w + t + 1. */
    static long shifted(long[] bits, int o, int w, int words) {
        long a = bits[o + w] >>> 1;
        return w + 1 < words ? a | bits[o + w + 1] << 63 : a;
    }

    /** Cubes of word w that are valid (i <= gx - 2). */
    long cubeMask(int w) {
        return w + 1 < words ? -1L : tailCubes;
    }

    /**
     * Case (corner c = bit c, {@link MarchingCubesCases} numbering) of the cube at bit t &lt; 63 of the
     * words a, b (row + 1 along y), c (+1 along z), d (+1 along y and z) of four rows: each row gives
     * the two corners at bits t and t + 1.
     */
    static int cubeCase(int t, long a, long b, long c, long d) {
        return (int) (a >>> t & 3) | (int) (b >>> t & 3) << 2 | (int) (c >>> t & 3) << 4 | (int) (d >>> t & 3) << 6;
    }

    /** Case of the cube at bit 63 of word w of the row of cubes whose first row starts at {@code oa}. */
    int lastCubeCase(int oa, int w, int words) {
        int ob = oa + words;
        int oc = oa + g.gy * words;
        int od = oc + words;
        return corners(oa, w) | corners(ob, w) << 2 | corners(oc, w) << 4 | corners(od, w) << 6;
    }

    /** Samples 64w + 63 and 64w + 64 of the row at {@code o} as bits 0 and 1. */
    private int corners(int o, int w) {
        return (int) (bits[o + w] >>> 63) | (int) (bits[o + w + 1] & 1) << 1;
    }

    /**
     * Cubes of word w of a row of cubes that have corners on both sides: {@code x} is the word's column
     * mix {@code (a^b)|(a^c)|(a^d)}, {@code xn} the next word's (0 past the end), {@code a, a2} row r's
     * word and shifted word.
     */
    long mixed(int w, long x, long xn, long a, long a2) {
        return (x | x >>> 1 | xn << 63 | a ^ a2) & cubeMask(w);
    }

    /**
     * Passes 1 and 2 for grid slices [k0, k1): classifies each slice, and counts cube layer k-1 as soon
     * as slice k is classified; layer k1-1 is left for {@link #count} once slice k1 exists.
     */
    void classifyAndCount(int k0, int k1) {
        if (k0 >= k1) {
            return;
        }
        int gx = g.gx;
        boolean raw = g.rawPath();
        boolean shorts = raw && g.volume.type().bytes() == 2;
        short[] shortRow = shorts ? new short[gx] : null;
        byte[] byteRow = raw && !shorts ? new byte[gx] : null;
        float[] vals = raw ? null : new float[g.sliceSize()];
        float[] scratch = !raw && g.pad != 0 ? new float[g.volume.nx() * g.volume.ny()] : null;
        for (int k = k0; k < k1; k++) {
            classifySlice(k, shortRow, byteRow, vals, scratch);
            if (k > k0) {
                count(k - 1, k);
            }
        }
    }

    // NB: one method per slice and per row (not one loop nest per slab) so that the JIT compiles them
    // normally after a few calls instead of through on-stack replacement of a long-running loop.
    private void classifySlice(int k, short[] shortRow, byte[] byteRow, float[] vals, float[] scratch) {
        int gx = g.gx;
        ShortBuffer sb = shortRow != null ? (ShortBuffer) g.volume.slice(k) : null;
        ByteBuffer bb = byteRow != null ? (ByteBuffer) g.volume.slice(k) : null;
        if (vals != null) {
            g.load(k, vals, scratch);
        }
        for (int j = 0; j < g.gy; j++) {
            int r = g.gy * k + j;
            int o = r * words;
            int base = j * gx;
            if (sb != null) {
                // NB: one row at a time from the volume's own slice: the row stays in L1 while packed
                sb.get(base, shortRow, 0, gx);
                packShorts(shortRow, o);
            } else if (bb != null) {
                bb.get(base, byteRow, 0, gx);
                packBytes(byteRow, o);
            } else {
                packFloats(vals, base, o);
            }
            int c = 0;
            for (int w = 0; w < words; w++) {
                c += Long.bitCount((bits[o + w] ^ shifted(bits, o, w, words)) & cubeMask(w));
            }
            xCut[r] = c;
        }
    }

    private void packFloats(float[] v, int base, int o) {
        float iso = g.iso;
        int end = base + g.gx;
        for (int w = 0, i0 = base; w < words; w++, i0 += 64) {
            int m = Math.min(64, end - i0);
            long word = 0;
            for (int b = 0; b < m; b++) {
                if (v[i0 + b] >= iso) {
                    word |= 1L << b;
                }
            }
            bits[o + w] = word;
        }
    }

    /**
     * Inside bits of one row of stored 16-bit values. {@code ((key - lo) | (hi - key)) >>> 31} is 1
     * exactly when the key is outside [lo, hi]; with hi the largest key (a threshold) a full word
     * takes {@link #atLeast(short[], int, int, int)} on the stored value itself (the key's sign flip
     * of unsigned types moved into the bound).
     */
    private void packShorts(short[] v, int o) {
        int gx = g.gx;
        int lo = g.insideLo;
        int hi = g.insideHi;
        int flip = g.keyFlip;
        boolean threshold = g.interval && hi == Short.MAX_VALUE;
        byte[] lut = g.insideLut;
        for (int w = 0, i0 = 0; w < words; w++, i0 += 64) {
            int m = Math.min(64, gx - i0);
            long word;
            if (m == 64 && threshold) {
                word = flip == 0 ? atLeast(v, i0, lo, -1) : atLeast(v, i0, lo - flip, 0xFFFF);
            } else if (g.interval) {
                long out = 0;
                for (int b = 0; b < m; b++) {
                    int key = v[i0 + b] ^ flip;
                    out |= (long) (((key - lo) | (hi - key)) >>> 31) << b;
                }
                word = ~out & (m == 64 ? -1L : (1L << m) - 1);
            } else {
                word = 0;
                for (int b = 0; b < m; b++) {
                    word |= (long) lut[v[i0 + b] & 0xFFFF] << b;
                }
            }
            bits[o + w] = word;
        }
    }

    /**
     * Bit b set when {@code (v[i0 + b] & mask) >= lo}, b = 0..63; mask -1 for signed values, 0xFFFF
     * for unsigned ones (call sites pass constants, so the mask folds into the load).
     * {@code (value - lo) >>> 31} is 1 below lo, accumulated as {@code o = 2 * o + bit} from the word's
     * last sample down (one address-arithmetic instruction per sample), in two 32-bit halves so that
     * the two dependency chains overlap; the complement is the inside word.
     */
    // NB: comparing the stored value itself, with the sign flip of unsigned types moved into the bound
    // and the mask, made pass 1 about 20 % faster than comparing flipped keys.
    private static long atLeast(short[] v, int i0, int lo, int mask) {
        int o0 = 0;
        int o1 = 0;
        for (int b = 31; b >= 0; b--) {
            o0 = 2 * o0 + (((v[i0 + b] & mask) - lo) >>> 31);
            o1 = 2 * o1 + (((v[i0 + 32 + b] & mask) - lo) >>> 31);
        }
        return ~(o0 & 0xFFFFFFFFL | (long) o1 << 32);
    }

    /** As {@link #atLeast(short[], int, int, int)} for 8-bit values (mask -1 or 0xFF). */
    // NB: a copy for byte[], for the reason given at packBytes.
    private static long atLeast(byte[] v, int i0, int lo, int mask) {
        int o0 = 0;
        int o1 = 0;
        for (int b = 31; b >= 0; b--) {
            o0 = 2 * o0 + (((v[i0 + b] & mask) - lo) >>> 31);
            o1 = 2 * o1 + (((v[i0 + 32 + b] & mask) - lo) >>> 31);
        }
        return ~(o0 & 0xFFFFFFFFL | (long) o1 << 32);
    }

    /** As {@link #packShorts} for one row of stored 8-bit values. */
    // NB: a copy of packShorts for byte[] on purpose: Java has no generics over primitive arrays, and
    // a shared accessor (a lambda or a Buffer view) costs more than pass 1 itself in this loop.
    private void packBytes(byte[] v, int o) {
        int gx = g.gx;
        int lo = g.insideLo;
        int hi = g.insideHi;
        int flip = g.keyFlip;
        boolean threshold = g.interval && hi == Byte.MAX_VALUE;
        byte[] lut = g.insideLut;
        for (int w = 0, i0 = 0; w < words; w++, i0 += 64) {
            int m = Math.min(64, gx - i0);
            long word;
            if (m == 64 && threshold) {
                word = flip == 0 ? atLeast(v, i0, lo, -1) : atLeast(v, i0, lo - flip, 0xFF);
            } else if (g.interval) {
                long out = 0;
                for (int b = 0; b < m; b++) {
                    int key = v[i0 + b] ^ flip;
                    out |= (long) (((key - lo) | (hi - key)) >>> 31) << b;
                }
                word = ~out & (m == 64 ? -1L : (1L << m) - 1);
            } else {
                word = 0;
                for (int b = 0; b < m; b++) {
                    word |= (long) lut[v[i0 + b] & 0xFF] << b;
                }
            }
            bits[o + w] = word;
        }
    }

    /**
     * Pass 2 for cube layers [k0, k1): cut y and z edges of every row, triangles of every row of cubes;
     * needs the bits of slices k0..k1.
     */
    void count(int k0, int k1) {
        int gy = g.gy;
        for (int k = k0; k < k1; k++) {
            boolean zRow = k + 1 < g.gz;
            for (int j = 0; j < gy; j++) {
                if (j + 1 < gy && zRow) {
                    countCubeRow(gy * k + j);
                } else {
                    countEdges(gy * k + j, j + 1 < gy, zRow);
                }
            }
        }
    }

    /** Cut y and/or z edges of a row that bounds no row of cubes. */
    private void countEdges(int r, boolean yRow, boolean zRow) {
        int oa = r * words;
        int ob = oa + words;
        int oc = oa + g.gy * words;
        int ny = 0;
        int nz = 0;
        for (int w = 0; w < words; w++) {
            long a = bits[oa + w];
            ny += yRow ? Long.bitCount(a ^ bits[ob + w]) : 0;
            nz += zRow ? Long.bitCount(a ^ bits[oc + w]) : 0;
        }
        yCut[r] = ny;
        zCut[r] = nz;
        tris[r] = 0;
    }

    /** Triangles of the row of cubes (j, k) and the cut y and z edges of row r = (j, k). */
    private void countCubeRow(int r) {
        int[] tri = TRIS;
        int oa = r * words;
        int ob = oa + words;
        int oc = oa + g.gy * words;
        int od = oc + words;
        int ny = 0;
        int nz = 0;
        int nt = 0;
        long xn = bits[oa] ^ bits[ob] | bits[oa] ^ bits[oc] | bits[oa] ^ bits[od];
        for (int w = 0; w < words; w++) {
            long a = bits[oa + w];
            long b = bits[ob + w];
            long c = bits[oc + w];
            long d = bits[od + w];
            long x = xn;
            xn = w + 1 < words ? bits[oa + w + 1] ^ bits[ob + w + 1] | bits[oa + w + 1] ^ bits[oc + w + 1]
                    | bits[oa + w + 1] ^ bits[od + w + 1] : 0L;
            ny += Long.bitCount(a ^ b);
            nz += Long.bitCount(a ^ c);
            long a2 = shifted(bits, oa, w, words);
            long mix = mixed(w, x, xn, a, a2);
            if (mix == 0) {
                continue;
            }
            do {
                int t = Long.numberOfTrailingZeros(mix);
                mix &= mix - 1;
                nt += tri[t < 63 ? cubeCase(t, a, b, c, d) : lastCubeCase(oa, w, words)];
            } while (mix != 0);
        }
        yCut[r] = ny;
        zCut[r] = nz;
        tris[r] = nt;
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
