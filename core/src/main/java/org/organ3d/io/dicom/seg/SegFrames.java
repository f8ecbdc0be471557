package org.organ3d.io.dicom.seg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.stream.IntStream;
import org.organ3d.volume.LabelMap;

/**
 * The pixel data of a SEG: frames packed from a label map and streamed in order.
 *
 * <p><b>1-bit frames</b> (binary SEG): pixel p of frame f is bit (f·rows·columns + p) of the
 * stream, the least significant bit of each byte first (PS3.5 8.1.1); frames follow each other
 * without padding, so when rows·columns is not a multiple of 8 a frame starts inside a byte. A
 * frame is set where the label map holds the frame's label; only the rows the label occupies in
 * that slice are examined (the rest is zero).
 *
 * <p><b>8- and 16-bit frames</b> (label map SEG): the slice's label values, 16-bit little endian.
 *
 * <p>Frames are packed in parallel, a chunk of about 32 MiB at a time, and written sequentially; the
 * stream is padded with a zero byte to an even length.
 */
final class SegFrames {

    private static final long CHUNK_BYTES = 32L << 20;

    private final LabelMap map;
    private final List<SegWriter.Frame> frames;
    private final int bits;
    private final int pixels;
    private final long pixelBytes;

    SegFrames(LabelMap map, List<SegWriter.Frame> frames, int bitsAllocated) {
        this.map = map;
        this.frames = frames;
        this.bits = bitsAllocated;
        this.pixels = map.dimensions().sliceSize();
        long totalBits = (long) frames.size() * pixels * bits;
        long bytes = (totalBits + 7) / 8;
        this.pixelBytes = bytes + (bytes & 1);
    }

    /** Length of the pixel data element's value (even). */
    long pixelBytes() {
        return pixelBytes;
    }

    /** Packs and writes every frame, then the padding. */
    void writeTo(OutputStream out) throws IOException {
        long frameBytes = Math.max(1, (long) pixels * bits / 8);
        int perChunk = (int) Math.max(1, Math.min(frames.size(), CHUNK_BYTES / frameBytes));
        BitSink sink = new BitSink(out);
        long frameBits = (long) pixels * bits;
        for (int c = 0; c < frames.size(); c += perChunk) {
            int from = c;
            int n = Math.min(perChunk, frames.size() - c);
            byte[][] packed = new byte[n][];
            IntStream.range(0, n).parallel().forEach(i -> packed[i] = pack(frames.get(from + i)));
            for (byte[] p : packed) {
                sink.append(p, frameBits);
            }
        }
        long written = sink.finish();
        for (long b = written; b < pixelBytes; b++) {
            out.write(0);
        }
    }

    private byte[] pack(SegWriter.Frame f) {
        return switch (bits) {
            case 1 -> packBits(f);
            case 8 -> pack8(f);
            default -> pack16(f);
        };
    }

    private byte[] packBits(SegWriter.Frame f) {
        byte[] out = new byte[(pixels + 7) / 8];
        int nx = map.dimensions().nx();
        int start = f.jMin() * nx;
        int end = (f.jMax() + 1) * nx;
        int label = f.label();
        java.nio.Buffer slice = map.labels().slice(f.k());
        if (slice instanceof ByteBuffer b) {
            byte want = (byte) label;
            int p = start;
            for (; p < end && (p & 7) != 0; p++) {
                if (b.get(p) == want) {
                    out[p >> 3] |= (byte) (1 << (p & 7));
                }
            }
            for (; p + 8 <= end; p += 8) {
                int v = (b.get(p) == want ? 1 : 0) | (b.get(p + 1) == want ? 2 : 0) | (b.get(p + 2) == want ? 4 : 0)
                        | (b.get(p + 3) == want ? 8 : 0) | (b.get(p + 4) == want ? 16 : 0)
                        | (b.get(p + 5) == want ? 32 : 0) | (b.get(p + 6) == want ? 64 : 0)
                        | (b.get(p + 7) == want ? 128 : 0);
                out[p >> 3] = (byte) v;
            }
            for (; p < end; p++) {
                if (b.get(p) == want) {
                    out[p >> 3] |= (byte) (1 << (p & 7));
                }
            }
        } else {
            ShortBuffer s = (ShortBuffer) slice;
            short want = (short) label;
            for (int p = start; p < end; p++) {
                if (s.get(p) == want) {
                    out[p >> 3] |= (byte) (1 << (p & 7));
                }
            }
        }
        return out;
    }

    private byte[] pack8(SegWriter.Frame f) {
        java.nio.Buffer slice = map.labels().slice(f.k());
        byte[] out = new byte[pixels];
        if (slice instanceof ByteBuffer b) {
            b.get(0, out);
        } else {
            ShortBuffer s = (ShortBuffer) slice;
            for (int p = 0; p < pixels; p++) {
                out[p] = (byte) s.get(p);
            }
        }
        return out;
    }

    private byte[] pack16(SegWriter.Frame f) {
        java.nio.Buffer slice = map.labels().slice(f.k());
        byte[] out = new byte[2 * pixels];
        for (int p = 0; p < pixels; p++) {
            int v = slice instanceof ByteBuffer b ? b.get(p) & 0xFF : ((ShortBuffer) slice).get(p) & 0xFFFF;
            out[2 * p] = (byte) v;
            out[2 * p + 1] = (byte) (v >>> 8);
        }
        return out;
    }

    /** Appends bit strings (least significant bit first) to a byte stream. */
    private static final class BitSink {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int fill;
        private int carry;
        private int carryBits;
        private long written;

        BitSink(OutputStream out) {
            this.out = out;
        }

        void append(byte[] b, long nbits) throws IOException {
            int full = (int) (nbits >>> 3);
            int rest = (int) (nbits & 7);
            if (carryBits == 0) {
                flush();
                out.write(b, 0, full);
                written += full;
            } else {
                for (int i = 0; i < full; i++) {
                    int combined = carry | ((b[i] & 0xFF) << carryBits);
                    put(combined);
                    carry = combined >>> 8;
                }
            }
            if (rest > 0) {
                int combined = carry | ((b[full] & ((1 << rest) - 1)) << carryBits);
                int total = carryBits + rest;
                if (total >= 8) {
                    put(combined);
                    carry = combined >>> 8;
                    carryBits = total - 8;
                } else {
                    carry = combined;
                    carryBits = total;
                }
            }
        }

        private void put(int v) throws IOException {
            if (fill == buf.length) {
                flush();
            }
            buf[fill++] = (byte) v;
            written++;
        }

        private void flush() throws IOException {
            out.write(buf, 0, fill);
            fill = 0;
        }

        /** Writes the last partial byte; returns the bytes written in all. */
        long finish() throws IOException {
            if (carryBits > 0) {
                put(carry & 0xFF);
                carryBits = 0;
            }
            flush();
            return written;
        }
    }
}
