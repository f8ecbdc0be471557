package org.organ3d.viewer.io;

import java.io.IOException;
import java.nio.file.Path;

/** A mesh file that cannot be read: names the file, the byte offset (or -1) and the cause. */
public final class MeshFormatException extends IOException {

    private final Path file;
    private final long offset;

    public MeshFormatException(Path file, long offset, String message) {
        super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the problem, or -1 when not applicable (text formats report lines in the message). */
    public long offset() {
        return offset;
    }
}
