package org.organ3d.io.dicom;

import java.util.Map;
import java.util.Objects;

/**
 * How a dataset is encoded (PS3.5 §10): VR explicit or implicit, byte order, deflate, and whether
 * pixel data is encapsulated (compressed frames). Unknown UIDs are, as PS3.5 requires of every
 * transfer syntax other than the three native ones, explicit VR little endian with encapsulated
 * pixel data; decoding their frames needs a codec ({@link org.organ3d.io.dicom.codec.Codecs}).
 *
 * @param uid          transfer syntax UID
 * @param name         human-readable name
 * @param explicitVR   true if each element carries its VR
 * @param bigEndian    true for the retired explicit VR big endian syntax
 * @param deflated     true if the dataset after the meta group is raw-deflated (RFC 1951)
 * @param encapsulated true if pixel data is a sequence of compressed fragments
 */
public record TransferSyntax(String uid, String name, boolean explicitVR, boolean bigEndian, boolean deflated,
        boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);

    private static final Map<String, String> COMPRESSED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless (Process 14, Selection Value 1)"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"));

    public TransferSyntax {
        Objects.requireNonNull(uid);
        Objects.requireNonNull(name);
    }

    /** The transfer syntax of a UID (trailing NULs and spaces ignored). Never null. */
    public static TransferSyntax of(String uid) {
        String u = uid.strip();
        while (u.endsWith("\0")) {
            u = u.substring(0, u.length() - 1).strip();
        }
        return switch (u) {
            case "1.2.840.10008.1.2" -> IMPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1" -> EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1.99" -> DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.2" -> EXPLICIT_VR_BIG_ENDIAN;
            default -> new TransferSyntax(u, COMPRESSED.getOrDefault(u, "unknown transfer syntax"), true, false, false, true);
        };
    }
}
