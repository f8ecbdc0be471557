package org.organ3d.io.dicom.codec;

/**
 * Decodes one lossless (process 14) scan into the interleaved sample array, see {@link JpegLossless}.
 * One instance per scan; not thread-safe.
 */
final class JpegLosslessScan {

    private static final String NAME = JpegLossless.NAME;

    private final JpegBitReader in;
    private final JpegScanHeader scan;
    private final FrameSpec spec;
    private final int[][] fused;
    private final JpegHuffmanTable[] tables;
    private final int restartInterval;
    private final int precision;

    JpegLosslessScan(byte[] data, JpegScanHeader scan, JpegFrameHeader frame, FrameSpec spec, int[][] fused,
            JpegHuffmanTable[] tables, int restartInterval) {
        this.in = new JpegBitReader(data, scan.dataStart(), NAME);
        this.scan = scan;
        this.spec = spec;
        this.fused = fused;
        this.tables = tables;
        this.restartInterval = restartInterval;
        this.precision = frame.precision();
    }

    /**
     * Fills this scan's components of {@code out}; on return they hold the final stored samples
     * (point transform undone, masked to Bits Stored).
     */
    void decodeInto(int[] out) throws CodecException {
        if (scan.components().length == 1 && (restartInterval == 0 || restartInterval % spec.columns() == 0)) {
            decodeSingle(out);
        } else {
            decodeGeneral(out);
        }
        finish(out, scan.components(), scan.al());
    }

    /**
     * The common case (one component, restarts on line boundaries) with the predictor chosen once per
     * line and the bit accumulator kept in locals.
     */
    private void decodeSingle(int[] out) throws CodecException {
        int width = spec.columns();
        int height = spec.rows();
        int spp = spec.samplesPerPixel();
        int stride = width * spp;
        int c = scan.components()[0];
        int predictor = scan.ss();
        int initial = 1 << (precision - scan.al() - 1);
        int linesPerRestart = restartInterval / width;
        int[] table = fused[0];
        int shift = 64 - JpegHuffmanTable.FAST_BITS;
        JpegBitReader r = in;
        int nextRst = 0;
        for (int y = 0; y < height; y++) {
            boolean first = y == 0;
            if (linesPerRestart != 0 && y != 0 && y % linesPerRestart == 0) {
                r.restart(nextRst);
                nextRst = (nextRst + 1) & 7;
                first = true;
            }
            int o = y * stride + c;
            int end = o + stride;
            long acc = r.acc;
            int bits = r.bits;
            int prev = first ? initial : out[o - stride];
            for (int x = 0; o < end; o += spp, x++) {
                if (x > 0) {
                    int ra = out[o - spp];
                    if (first || predictor == 1) {
                        prev = ra;
                    } else {
                        int rb = out[o - stride];
                        int rc = out[o - stride - spp];
                        prev = switch (predictor) {
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >>> 1;
                        };
                    }
                }
                if (bits < 32) {
                    r.acc = acc;
                    r.bits = bits;
                    r.fill();
                    acc = r.acc;
                    bits = r.bits;
                }
                int e = table[(int) (acc >>> shift)];
                int diff;
                if (e != 0) {
                    int len = e & 31;
                    acc <<= len;
                    bits -= len;
                    diff = e >> 5;
                } else {
                    r.acc = acc;
                    r.bits = bits;
                    diff = slowDifference(tables[0]);
                    acc = r.acc;
                    bits = r.bits;
                }
                out[o] = (prev + diff) & 0xFFFF;
            }
            r.acc = acc;
            r.bits = bits;
            if (r.overrun()) {
                throw CodecException.at(NAME, r.position(), "entropy-coded data ends at line " + y + " of " + height
                        + " (truncated or corrupt)");
            }
        }
    }

    private void decodeGeneral(int[] out) throws CodecException {
        int width = spec.columns();
        int height = spec.rows();
        int spp = spec.samplesPerPixel();
        int stride = width * spp;
        int ns = scan.components().length;
        int[] comp = scan.components();
        int predictor = scan.ss();
        int pt = scan.al();
        int initial = 1 << (precision - pt - 1);
        int mcus = 0;
        int nextRst = 0;
        // Pixels [firstStart, firstEnd) use the first-line rule: default value, then Ra only.
        int firstStart = 0;
        int firstEnd = width;
        for (int y = 0, p = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++, p++) {
                if (restartInterval != 0 && mcus == restartInterval) {
                    in.restart(nextRst);
                    nextRst = (nextRst + 1) & 7;
                    mcus = 0;
                    firstStart = p;
                    firstEnd = (y + 1) * width;
                }
                int base = row + x * spp;
                for (int i = 0; i < ns; i++) {
                    int o = base + comp[i];
                    int px;
                    if (p >= firstEnd) {
                        if (x == 0) {
                            px = out[o - stride];
                        } else {
                            int ra = out[o - spp];
                            int rb = out[o - stride];
                            int rc = out[o - stride - spp];
                            px = switch (predictor) {
                                case 1 -> ra;
                                case 2 -> rb;
                                case 3 -> rc;
                                case 4 -> ra + rb - rc;
                                case 5 -> ra + ((rb - rc) >> 1);
                                case 6 -> rb + ((ra - rc) >> 1);
                                default -> (ra + rb) >>> 1;
                            };
                        }
                    } else {
                        px = p == firstStart ? initial : out[o - spp];
                    }
                    out[o] = (px + difference(i)) & 0xFFFF;
                }
                mcus++;
            }
            if (in.overrun()) {
                throw CodecException.at(NAME, in.position(), "entropy-coded data ends at line " + y + " of " + height
                        + " (truncated or corrupt)");
            }
        }
    }

    /** One Huffman-coded difference for scan component {@code i} (T.81 H.2.2). */
    private int difference(int i) throws CodecException {
        JpegBitReader r = in;
        if (r.bits < 32) {
            r.fill();
        }
        int e = fused[i][(int) (r.acc >>> (64 - JpegHuffmanTable.FAST_BITS))];
        if (e != 0) {
            r.skip(e & 31);
            return e >> 5;
        }
        return slowDifference(tables[i]);
    }

    private int slowDifference(JpegHuffmanTable t) throws CodecException {
        int look = in.peek(JpegHuffmanTable.FAST_BITS);
        int entry = t.lookup[look];
        int sym;
        if (entry != 0) {
            in.skip(entry >> 8);
            sym = entry & 0xFF;
        } else {
            sym = -1;
            for (int len = JpegHuffmanTable.FAST_BITS + 1; len <= 16; len++) {
                int code = in.peek(len);
                if (code <= t.maxCode[len]) {
                    in.skip(len);
                    sym = t.symbols[t.firstIndex[len] + code - t.minCode[len]];
                    break;
                }
            }
            if (sym < 0) {
                throw CodecException.at(NAME, in.position(), "invalid Huffman code");
            }
        }
        if (sym == 16) {
            return 32768;
        }
        if (sym > 16) {
            throw CodecException.at(NAME, in.position(), "difference category " + sym + " above 16");
        }
        return sym == 0 ? 0 : JpegLossless.extend(in.read(sym), sym);
    }

    private void finish(int[] out, int[] comp, int pt) {
        int spp = spec.samplesPerPixel();
        int bits = spec.bitsStored();
        int mask = bits >= 32 ? -1 : (1 << bits) - 1;
        for (int c : comp) {
            for (int o = c; o < out.length; o += spp) {
                out[o] = (out[o] << pt) & mask;
            }
        }
    }
}
