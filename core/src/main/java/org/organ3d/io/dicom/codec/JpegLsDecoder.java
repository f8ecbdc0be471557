package org.organ3d.io.dicom.codec;

import java.util.Set;

/**
 * JPEG-LS lossless (1.2.840.10008.1.2.4.80) and near-lossless (.81), ITU-T T.87 / ISO 14495-1.
 *
 * <p>Pass 1, headers: SOF55 gives precision (2–16 bits), size and components; an LSE segment of
 * type 1 may override MAXVAL, T1–T3 and RESET (zero meaning "default"); the default thresholds are
 * computed from MAXVAL and NEAR as in T.87 C.2.4.1.1. Every length is checked against the bytes
 * that remain, and the frame must match the DICOM pixel module.
 *
 * <p>Pass 2, scans: each scan's entropy-coded bytes run to the next marker; {@link JpegLsScan}
 * decodes them with interleave mode none (one scan per component), line or sample. Context state
 * starts afresh for every scan.
 *
 * <p>Pass 3, output: reconstructed samples are written interleaved, masked to Bits Stored.
 *
 * <p>Caveats, reported as {@link CodecException} rather than decoded wrongly: mapping tables
 * (palettised JPEG-LS, LSE types 2 and 3), oversize-dimension LSE (type 4), restart intervals and
 * a non-zero point transform are not supported; none are used by DICOM encoders we know of.
 */
public final class JpegLsDecoder implements FrameDecoder {

    static final String NAME = "JPEG-LS";

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81");
    }

    @Override
    public int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        JpegMarkerReader r = new JpegMarkerReader(data, NAME);
        r.expectSoi();
        JpegFrameHeader frame = null;
        int[] custom = new int[5];
        int[] out = null;
        boolean[] decoded = new boolean[spec.samplesPerPixel()];
        for (int marker = r.nextMarker(); marker >= 0 && marker != JpegMarkerReader.EOI; marker = r.nextMarker()) {
            int at = r.position();
            if (marker == 0xF7) {
                frame = JpegFrameHeader.read(r, marker, NAME);
                frame.check(spec, NAME, at);
                if (frame.lines() == 0) {
                    throw CodecException.at(NAME, at, "zero line count (oversize LSE) is not supported");
                }
                if (frame.precision() < 2 || frame.precision() > 16) {
                    throw CodecException.at(NAME, at, "precision " + frame.precision() + " outside 2..16");
                }
                out = new int[spec.sampleCount()];
            } else if (marker == 0xF8) {
                readLse(r, custom);
            } else if (marker == JpegMarkerReader.DRI) {
                int p = r.segment();
                if (r.payloadLength(p) >= 2 && r.u16(p) != 0) {
                    throw CodecException.at(NAME, p, "restart intervals in JPEG-LS are not supported");
                }
            } else if (marker == JpegMarkerReader.SOS) {
                if (frame == null) {
                    throw CodecException.at(NAME, at, "scan before the SOF55 frame header");
                }
                JpegScanHeader scan = JpegScanHeader.read(r, frame, NAME);
                int end = r.endOfEntropyData(scan.dataStart(), true);
                decodeScan(data, scan, end, frame, custom, spec, out);
                for (int comp : scan.components()) {
                    decoded[comp] = true;
                }
                r.seek(end);
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                throw CodecException.at(NAME, at - 2, String.format("SOF marker FF%02X is not JPEG-LS", marker));
            } else {
                r.segment();
            }
        }
        if (out == null) {
            throw CodecException.at(NAME, data.length, "no SOF55 frame header");
        }
        for (int c = 0; c < decoded.length; c++) {
            if (!decoded[c]) {
                throw CodecException.at(NAME, data.length, "component " + c + " has no scan (truncated stream)");
            }
        }
        return out;
    }

    /** LSE type 1 into {MAXVAL, T1, T2, T3, RESET}; other types are refused. */
    private static void readLse(JpegMarkerReader r, int[] custom) throws CodecException {
        int p = r.segment();
        int len = r.payloadLength(p);
        int id = len < 1 ? -1 : r.u8(p);
        if (id != 1) {
            throw CodecException.at(NAME, p, "LSE segment type " + id + " (mapping tables / oversize images) "
                    + "is not supported");
        }
        if (len < 11) {
            throw CodecException.at(NAME, p, "LSE preset-parameters segment too short");
        }
        for (int i = 0; i < 5; i++) {
            custom[i] = r.u16(p + 1 + 2 * i);
        }
    }

    private static void decodeScan(byte[] data, JpegScanHeader scan, int end, JpegFrameHeader frame, int[] custom,
            FrameSpec spec, int[] out) throws CodecException {
        int at = scan.dataStart();
        int near = scan.ss();
        int ilv = scan.se();
        int ns = scan.components().length;
        for (int t : scan.dcTable()) {
            if (t != 0) {
                throw CodecException.at(NAME, at, "mapping tables are not supported");
            }
        }
        if (scan.al() != 0) {
            throw CodecException.at(NAME, at, "point transform " + scan.al() + " is not supported");
        }
        if (ilv > 2 || (ilv == 0 && ns != 1)) {
            throw CodecException.at(NAME, at, "interleave mode " + ilv + " with " + ns + " components");
        }
        int maxVal = custom[0] != 0 ? custom[0] : (1 << frame.precision()) - 1;
        if (maxVal >= 1 << frame.precision() || near > Math.min(255, maxVal / 2)) {
            throw CodecException.at(NAME, at, "MAXVAL " + maxVal + " / NEAR " + near + " do not fit precision "
                    + frame.precision());
        }
        int[] th = thresholds(maxVal, near);
        for (int i = 0; i < 3; i++) {
            if (custom[i + 1] != 0) {
                th[i] = custom[i + 1];
            }
        }
        int reset = custom[4] != 0 ? custom[4] : 64;
        if (th[0] < near + 1 || th[1] < th[0] || th[2] < th[1] || th[2] > maxVal || reset < 3) {
            throw CodecException.at(NAME, at, "invalid JPEG-LS thresholds T1=" + th[0] + " T2=" + th[1] + " T3=" + th[2]
                    + " RESET=" + reset);
        }
        JpegLsScan s = new JpegLsScan(new JpegLsBitReader(data, at, end), maxVal, th, reset, near);
        int w = spec.columns();
        int h = spec.rows();
        int spp = spec.samplesPerPixel();
        int mask = spec.bitsStored() >= 32 ? -1 : (1 << spec.bitsStored()) - 1;
        int[][] prev = new int[ns][w + 2];
        int[][] cur = new int[ns][w + 2];
        int[] runIndex = new int[ns];
        int[] comp = scan.components();
        for (int y = 0; y < h; y++) {
            if (ilv == 2) {
                s.lineInterleaved(cur, prev, w);
            } else {
                for (int k = 0; k < ns; k++) {
                    s.runIndex(runIndex[k]);
                    s.line(cur[k], prev[k], w);
                    runIndex[k] = s.runIndex();
                }
            }
            for (int k = 0; k < ns; k++) {
                int[] line = cur[k];
                for (int x = 0, o = y * w * spp + comp[k]; x < w; x++, o += spp) {
                    out[o] = line[x + 1] & mask;
                }
                cur[k] = prev[k];
                prev[k] = line;
            }
            if (s.overrun()) {
                throw CodecException.at(NAME, end, "entropy-coded data ends at line " + y + " of " + h
                        + " (truncated or corrupt)");
            }
        }
    }

    /** Default T1, T2, T3 of T.87 C.2.4.1.1.1 for the given MAXVAL and NEAR. */
    static int[] thresholds(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) >> 8;
            t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }
}
