package org.organ3d.io.dicom.codec;

import java.io.IOException;

/**
 * A compressed frame could not be decoded; the message gives the codec, the byte offset in the
 * frame (when known) and the cause.
 */
public class CodecException extends IOException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "codec: cause at byte offset N", the form every decoder in this package uses. */
    public static CodecException at(String codec, long offset, String cause) {
        return new CodecException(codec + ": " + cause + " at byte offset " + offset);
    }

    /** As {@link #at(String, long, String)}, keeping the underlying exception. */
    public static CodecException at(String codec, long offset, String cause, Throwable underlying) {
        return new CodecException(codec + ": " + cause + " at byte offset " + offset, underlying);
    }
}
