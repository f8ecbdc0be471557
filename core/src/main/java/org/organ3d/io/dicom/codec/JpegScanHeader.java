package org.organ3d.io.dicom.codec;

/**
 * A T.81 / T.87 start-of-scan segment.
 *
 * @param components frame component index of each scan component
 * @param dcTable    DC (lossless: the only) Huffman table selector per scan component; for JPEG-LS
 *                   the mapping table selector
 * @param acTable    AC Huffman table selector per scan component
 * @param ss         Ss: spectral start, the predictor in lossless JPEG, NEAR in JPEG-LS
 * @param se         Se: spectral end; ILV (interleave mode) in JPEG-LS
 * @param ah         successive approximation high bit
 * @param al         successive approximation low bit: the point transform in lossless JPEG and JPEG-LS
 * @param dataStart  offset of the first entropy-coded byte
 */
record JpegScanHeader(int[] components, int[] dcTable, int[] acTable, int ss, int se, int ah, int al,
        int dataStart) {

    static JpegScanHeader read(JpegMarkerReader r, JpegFrameHeader frame, String codec) throws CodecException {
        int at = r.segment();
        int len = r.payloadLength(at);
        int ns = len < 1 ? 0 : r.u8(at);
        if (ns < 1 || ns > 4 || len != 4 + 2 * ns) {
            throw CodecException.at(codec, at, "start-of-scan segment of " + len + " bytes for " + ns + " components");
        }
        int[] comps = new int[ns];
        int[] dc = new int[ns];
        int[] ac = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = r.u8(at + 1 + 2 * i);
            comps[i] = frame.indexOf(id);
            if (comps[i] < 0) {
                throw CodecException.at(codec, at + 1 + 2 * i, "scan names component " + id + " that is not in the frame");
            }
            dc[i] = r.u8(at + 2 + 2 * i) >> 4;
            ac[i] = r.u8(at + 2 + 2 * i) & 15;
        }
        int p = at + 1 + 2 * ns;
        return new JpegScanHeader(comps, dc, ac, r.u8(p), r.u8(p + 1), r.u8(p + 2) >> 4, r.u8(p + 2) & 15,
                r.position());
    }
}
