package org.organ3d.io.dicom.codec;

/**
 * A T.81 / T.87 start-of-frame segment: process marker, precision, size and components.
 *
 * @param marker     the SOFn marker code (0xC0..0xCF, or 0xF7 for JPEG-LS)
 * @param precision  sample precision P in bits
 * @param lines      number of lines Y
 * @param columns    samples per line X
 * @param ids        component identifiers Ci
 * @param h          horizontal sampling factors
 * @param v          vertical sampling factors
 * @param quantTable quantisation table selectors Tq
 */
record JpegFrameHeader(int marker, int precision, int lines, int columns, int[] ids, int[] h, int[] v,
        int[] quantTable) {

    static JpegFrameHeader read(JpegMarkerReader r, int marker, String codec) throws CodecException {
        int at = r.segment();
        int len = r.payloadLength(at);
        if (len < 6) {
            throw CodecException.at(codec, at, "start-of-frame segment too short");
        }
        int nf = r.u8(at + 5);
        if (nf < 1 || len < 6 + 3 * nf) {
            throw CodecException.at(codec, at, "start-of-frame lists " + nf + " components in " + len + " bytes");
        }
        int[] ids = new int[nf];
        int[] h = new int[nf];
        int[] v = new int[nf];
        int[] tq = new int[nf];
        for (int i = 0; i < nf; i++) {
            int c = at + 6 + 3 * i;
            ids[i] = r.u8(c);
            h[i] = r.u8(c + 1) >> 4;
            v[i] = r.u8(c + 1) & 15;
            tq[i] = r.u8(c + 2);
        }
        return new JpegFrameHeader(marker, r.u8(at), r.u16(at + 1), r.u16(at + 3), ids, h, v, tq);
    }

    /** Checks the frame against what the DICOM header says the frame is. */
    void check(FrameSpec spec, String codec, int offset) throws CodecException {
        if (columns != spec.columns() || (lines != 0 && lines != spec.rows())) {
            throw CodecException.at(codec, offset, "stream is " + columns + "x" + lines + " but the DICOM header says "
                    + spec.columns() + "x" + spec.rows());
        }
        if (ids.length != spec.samplesPerPixel()) {
            throw CodecException.at(codec, offset, "stream has " + ids.length + " components but Samples per Pixel is "
                    + spec.samplesPerPixel());
        }
    }

    /** Index of the component with identifier {@code id}, or -1. */
    int indexOf(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
