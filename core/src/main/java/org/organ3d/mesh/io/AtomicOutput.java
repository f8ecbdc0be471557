package org.organ3d.mesh.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A buffered little-endian writer into a temporary file in the target's folder that becomes the
 * target only on {@link #commit()} (flush, fsync, {@code ATOMIC_MOVE}); {@link #close()} without a
 * commit deletes the temporary file, so a failed export never leaves a partial file. Not
 * thread-safe; use with try-with-resources.
 */
final class AtomicOutput implements Closeable {

    private static final int BUFFER = 1 << 20;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    static AtomicOutput create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("output folder does not exist: " + dir);
        }
        // NB: not Files.createTempFile, which creates the file with mode 0600 that the rename would
        // carry over to the output; CREATE_NEW gives the usual 0666 & ~umask.
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                return new AtomicOutput(abs, temp, FileChannel.open(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE_NEW));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
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

    void putShort(short v) throws IOException {
        ensure(2);
        buffer.putShort(v);
    }

    void putByte(int v) throws IOException {
        ensure(1);
        buffer.put((byte) v);
    }

    void putBytes(byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), b.length - off);
            buffer.put(b, off, n);
            off += n;
        }
    }

    /** ASCII/UTF-8 text. */
    void putText(CharSequence s) throws IOException {
        putBytes(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written so far (flushed and buffered). */
    long position() {
        return written + buffer.position();
    }

    /** Flushes, syncs and moves the temporary file onto the target. */
    Path commit() throws IOException {
        flush();
        channel.force(false);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // NB: same folder, so this only happens on file systems without rename(2) semantics.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        return target;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
