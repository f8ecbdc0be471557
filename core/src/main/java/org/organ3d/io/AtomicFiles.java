package org.organ3d.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files atomically: the content goes to a temporary file in the target's folder, which is
 * renamed over the target only when it is complete, so that readers never see a partial file and a
 * failed write leaves no output behind.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code body}'s output to {@code target} atomically (replacing an existing file). */
    public static void write(Path target, Body body) throws IOException {
        Path tmp = prepare(target, body);
        commit(tmp, target);
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically (replacing an existing file). */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Writes the content of one file through a channel (positional writes, possibly from several threads). */
    @FunctionalInterface
    public interface ChannelBody {
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code target} atomically through a {@link FileChannel} on the temporary file, for
     * writers that place blocks at known offsets, in parallel (the channel's positional writes are
     * thread-safe). Same guarantees as {@link #write(Path, Body)}.
     */
    public static void writeChannel(Path target, ChannelBody body) throws IOException {
        Path tmp = temporaryBeside(target);
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            body.write(ch);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
        commit(tmp, target);
    }

    private static Path temporaryBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // NB: not Files.createTempFile, whose mode 0600 the rename would carry over to the output;
        // CREATE_NEW gives the usual 0666 & ~umask.
        return dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
    }

    /**
     * Writes {@code body}'s output to a temporary file beside {@code target} and returns it; pass it
     * to {@link #commit} (or delete it). For writes of several files that should appear together.
     */
    public static Path prepare(Path target, Body body) throws IOException {
        Path tmp = temporaryBeside(target);
        boolean ok = false;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16)) {
            body.write(out);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
        return tmp;
    }

    /** Renames a file made by {@link #prepare} over {@code target}. */
    public static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
