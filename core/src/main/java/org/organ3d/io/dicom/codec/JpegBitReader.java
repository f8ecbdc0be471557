package org.organ3d.io.dicom.codec;

/**
 * Reads the entropy-coded segment of a T.81 scan MSB first: removes the stuffed 00 after FF, stops
 * at a marker and feeds zero bits past it (counted, so that reading past the real data is caught
 * as truncation rather than decoded as zeros). A 64-bit accumulator keeps at least 32 bits ready.
 *
 * <p>Not thread-safe; one instance per scan.
 */
final class JpegBitReader {

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final String codec;
    private int pos;
    /** Bits left-aligned: the next bit is bit 63. */
    long acc;
    /** Valid bits in acc (real and padding). */
    int bits;
    /** Zero bits appended after the data ended or a marker was met. */
    private int padding;
    private boolean atMarker;

    JpegBitReader(byte[] data, int start, String codec) {
        this.data = data;
        this.pos = start;
        this.codec = codec;
    }

    /** Tops the accumulator up to more than 56 bits. */
    void fill() {
        if (!atMarker && bits <= 56 && pos + 8 <= data.length) {
            // NB: fast path: when the next 8 bytes hold no FF (so no stuffing and no marker), take as many
            // whole bytes as fit in one go.
            long v = (long) BIG_ENDIAN_LONG.get(data, pos);
            long inv = ~v;
            if (((inv - 0x0101010101010101L) & v & 0x8080808080808080L) == 0) {
                int n = (64 - bits) >> 3;
                int keep = 8 * n;
                acc |= (v >>> (64 - keep)) << (64 - bits - keep);
                pos += n;
                bits += keep;
                return;
            }
        }
        while (bits <= 56) {
            int b = 0;
            if (!atMarker && pos < data.length) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : -1;
                    if (next == 0) {
                        pos += 2;
                    } else if (next == 0xFF) {
                        pos++;
                        continue;
                    } else {
                        atMarker = true;
                        b = 0;
                        padding += 8;
                    }
                } else {
                    pos++;
                }
            } else {
                padding += 8;
            }
            acc |= (long) b << (56 - bits);
            bits += 8;
        }
    }

    /** The next n (1..32) bits without consuming them. */
    int peek(int n) {
        if (bits < n) {
            fill();
        }
        return (int) (acc >>> (64 - n));
    }

    void skip(int n) {
        acc <<= n;
        bits -= n;
    }

    int read(int n) {
        int v = peek(n);
        skip(n);
        return v;
    }

    /** True if bits past the end of the real data have been consumed (truncated or corrupt stream). */
    boolean overrun() {
        return padding > bits;
    }

    /** Offset of the next unread byte, for error messages. */
    int position() {
        return pos;
    }

    /**
     * Handles a restart marker: drops the bits of the partial byte, expects RSTn and resumes after it.
     */
    void restart(int expected) throws CodecException {
        if (overrun()) {
            throw CodecException.at(codec, pos, "entropy-coded data ends before restart marker");
        }
        acc = 0;
        bits = 0;
        padding = 0;
        atMarker = false;
        while (pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) == 0xFF) {
            pos++;
        }
        int m = pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF ? data[pos + 1] & 0xFF : -1;
        if (m != 0xD0 + expected) {
            throw CodecException.at(codec, pos, "expected restart marker RST" + expected + ", found "
                    + (m < 0 ? "no marker" : String.format("FF%02X", m)));
        }
        pos += 2;
    }
}
