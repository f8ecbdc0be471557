package org.organ3d.io.dicom.codec;

/**
 * JPEG lossless, process 14 (ITU-T T.81 Annex H, Huffman coded, SOF3): DPCM with predictors 1–7,
 * point transform, restart intervals, precision 2–16 bits, 1 or 3 components in interleaved or
 * separate scans. DICOM transfer syntaxes 1.2.840.10008.1.2.4.57 and .70 (selection value 1).
 *
 * <p>Pass 1, headers: DHT, DRI and SOF3 are parsed with every length checked; the frame must match
 * the DICOM pixel module (size, components) and all sampling factors must be 1 (DICOM lossless
 * streams are never subsampled; anything else is reported, not guessed).
 *
 * <p>Pass 2, entropy decoding: for each Huffman table a fused {@value JpegHuffmanTable#FAST_BITS}-bit
 * table maps the next bits straight to the difference value (code length plus magnitude bits, the
 * libjpeg-turbo idea), so that most samples cost one lookup and one shift; longer codes fall back to
 * the canonical MAXCODE walk. Differences are added to the prediction modulo 2^16 (T.81 H.2.1), so
 * 16-bit streams with SSSS = 16 decode right.
 *
 * <p>Pass 3, output: samples are shifted left by the point transform and masked to Bits Stored.
 *
 * <p>Caveats: hierarchical / differential (SOF7) and arithmetic-coded (SOF11) lossless are rejected
 * as unsupported. A restart interval that is not a whole number of lines is honoured with the
 * "first line" prediction rule from the restart sample to the end of its line (GDCM refuses such
 * streams, so that one path has no independent cross-check). The dcmtk
 * predictor-6 overflow bug workaround is not applied: such files decode as the standard says.
 */
final class JpegLossless {

    static final String NAME = "JPEG Lossless";

    private JpegLossless() {
    }

    static int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        JpegMarkerReader r = new JpegMarkerReader(data, NAME);
        r.expectSoi();
        JpegHuffmanTable[] tables = new JpegHuffmanTable[4];
        int[][] fused = new int[4][];
        JpegFrameHeader frame = null;
        int restartInterval = 0;
        int[] out = null;
        boolean[] decoded = new boolean[spec.samplesPerPixel()];
        for (int marker = r.nextMarker(); marker >= 0 && marker != JpegMarkerReader.EOI; marker = r.nextMarker()) {
            int at = r.position();
            if (marker == 0xC3) {
                frame = JpegFrameHeader.read(r, marker, NAME);
                checkFrame(frame, spec, at);
                out = new int[spec.sampleCount()];
            } else if (marker == JpegMarkerReader.DHT) {
                readTables(r, tables, fused);
            } else if (marker == JpegMarkerReader.DRI) {
                restartInterval = r.restartInterval();
            } else if (marker == JpegMarkerReader.SOS) {
                if (frame == null) {
                    throw CodecException.at(NAME, at, "scan before the SOF3 frame header");
                }
                JpegScanHeader scan = JpegScanHeader.read(r, frame, NAME);
                int[][] scanTables = new int[scan.components().length][];
                JpegHuffmanTable[] slow = new JpegHuffmanTable[scanTables.length];
                for (int i = 0; i < scanTables.length; i++) {
                    int t = scan.dcTable()[i];
                    if (t > 3 || tables[t] == null) {
                        throw CodecException.at(NAME, at, "scan uses Huffman table " + t + " that was not defined");
                    }
                    scanTables[i] = fused[t];
                    slow[i] = tables[t];
                    decoded[scan.components()[i]] = true;
                }
                if (scan.ss() < 1 || scan.ss() > 7 || scan.al() >= frame.precision()) {
                    throw CodecException.at(NAME, at, "predictor " + scan.ss() + " / point transform " + scan.al()
                            + " out of range");
                }
                new JpegLosslessScan(data, scan, frame, spec, scanTables, slow, restartInterval).decodeInto(out);
                r.seek(r.endOfEntropyData(scan.dataStart(), false));
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                throw CodecException.at(NAME, at - 2, String.format("SOF marker FF%02X is not lossless process 14",
                        marker));
            } else if (marker >= 0xD0 && marker <= 0xD7) {
                throw CodecException.at(NAME, at - 2, "restart marker outside a scan");
            } else {
                r.segment();
            }
        }
        if (out == null) {
            throw CodecException.at(NAME, data.length, "no SOF3 frame header");
        }
        for (int c = 0; c < decoded.length; c++) {
            if (!decoded[c]) {
                throw CodecException.at(NAME, data.length, "component " + c + " has no scan (truncated stream)");
            }
        }
        return out;
    }

    private static void checkFrame(JpegFrameHeader frame, FrameSpec spec, int at) throws CodecException {
        frame.check(spec, NAME, at);
        if (frame.lines() == 0) {
            throw CodecException.at(NAME, at, "DNL-defined line count is not supported");
        }
        if (frame.precision() < 2 || frame.precision() > 16) {
            throw CodecException.at(NAME, at, "precision " + frame.precision() + " outside 2..16");
        }
        for (int i = 0; i < frame.ids().length; i++) {
            if (frame.h()[i] != 1 || frame.v()[i] != 1) {
                throw CodecException.at(NAME, at, "component sampling " + frame.h()[i] + "x" + frame.v()[i]
                        + " is not supported in lossless JPEG");
            }
        }
    }

    private static void readTables(JpegMarkerReader r, JpegHuffmanTable[] tables, int[][] fused)
            throws CodecException {
        int p = r.segment();
        int end = p + r.payloadLength(p);
        int[] used = new int[1];
        while (p < end) {
            int tcTh = r.u8(p);
            int th = tcTh & 15;
            if (th > 3) {
                throw CodecException.at(NAME, p, "Huffman table id " + th + " outside 0..3");
            }
            JpegHuffmanTable t = JpegHuffmanTable.read(r, p + 1, end, NAME, used);
            tables[th] = t;
            fused[th] = fuse(t);
            p += 1 + used[0];
        }
    }

    /**
     * Builds the fused lookup: indexed by the next FAST_BITS bits, each entry is
     * {@code (difference << 5) | bitsConsumed}, or 0 when code plus magnitude bits are longer.
     */
    static int[] fuse(JpegHuffmanTable t) {
        int fast = JpegHuffmanTable.FAST_BITS;
        int[] f = new int[1 << fast];
        for (int sym = 0; sym <= 16; sym++) {
            int len = t.codeLength[sym];
            if (len == 0) {
                continue;
            }
            int extra = sym == 16 ? 0 : sym;
            if (len + extra > fast) {
                continue;
            }
            int base = t.code[sym] << (fast - len);
            for (int j = 0; j < 1 << (fast - len); j++) {
                int magnitude = extra == 0 ? 0 : j >> (fast - len - extra);
                int diff = sym == 16 ? 32768 : extend(magnitude, extra);
                f[base + j] = diff << 5 | (len + extra);
            }
        }
        return f;
    }

    /** T.81 F.2.2.1 EXTEND: the signed value of {@code v} coded in {@code t} magnitude bits. */
    static int extend(int v, int t) {
        return t == 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
    }
}
