package org.organ3d.io.dicom.codec;

/**
 * JPEG extended sequential DCT at 12-bit precision, Huffman coded (ITU-T T.81 process 4, SOF1), for
 * greyscale frames: the DICOM default of transfer syntax 1.2.840.10008.1.2.4.51, which the JDK's
 * 8-bit ImageIO reader cannot decode.
 *
 * <p>Pass 1, headers: DQT (8- or 16-bit entries), DHT, DRI and SOF1 are parsed with every length
 * checked; the frame must be one component matching the DICOM pixel module.
 *
 * <p>Pass 2, entropy decoding (T.81 F.2.2): per 8×8 block, a DC difference added to the running
 * predictor (reset at restart markers) and run-length/size AC symbols up to EOB, dequantised in
 * zig-zag order.
 *
 * <p>Pass 3, inverse DCT (T.81 A.3.3) in double precision, separable (rows then columns), then the
 * level shift 2^(P−1), rounding and clamping to 0..4095; blocks are cropped at the right and bottom
 * edges.
 *
 * <p>Caveats: colour and multi-scan (progressive, spectral selection) 12-bit streams are rejected
 * with a {@link CodecException}; they do not occur in DICOM in practice. The IDCT is exact to
 * double precision, so results can differ by a grey level from libjpeg's integer IDCT (this is a
 * lossy syntax).
 */
final class JpegExtended12 {

    static final String NAME = "JPEG Extended 12-bit";

    /** Zig-zag index k → natural (row-major) index in the 8×8 block. */
    private static final int[] NATURAL = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40,
        48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
        59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    /** C(u)/2 · cos((2x+1)uπ/16), indexed [x][u]. */
    private static final double[][] BASIS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double cu = u == 0 ? Math.sqrt(0.5) : 1.0;
                BASIS[x][u] = 0.5 * cu * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private JpegExtended12() {
    }

