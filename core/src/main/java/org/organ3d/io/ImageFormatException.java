package org.organ3d.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be read or written because of what it contains (bad magic, truncation,
 * inconsistent header, absurd size ...). The message names the file, the byte offset where known,
 * and the cause. Subclasses name the format ({@code DicomParseException}, ...).
 */
public class ImageFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file   the file concerned (may be null for in-memory data)
     * @param offset byte offset of the problem, or -1 when not applicable
     * @param cause  what is wrong, in words
     */
    public ImageFormatException(Path file, long offset, String cause) {
        super(format(file, offset, cause));
        this.file = file;
        this.offset = offset;
    }

    public ImageFormatException(Path file, long offset, String cause, Throwable t) {
        super(format(file, offset, cause), t);
        this.file = file;
        this.offset = offset;
    }

    /** The file concerned, or null. */
    public Path file() {
        return file;
    }

    /** Byte offset of the problem, or -1. */
    public long offset() {
        return offset;
    }

    private static String format(Path file, long offset, String cause) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(": ");
        }
        if (offset >= 0) {
            b.append("at byte ").append(offset).append(": ");
        }
        return b.append(cause).toString();
    }
}
