package org.organ3d.net;

import java.util.List;
import org.organ3d.io.dicom.TransferSyntax;
import org.organ3d.io.dicom.codec.Codecs;

/**
 * The transfer syntaxes organ3d's reader decodes, for negotiation: a pull asks for the syntax the
 * archive stores (no transcoding, no loss) and accepts it when it is one of these, else asks again
 * for explicit VR little endian. Thread-safe.
 */
public final class TransferSyntaxes {

    /** Uncompressed syntaxes, in order of preference. */
    public static final List<String> NATIVE = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());

    /** Compressed (and deflated) syntaxes the reader decodes, lossless first. */
    public static final List<String> COMPRESSED = List.of(
            "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.80",
            "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91",
            "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51");

    private TransferSyntaxes() {
    }

    /** True if organ3d reads datasets in this syntax (native, deflated, or with a frame decoder). */
    public static boolean readable(String uid) {
        if (uid == null) {
            return false;
        }
        TransferSyntax ts = TransferSyntax.of(uid);
        return !ts.encapsulated() || Codecs.forTransferSyntax(ts.uid()).isPresent();
    }
}
