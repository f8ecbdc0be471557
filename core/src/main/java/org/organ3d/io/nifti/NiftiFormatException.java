package org.organ3d.io.nifti;

import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;

/** A NIfTI file is malformed or unsupported; the message names the file, the byte offset and the cause. */
public class NiftiFormatException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    public NiftiFormatException(Path file, long offset, String cause) {
        super(file, offset, cause);
    }

    public NiftiFormatException(Path file, long offset, String cause, Throwable t) {
        super(file, offset, cause, t);
    }
}
