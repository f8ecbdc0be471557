package org.organ3d.io.dicom;

import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;

/** The pixel data of a file uses a transfer syntax organ3d cannot decode; the message names the UID. */
public class UnsupportedTransferSyntaxException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    private final String uid;

    public UnsupportedTransferSyntaxException(Path file, String uid, String name) {
        super(file, -1, "unsupported transfer syntax " + uid + " (" + name + "): no decoder for its pixel data");
        this.uid = uid;
    }

    /** The transfer syntax UID. */
    public String uid() {
        return uid;
    }
}
