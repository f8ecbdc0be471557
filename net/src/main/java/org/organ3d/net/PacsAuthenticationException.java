package org.organ3d.net;

/**
 * The server refused the credentials (HTTP 401 or 403, or a DICOM association rejected for the
 * calling AE title). The message says which kind of credentials were sent and where they came from,
 * never their values.
 */
public class PacsAuthenticationException extends PacsException {
    private static final long serialVersionUID = 1L;

    public PacsAuthenticationException(String message) {
        super(message);
    }
}
