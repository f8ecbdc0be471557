package org.organ3d.io.dicom.codec;

/**
 * Reads a JPEG-LS (T.87) entropy-coded segment MSB first. After an FF byte the next byte carries
 * only 7 bits (T.87 A.1 bit stuffing). The segment ends at the first marker; zero bits are fed past
 * it and counted so that over-reading is reported as truncation.
 *
 * <p>Not thread-safe; one instance per scan.
 */
final class JpegLsBitReader {

    private final byte[] data;
    private final int end;
    private int pos;
    private long acc;
    private int bits;
    private int padding;
    private boolean afterFf;

    JpegLsBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    private void fill() {
        while (bits <= 56) {
            if (pos < end) {
                int b = data[pos++] & 0xFF;
                if (afterFf) {
                    acc |= (long) (b & 0x7F) << (57 - bits);
                    bits += 7;
                } else {
                    acc |= (long) b << (56 - bits);
                    bits += 8;
                }
                afterFf = b == 0xFF;
            } else {
                padding += 8;
                bits += 8;
            }
        }
    }

    /** n (0..31) bits as an unsigned value. */
    int read(int n) {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int v = (int) (acc >>> (64 - n));
        acc <<= n;
        bits -= n;
        return v;
    }

    boolean readBit() {
        if (bits < 1) {
            fill();
        }
        boolean one = acc < 0;
        acc <<= 1;
        bits--;
        return one;
    }

    /** Counts zero bits up to and including the next one bit; returns at most {@code max}. */
    int readUnary(int max) {
        int count = 0;
        while (count < max) {
            if (bits < 32) {
                fill();
            }
            int lz = Long.numberOfLeadingZeros(acc);
            if (lz < bits) {
                count += lz;
                acc = lz == 63 ? 0 : acc << (lz + 1);
                bits -= lz + 1;
                return count;
            }
            count += bits;
            acc = 0;
            bits = 0;
        }
        return max;
    }

    boolean overrun() {
        return padding > bits;
    }

    int position() {
        return pos;
    }
}
