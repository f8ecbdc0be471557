package org.organ3d.io.dicom.codec;

/**
 * Walks the marker segments of a JPEG (ITU-T T.81) or JPEG-LS (T.87) stream: SOI, length-prefixed
 * segments, and the entropy-coded data that follows SOS. Every length is checked against the bytes
 * that remain before anything is read or allocated from it.
 *
 * <p>Not thread-safe (holds a read position); one instance per decode call.
 */
final class JpegMarkerReader {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DHT = 0xC4;
    static final int DQT = 0xDB;
    static final int DRI = 0xDD;

    private final byte[] data;
    private final String codec;
    private int pos;

    JpegMarkerReader(byte[] data, String codec) {
        this.data = data;
        this.codec = codec;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    /** Skips leading zero padding (seen in some DICOM fragments) and checks for SOI. */
    void expectSoi() throws CodecException {
        while (pos < data.length && data[pos] == 0) {
            pos++;
        }
        if (pos + 1 >= data.length || (data[pos] & 0xFF) != 0xFF || (data[pos + 1] & 0xFF) != SOI) {
            throw CodecException.at(codec, pos, "no JPEG start-of-image marker (FFD8)");
        }
        pos += 2;
    }

    /** The next marker code (the byte after FF), skipping fill bytes; -1 at the end of the data. */
    int nextMarker() throws CodecException {
        if (pos >= data.length) {
            return -1;
        }
        if ((data[pos] & 0xFF) != 0xFF) {
            throw CodecException.at(codec, pos, String.format("expected a marker, found byte 0x%02X", data[pos]));
        }
        while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= data.length) {
            return -1;
        }
        return data[pos++] & 0xFF;
    }

    /**
     * Reads a segment's length field at the current position and returns the offset of its first
     * payload byte; {@link #position()} moves past the segment.
     */
    int segment() throws CodecException {
        if (pos + 2 > data.length) {
            throw CodecException.at(codec, pos, "segment length field truncated");
        }
        int len = u16(pos);
        if (len < 2 || pos + len > data.length) {
            throw CodecException.at(codec, pos, "segment length " + len + " exceeds the "
                    + (data.length - pos) + " bytes that remain");
        }
        int start = pos + 2;
        pos += len;
        return start;
    }

    /** Reads a DRI segment at the current position and returns its restart interval (MCUs or lines). */
    int restartInterval() throws CodecException {
        int p = segment();
        if (payloadLength(p) < 2) {
            throw CodecException.at(codec, p, "DRI segment too short");
        }
        return u16(p);
    }

    /** Length of the payload of the segment whose payload starts at {@code start}. */
    int payloadLength(int start) {
        return u16(start - 2) - 2;
    }

    int u8(int at) {
        return data[at] & 0xFF;
    }

    int u16(int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    /**
     * Offset of the first marker after entropy-coded data starting at {@code from} that is not a
     * stuffed byte or a restart marker (T.81 rule: FF00 is data, FFD0..FFD7 are restarts); with
     * {@code jpegLs}, any FF followed by a byte below 0x80 is data (T.87 bit stuffing).
     */
    int endOfEntropyData(int from, boolean jpegLs) {
        for (int i = from; i + 1 < data.length; i++) {
            if ((data[i] & 0xFF) == 0xFF) {
                int m = data[i + 1] & 0xFF;
                boolean isData = jpegLs ? m < 0x80 : m == 0 || m == 0xFF || (m >= 0xD0 && m <= 0xD7);
                if (!isData) {
                    return i;
                }
            }
        }
        return data.length;
    }
}
