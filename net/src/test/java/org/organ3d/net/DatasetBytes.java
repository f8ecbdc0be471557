package org.organ3d.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of a Part 10 file after its meta group (the dataset as stored), found by walking group
 * 0002 by hand, independently of organ3d's parser, for byte-identity checks.
 */
final class DatasetBytes {

    private DatasetBytes() {
    }

    static byte[] of(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 132 || all[128] != 'D' || all[131] != 'M') {
            throw new IOException(file + " is not a Part 10 file");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 132;
        while (pos + 8 <= all.length && b.getShort(pos) == 2) {
            String vr = new String(all, pos + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            boolean longForm = "OB OW OF SQ UT UN UC UR OD OL OV SV UV".contains(vr);
            int len = longForm ? b.getInt(pos + 8) : b.getShort(pos + 6) & 0xFFFF;
            pos += (longForm ? 12 : 8) + len;
        }
        return Arrays.copyOfRange(all, pos, all.length);
    }
}
