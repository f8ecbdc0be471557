package org.organ3d.io.dicom.codec;

import java.util.List;
import java.util.Optional;

/**
 * The frame decoders organ3d has, by transfer syntax UID:
 * <ul>
 * <li>1.2.840.10008.1.2.5 RLE Lossless → {@link RleDecoder} (own);</li>
 * <li>1.2.840.10008.1.2.4.50 / .51 / .57 / .70 JPEG → {@link JpegDecoder}: lossless process 14 by our
 *     own decoder, 8-bit DCT by the JDK's ImageIO, 12-bit sequential DCT (greyscale) by our own decoder;</li>
 * <li>1.2.840.10008.1.2.4.80 / .81 JPEG-LS → {@link JpegLsDecoder} (own);</li>
 * <li>1.2.840.10008.1.2.4.90 / .91 JPEG 2000 → {@link Jpeg2000Decoder} (jai-imageio).</li>
 * </ul>
 * Any other syntax has no decoder here (the DICOM reader reports it as unsupported). All decoders are
 * stateless and may be shared between threads.
 */
public final class Codecs {

    private static final List<FrameDecoder> DECODERS = List.of(new RleDecoder(), new JpegDecoder(),
            new JpegLsDecoder(), new Jpeg2000Decoder());

    private Codecs() {
    }

    /** The decoder for a transfer syntax, if organ3d has one. */
    public static Optional<FrameDecoder> forTransferSyntax(String uid) {
        String key = uid == null ? "" : uid.trim();
        for (FrameDecoder d : DECODERS) {
            if (d.transferSyntaxes().contains(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
