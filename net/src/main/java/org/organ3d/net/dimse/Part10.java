package org.organ3d.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.dicom.DicomParseException;

/**
 * Where the dataset of a DICOM Part 10 file begins (after the preamble, {@code DICM} and the file meta
 * group), so that a file can be sent on the network as stored, streamed, without decoding. Thread-safe.
 */
final class Part10 {

    private Part10() {
    }

    /**
     * The byte offset of the dataset in {@code file}: 0 for a bare dataset without preamble, else the
     * end of group 0002 (walked element by element in explicit VR little endian, as PS3.10 writes it,
     * so a wrong group length does not mislead).
     *
     * @throws DicomParseException if the meta group is malformed
     */
    static long datasetOffset(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        if (head.length < 132 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 132;
        while (pos + 8 <= head.length && b.getShort(pos) == 0x0002) {
            boolean longForm = isLongVr(head[pos + 4], head[pos + 5]);
            long len;
            int headerLen;
            if (longForm) {
                if (pos + 12 > head.length) {
                    break;
                }
                len = b.getInt(pos + 8) & 0xFFFFFFFFL;
                headerLen = 12;
            } else {
                len = b.getShort(pos + 6) & 0xFFFF;
                headerLen = 8;
            }
            if (pos + headerLen + len > head.length) {
                throw new DicomParseException(file, pos, "the file meta group runs past its first 64 KiB");
            }
            pos += headerLen + (int) len;
        }
        return pos;
    }

    private static boolean isLongVr(byte a, byte b) {
        String vr = new String(new char[] {(char) a, (char) b});
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }
}
