package org.organ3d.opencl;

/** OpenCL cannot be used here (no runtime, no platform, no device); the message says why. */
public class OpenClUnavailableException extends OpenClException {
    private static final long serialVersionUID = 1L;

    public OpenClUnavailableException(String message) {
        super(message, 0);
    }

    public OpenClUnavailableException(String message, Throwable cause) {
        super(message, 0, cause);
    }
}
