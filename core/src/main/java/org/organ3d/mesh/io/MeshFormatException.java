package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A mesh file that cannot be read or written: an unknown extension, or content that is malformed.
 * The message names the file, the byte offset (when known) and the cause.
 */
public final class MeshFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file    the file concerned (never null)
     * @param offset  byte offset of the problem, or -1 when not applicable
     * @param message the cause, in words
     */
    public MeshFormatException(Path file, long offset, String message) {
        super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }

    /** Byte offset of the problem, or -1 when not applicable (text formats report lines in the message). */
    public long offset() {
        return offset;
    }
}
