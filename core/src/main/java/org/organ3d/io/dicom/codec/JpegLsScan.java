package org.organ3d.io.dicom.codec;

/**
 * The context-modelling decoder of one JPEG-LS scan (ITU-T T.87 Annex A), see {@link JpegLsDecoder}.
 *
 * <p>Regular mode: local gradients D1..D3 are quantised with T1..T3 into one of 365 contexts; the
 * median edge detector predicts, the context's bias C corrects, and the error comes as a
 * limited-length Golomb code with k from A/N (A.4–A.6). Run mode: when all gradients are within
 * NEAR, run lengths are coded with the adaptive J table, and the sample that ends a run early is
 * coded in one of two run-interruption contexts (A.7). Contexts are shared by all components of a
 * scan; the run index is kept per component in line-interleaved scans. In sample-interleaved scans a
 * pixel enters run mode only when all its components do, and an interrupted run codes each component
 * in the RItype 0 context (the behaviour of CharLS, which dcmtk and GDCM use).
 *
 * <p>One instance per scan; not thread-safe.
 */
final class JpegLsScan {

    private static final String NAME = JpegLsDecoder.NAME;
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10,
        11, 12, 13, 14, 15};

    private final JpegLsBitReader in;
    private final int maxVal;
    private final int t1;
    private final int t2;
    private final int t3;
    private final int reset;
    private final int near;
    private final int range;
    private final int qbpp;
    private final int limit;
    private final int step;
    /** Regular contexts 0..364, run-interruption contexts 365 (RItype 0) and 366 (RItype 1). */
    private final int[] a = new int[367];
    private final int[] n = new int[367];
    private final int[] b = new int[365];
    private final int[] c = new int[365];
    private final int[] nn = new int[2];
    /** quantize(d) for d in -maxVal..maxVal, at index d + maxVal (the CharLS lookup idea). */
    private final byte[] quant;
    private int runIndex;

    JpegLsScan(JpegLsBitReader in, int maxVal, int[] thresholds, int reset, int near) {
        this.in = in;
        this.maxVal = maxVal;
        this.t1 = thresholds[0];
        this.t2 = thresholds[1];
        this.t3 = thresholds[2];
        this.reset = reset;
        this.near = near;
        this.step = 2 * near + 1;
        this.range = (maxVal + 2 * near) / step + 1;
        this.qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxVal));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        int a0 = Math.max(2, (range + 32) >> 6);
        java.util.Arrays.fill(a, a0);
        java.util.Arrays.fill(n, 1);
        quant = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) {
            quant[d + maxVal] = (byte) quantize(d);
        }
    }

    int runIndex() {
        return runIndex;
    }

    void runIndex(int value) {
        runIndex = value;
    }

    /**
     * Decodes one line of one component. {@code cur} and {@code prev} hold the line at [1..w] with
     * room for the x = -1 and x = w neighbours at 0 and w + 1.
     */
    void line(int[] cur, int[] prev, int w) throws CodecException {
        cur[0] = prev[1];
        prev[w + 1] = prev[w];
        int x = 0;
        while (x < w) {
            int ra = cur[x];
            int rb = prev[x + 1];
            int rc = prev[x];
            int rd = prev[x + 2];
            int q = context(rd - rb, rb - rc, rc - ra);
            if (q == 0) {
                x = run(cur, prev, x, w, ra);
            } else {
                cur[x + 1] = regular(q, ra, rb, rc);
                x++;
            }
        }
    }

    /** Decodes one line of a sample-interleaved scan: {@code cur[k]}, {@code prev[k]} per component. */
    void lineInterleaved(int[][] cur, int[][] prev, int w) throws CodecException {
        int nc = cur.length;
        for (int k = 0; k < nc; k++) {
            cur[k][0] = prev[k][1];
            prev[k][w + 1] = prev[k][w];
        }
        int[] q = new int[nc];
        int x = 0;
        while (x < w) {
            boolean flat = true;
            for (int k = 0; k < nc; k++) {
                int[] p = prev[k];
                q[k] = context(p[x + 2] - p[x + 1], p[x + 1] - p[x], p[x] - cur[k][x]);
                flat &= q[k] == 0;
            }
            if (flat) {
                x = runInterleaved(cur, prev, x, w);
            } else {
                for (int k = 0; k < nc; k++) {
                    cur[k][x + 1] = regular(q[k], cur[k][x], prev[k][x + 1], prev[k][x]);
                }
                x++;
            }
        }
    }

    private int context(int d1, int d2, int d3) {
        return 81 * quant[d1 + maxVal] + 9 * quant[d2 + maxVal] + quant[d3 + maxVal];
    }

    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        } else if (d <= -t2) {
            return -3;
        } else if (d <= -t1) {
            return -2;
        } else if (d < -near) {
            return -1;
        } else if (d <= near) {
            return 0;
        } else if (d < t1) {
            return 1;
        } else if (d < t2) {
            return 2;
        } else if (d < t3) {
            return 3;
        }
        return 4;
    }

    private int regular(int qSigned, int ra, int rb, int rc) throws CodecException {
        int sign = qSigned < 0 ? -1 : 1;
        int q = qSigned * sign;
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px += sign * c[q];
        px = px < 0 ? 0 : Math.min(px, maxVal);
        int k = golombK(n[q], a[q]);
        int m = golomb(k, limit);
        int err = (m >>> 1) ^ -(m & 1);
        if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) {
            err = -err - 1;
        }
        int bq = b[q] + err * step;
        int aq = a[q] + Math.abs(err);
        int nq = n[q];
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1;
            nq >>= 1;
        }
        nq++;
        if (bq + nq <= 0) {
            bq += nq;
            if (bq <= -nq) {
                bq = -nq + 1;
            }
            if (c[q] > -128) {
                c[q]--;
            }
        } else if (bq > 0) {
            bq -= nq;
            if (bq > 0) {
                bq = 0;
            }
            if (c[q] < 127) {
                c[q]++;
            }
        }
        a[q] = aq;
        b[q] = bq;
        n[q] = nq;
        return reconstruct(px, sign * err);
    }

    /** Run mode of a single component from pixel x (A.7.1); returns the next pixel to decode. */
    private int run(int[] cur, int[] prev, int x, int w, int ra) throws CodecException {
        int count = runLength(w - x);
        for (int i = 1; i <= count; i++) {
            cur[x + i] = ra;
        }
        x += count;
        if (x == w) {
            return x;
        }
        int rb = prev[x + 1];
        if (Math.abs(ra - rb) <= near) {
            cur[x + 1] = reconstruct(ra, interruption(1));
        } else {
            int err = interruption(0);
            cur[x + 1] = reconstruct(rb, rb < ra ? -err : err);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return x + 1;
    }

    private int runInterleaved(int[][] cur, int[][] prev, int x, int w) throws CodecException {
        int nc = cur.length;
        int count = runLength(w - x);
        for (int k = 0; k < nc; k++) {
            int ra = cur[k][x];
            for (int i = 1; i <= count; i++) {
                cur[k][x + i] = ra;
            }
        }
        x += count;
        if (x == w) {
            return x;
        }
        for (int k = 0; k < nc; k++) {
            int ra = cur[k][x];
            int rb = prev[k][x + 1];
            int err = interruption(0);
            cur[k][x + 1] = reconstruct(rb, rb < ra ? -err : err);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return x + 1;
    }

    /** Decodes a run length of at most {@code remaining} samples (A.7.1.2). */
    private int runLength(int remaining) throws CodecException {
        int count = 0;
        while (in.readBit()) {
            int full = 1 << J[runIndex];
            int take = Math.min(full, remaining - count);
            count += take;
            if (take == full && runIndex < 31) {
                runIndex++;
            }
            if (count == remaining) {
                return count;
            }
        }
        count += in.read(J[runIndex]);
        if (count > remaining) {
            throw CodecException.at(NAME, in.position(), "run of " + count + " samples passes the end of the line");
        }
        return count;
    }

    /** The error of a run-interruption sample in context 365 + riType, with its update (A.7.2). */
    private int interruption(int riType) throws CodecException {
        int ctx = 365 + riType;
        int temp = a[ctx] + (riType == 1 ? n[ctx] >> 1 : 0);
        int k = golombK(n[ctx], temp);
        int em = golomb(k, limit - J[runIndex] - 1);
        int t = em + riType;
        int map = t & 1;
        int abs = (t + map) >> 1;
        boolean negative = (k != 0 || 2 * nn[riType] >= n[ctx]) == (map == 1);
        int err = negative ? -abs : abs;
        if (err < 0) {
            nn[riType]++;
        }
        a[ctx] += (em + 1 - riType) >> 1;
        if (n[ctx] == reset) {
            a[ctx] >>= 1;
            n[ctx] >>= 1;
            nn[riType] >>= 1;
        }
        n[ctx]++;
        return err;
    }

    /** Smallest k with N·2^k ≥ A (T.87 A.5.1), from the operands' bit lengths instead of a loop. */
    private int golombK(int nq, int aq) throws CodecException {
        int k = Integer.numberOfLeadingZeros(nq) - Integer.numberOfLeadingZeros(aq);
        if (k < 0) {
            k = 0;
        } else if ((long) nq << k < aq) {
            k++;
        }
        if (k > 24) {
            throw CodecException.at(NAME, in.position(), "Golomb parameter " + k + " out of range (corrupt stream)");
        }
        return k;
    }

    /** Limited-length Golomb code (A.5.3): unary prefix, k bits, or the qbpp-bit escape. */
    private int golomb(int k, int lim) throws CodecException {
        int escape = lim - qbpp - 1;
        int u = in.readUnary(escape + 1);
        if (u < escape) {
            return u << k | in.read(k);
        }
        if (u == escape) {
            return in.read(qbpp) + 1;
        }
        throw CodecException.at(NAME, in.position(), "Golomb code longer than LIMIT (corrupt stream)");
    }

    private int reconstruct(int px, int err) {
        int rx = px + err * step;
        if (rx < -near) {
            rx += range * step;
        } else if (rx > maxVal + near) {
            rx -= range * step;
        }
        return rx < 0 ? 0 : Math.min(rx, maxVal);
    }

    boolean overrun() {
        return in.overrun();
    }
}
