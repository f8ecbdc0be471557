package org.organ3d.io.nrrd;

import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;

/** A NRRD file is malformed or unsupported; the message names the file, the byte offset and the cause. */
public class NrrdFormatException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    public NrrdFormatException(Path file, long offset, String cause) {
        super(file, offset, cause);
    }

    public NrrdFormatException(Path file, long offset, String cause, Throwable t) {
        super(file, offset, cause, t);
    }
}
