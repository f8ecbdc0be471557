package org.organ3d.io.raw;

import org.organ3d.io.ImageFormatException;

/**
 * Makes the typed exception of one format ({@code NiftiFormatException}, ...) for a byte offset and
 * a cause, so that shared decoding code reports errors in the caller's terms.
 */
@FunctionalInterface
public interface FormatErrors {

    /**
     * @param offset byte offset of the problem in the file (or in the decompressed stream, as the
     *               message says), -1 when unknown
     * @param cause  what is wrong, in words
     * @param t      underlying exception or null
     */
    ImageFormatException error(long offset, String cause, Throwable t);

    /** Shorthand without an underlying exception. */
    default ImageFormatException error(long offset, String cause) {
        return error(offset, cause, null);
    }
}
