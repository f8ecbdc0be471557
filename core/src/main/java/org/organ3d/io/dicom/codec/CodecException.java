package org.organ3d.io.dicom.codec;

import java.io.IOException;

/** A compressed frame could not be decoded; the message gives the codec, byte offset and cause. */
public class CodecException extends IOException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
