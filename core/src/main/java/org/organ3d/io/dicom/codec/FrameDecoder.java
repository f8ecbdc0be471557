package org.organ3d.io.dicom.codec;

import java.util.Set;

/**
 * Decodes one compressed frame of encapsulated DICOM pixel data (the concatenated fragments of that
 * frame) into samples.
 *
 * <p>Output: {@code int[spec.sampleCount()]}, row-major, colour samples interleaved by pixel
 * (R, G, B, R, G, B ...) whatever the stream's own layout; each value is the stored sample as an
 * unsigned number of {@code bitsStored} bits (sign extension, MONOCHROME1 inversion and rescale are
 * the pixel module's job, not the codec's). Colour JPEG in YBR is converted to RGB by the decoder.
 *
 * <p>Decoders are stateless and thread-safe. A corrupt or truncated stream throws
 * {@link CodecException}; a decoder never allocates from a length in the stream without checking it
 * against the bytes that remain.
 */
public interface FrameDecoder {

    /** The transfer syntax UIDs this decoder handles. */
    Set<String> transferSyntaxes();

    /** Decodes one frame. */
    int[] decode(byte[] data, FrameSpec spec) throws CodecException;
}