    static int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        JpegMarkerReader r = new JpegMarkerReader(data, NAME);
        r.expectSoi();
        int[][] quant = new int[4][];
        JpegHuffmanTable[] dc = new JpegHuffmanTable[4];
        JpegHuffmanTable[] ac = new JpegHuffmanTable[4];
        JpegFrameHeader frame = null;
        int restartInterval = 0;
        for (int marker = r.nextMarker(); marker >= 0 && marker != JpegMarkerReader.EOI; marker = r.nextMarker()) {
            int at = r.position();
            if (marker == 0xC1) {
                frame = JpegFrameHeader.read(r, marker, NAME);
                frame.check(spec, NAME, at);
                if (frame.ids().length != 1 || frame.precision() != 12 || frame.lines() == 0) {
                    throw CodecException.at(NAME, at, "only single-component 12-bit frames with a line count are "
                            + "supported (" + frame.ids().length + " components, " + frame.precision() + " bits)");
                }
            } else if (marker == JpegMarkerReader.DQT) {
                readQuant(r, quant);
            } else if (marker == JpegMarkerReader.DHT) {
                readHuffman(r, dc, ac);
            } else if (marker == JpegMarkerReader.DRI) {
                restartInterval = r.restartInterval();
            } else if (marker == JpegMarkerReader.SOS) {
                if (frame == null) {
                    throw CodecException.at(NAME, at, "scan before the SOF1 frame header");
                }
                JpegScanHeader scan = JpegScanHeader.read(r, frame, NAME);
                // NB: Ss, Se, Ah and Al are ignored, as libjpeg does for sequential frames: some encoders
                // wrote Se = 0 (pydicom's JPEG-lossy.dcm, NEMA WG04 NM1_JPLY), and SOF1 allows nothing else.
                int[] q = quant[frame.quantTable()[0] & 3];
                JpegHuffmanTable d = dc[scan.dcTable()[0] & 3];
                JpegHuffmanTable a = ac[scan.acTable()[0] & 3];
                if (q == null || d == null || a == null || scan.dcTable()[0] > 3 || scan.acTable()[0] > 3) {
                    throw CodecException.at(NAME, at, "scan uses a quantisation or Huffman table that was not defined");
                }
                return decodeScan(data, scan.dataStart(), spec, q, d, a, restartInterval);
            } else if (marker >= 0xD0 && marker <= 0xD7) {
                throw CodecException.at(NAME, at - 2, "restart marker outside a scan");
            } else {
                r.segment();
            }
        }
        throw CodecException.at(NAME, data.length, "no scan in the stream");
    }

    private static void readQuant(JpegMarkerReader r, int[][] quant) throws CodecException {
        int p = r.segment();
        int end = p + r.payloadLength(p);
        while (p < end) {
            int pq = r.u8(p) >> 4;
            int tq = r.u8(p) & 15;
            int size = pq == 0 ? 64 : 128;
            if (tq > 3 || pq > 1 || p + 1 + size > end) {
                throw CodecException.at(NAME, p, "bad quantisation table (precision " + pq + ", id " + tq + ")");
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = pq == 0 ? r.u8(p + 1 + k) : r.u16(p + 1 + 2 * k);
            }
            quant[tq] = q;
            p += 1 + size;
        }
    }

    private static void readHuffman(JpegMarkerReader r, JpegHuffmanTable[] dc, JpegHuffmanTable[] ac)
            throws CodecException {
        int p = r.segment();
        int end = p + r.payloadLength(p);
        int[] used = new int[1];
        while (p < end) {
            int tc = r.u8(p) >> 4;
            int th = r.u8(p) & 15;
            if (tc > 1 || th > 3) {
                throw CodecException.at(NAME, p, "bad Huffman table class " + tc + " / id " + th);
            }
            JpegHuffmanTable t = JpegHuffmanTable.read(r, p + 1, end, NAME, used);
            (tc == 0 ? dc : ac)[th] = t;
            p += 1 + used[0];
        }
    }

    private static int[] decodeScan(byte[] data, int start, FrameSpec spec, int[] q, JpegHuffmanTable dcTable,
            JpegHuffmanTable acTable, int restartInterval) throws CodecException {
        int w = spec.columns();
        int h = spec.rows();
        int bw = (w + 7) / 8;
        int bh = (h + 7) / 8;
        int[] out = new int[w * h];
        JpegBitReader in = new JpegBitReader(data, start, NAME);
        double[] coef = new double[64];
        double[] tmp = new double[64];
        int pred = 0;
        int blocks = 0;
        int nextRst = 0;
        int mask = (1 << spec.bitsStored()) - 1;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                if (restartInterval != 0 && blocks == restartInterval) {
                    in.restart(nextRst);
                    nextRst = (nextRst + 1) & 7;
                    blocks = 0;
                    pred = 0;
                }
                java.util.Arrays.fill(coef, 0);
                int t = symbol(in, dcTable);
                if (t > 15) {
                    throw CodecException.at(NAME, in.position(), "DC category " + t + " above 15");
                }
                pred += t == 0 ? 0 : JpegLossless.extend(in.read(t), t);
                coef[0] = (double) pred * q[0];
                for (int k = 1; k < 64; k++) {
                    int rs = symbol(in, acTable);
                    int run = rs >> 4;
                    int size = rs & 15;
                    if (size == 0) {
                        if (run != 15) {
                            break;
                        }
                        k += 15;
                        continue;
                    }
                    k += run;
                    if (k > 63) {
                        throw CodecException.at(NAME, in.position(), "AC coefficients run past the end of the block");
                    }
                    coef[NATURAL[k]] = (double) JpegLossless.extend(in.read(size), size) * q[k];
                }
                idctInto(coef, tmp, out, bx * 8, by * 8, w, h, mask);
                blocks++;
            }
            if (in.overrun()) {
                throw CodecException.at(NAME, in.position(), "entropy-coded data ends at block row " + by + " of " + bh
                        + " (truncated or corrupt)");
            }
        }
        return out;
    }

    private static int symbol(JpegBitReader in, JpegHuffmanTable t) throws CodecException {
        int entry = t.lookup[in.peek(JpegHuffmanTable.FAST_BITS)];
        if (entry != 0) {
            in.skip(entry >> 8);
            return entry & 0xFF;
        }
        for (int len = JpegHuffmanTable.FAST_BITS + 1; len <= 16; len++) {
            int code = in.peek(len);
            if (code <= t.maxCode[len]) {
                in.skip(len);
                return t.symbols[t.firstIndex[len] + code - t.minCode[len]];
            }
        }
        throw CodecException.at(NAME, in.position(), "invalid Huffman code");
    }

    /** Separable 8×8 inverse DCT of {@code coef} (natural order), level-shifted, into the image. */
    private static void idctInto(double[] coef, double[] tmp, int[] out, int x0, int y0, int w, int h, int mask) {
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 8; x++) {
                double s = 0;
                double[] basis = BASIS[x];
                for (int u = 0; u < 8; u++) {
                    s += basis[u] * coef[v * 8 + u];
                }
                tmp[v * 8 + x] = s;
            }
        }
        for (int y = 0; y < 8 && y0 + y < h; y++) {
            double[] basis = BASIS[y];
            for (int x = 0; x < 8 && x0 + x < w; x++) {
                double s = 0;
                for (int v = 0; v < 8; v++) {
                    s += basis[v] * tmp[v * 8 + x];
                }
                long p = Math.round(s + 2048);
                out[(y0 + y) * w + x0 + x] = (int) (p < 0 ? 0 : Math.min(p, 4095)) & mask;
            }
        }
    }
}
