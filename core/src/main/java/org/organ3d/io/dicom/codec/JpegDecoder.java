package org.organ3d.io.dicom.codec;

import java.util.Set;

/**
 * The JPEG transfer syntaxes of DICOM (baseline .50, extended .51, lossless .57 and .70). The stream's
 * own SOF marker decides how it is decoded, not the UID, because archives hold mislabelled files
 * (e.g. a lossless stream under .51):
 * <ul>
 * <li>SOF3 (lossless, Huffman) → {@link JpegLossless}, our own decoder;</li>
 * <li>SOF0/SOF1/SOF2 at 8-bit precision → {@link JpegImageIo}, the JDK's ImageIO reader;</li>
 * <li>SOF1 at 12-bit precision (extended process 4, the .51 default) → {@link JpegExtended12},
 *     our own DCT decoder for greyscale sequential streams;</li>
 * <li>anything else (arithmetic coding, hierarchical, 12-bit progressive) → {@link CodecException}
 *     naming the process.</li>
 * </ul>
 */
public final class JpegDecoder implements FrameDecoder {

    static final String NAME = "JPEG";

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                "1.2.840.10008.1.2.4.70");
    }

    @Override
    public int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        int[] sof = findFrame(data);
        int marker = sof[0];
        int precision = sof[1];
        if (marker == 0xC3) {
            return JpegLossless.decode(data, spec);
        }
        if ((marker == 0xC0 || marker == 0xC1 || marker == 0xC2) && precision == 8) {
            return JpegImageIo.decode(data, spec);
        }
        if (marker == 0xC1 && precision == 12) {
            return JpegExtended12.decode(data, spec);
        }
        throw CodecException.at(NAME, sof[2], String.format(
                "unsupported JPEG process (SOF marker FF%02X, %d-bit precision): only baseline/extended 8-bit, "
                        + "extended sequential 12-bit greyscale and lossless process 14 are decoded", marker, precision));
    }

    /** {SOF marker, precision, offset} of the first frame header. */
    static int[] findFrame(byte[] data) throws CodecException {
        JpegMarkerReader r = new JpegMarkerReader(data, NAME);
        r.expectSoi();
        for (int marker = r.nextMarker(); marker >= 0; marker = r.nextMarker()) {
            int at = r.position() - 2;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int p = r.segment();
                if (r.payloadLength(p) < 1) {
                    throw CodecException.at(NAME, at, "empty frame header");
                }
                return new int[] {marker, r.u8(p), at};
            }
            if (marker == JpegMarkerReader.EOI || marker == JpegMarkerReader.SOS) {
                break;
            }
            r.segment();
        }
        throw CodecException.at(NAME, r.position(), "no frame header (SOF) before the first scan");
    }
}
