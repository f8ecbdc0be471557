package org.organ3d.mesh.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 1 MiB little-endian staging buffer in front of an output stream, for the binary mesh formats
 * (the exporters hand it the stream of {@link org.organ3d.io.AtomicFiles}, which makes the write
 * atomic). Call {@link #flush()} at the end. Not thread-safe.
 */
final class LittleEndianOutput {

    private static final int BUFFER = 1 << 20;

    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    LittleEndianOutput(OutputStream out) {
        this.out = out;
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        written += buffer.position();
        buffer.clear();
    }

    /**
     * The buffer with at least {@code bytes} free (at most 1 MiB), for hot loops that put several
     * values at once.
     */
    ByteBuffer reserve(int bytes) throws IOException {
        ensure(bytes);
        return buffer;
    }

    void putFloat(float v) throws IOException {
        ensure(4);
        buffer.putFloat(v);
    }

    void putInt(int v) throws IOException {
        ensure(4);
        buffer.putInt(v);
    }

    void putBytes(byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(buffer.remaining(), b.length - off);
            buffer.put(b, off, n);
            off += n;
        }
    }

    /** UTF-8 text. */
    void putText(CharSequence s) throws IOException {
        putBytes(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written so far (passed on and buffered). */
    long position() {
        return written + buffer.position();
    }

    /** Passes the buffered bytes on to the stream. */
    void flush() throws IOException {
        drain();
        out.flush();
    }
}
