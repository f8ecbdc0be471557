package org.organ3d.net;

import java.io.IOException;

/**
 * A PACS operation failed: the server could not be reached, refused the request, answered with
 * something that is not valid DICOM or DICOMweb, or went away in the middle of a transfer. The message
 * names the server (never with credentials) and says what happened in the user's terms.
 */
public class PacsException extends IOException {
    private static final long serialVersionUID = 1L;

    public PacsException(String message) {
        super(message);
    }

    public PacsException(String message, Throwable cause) {
        super(message, cause);
    }
}
