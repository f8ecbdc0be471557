package org.organ3d.io.metaimage;

import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;

/** A MetaImage file is malformed or unsupported; the message names the file, the byte offset and the cause. */
public class MetaImageFormatException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    public MetaImageFormatException(Path file, long offset, String cause) {
        super(file, offset, cause);
    }

    public MetaImageFormatException(Path file, long offset, String cause, Throwable t) {
        super(file, offset, cause, t);
    }
}
