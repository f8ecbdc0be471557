package org.organ3d.inference;

import java.io.IOException;

/**
 * An execution device asked for by name ({@code cuda:0}) cannot be used here: the ONNX Runtime on
 * the class path has no CUDA provider, or the provider could not open the device. With
 * {@link Device#AUTO} organ3d falls back to the CPU with one warning instead of throwing this.
 */
public class DeviceUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
