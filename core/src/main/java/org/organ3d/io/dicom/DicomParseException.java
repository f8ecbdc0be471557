package org.organ3d.io.dicom;

import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;

/**
 * A DICOM file is malformed: truncated, a length runs past the end of the data, an odd length, a
 * bad VR, absurd pixel module values, missing pixel data ... The message names the file, the byte
 * offset (in the file, or in the inflated dataset for deflated files: the message says so) and the
 * cause.
 */
public class DicomParseException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    public DicomParseException(Path file, long offset, String cause) {
        super(file, offset, cause);
    }

    public DicomParseException(Path file, long offset, String cause, Throwable t) {
        super(file, offset, cause, t);
    }
}
