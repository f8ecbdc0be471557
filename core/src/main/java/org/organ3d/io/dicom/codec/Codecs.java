package org.organ3d.io.dicom.codec;

import java.util.List;
import java.util.Optional;

/**
 * The frame decoders organ3d has, by transfer syntax UID. Placeholder until the codecs land: it
 * knows none, so compressed syntaxes are reported as unsupported rather than decoded wrongly.
 */
public final class Codecs {

    private static final List<FrameDecoder> DECODERS = List.of();

    private Codecs() {
    }

    /** The decoder for a transfer syntax, if organ3d has one. */
    public static Optional<FrameDecoder> forTransferSyntax(String uid) {
        for (FrameDecoder d : DECODERS) {
            if (d.transferSyntaxes().contains(uid)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
