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

    /**
     * Asserts that two files hold the same dataset element by element (tag, VR, value bytes, items of
     * sequences recursively), whatever the lengths of sequences and items were encoded as.
     */
    static void assertSameElements(Path expected, Path actual) throws IOException {
        same(org.organ3d.io.dicom.DicomParser.read(expected).dataset(),
                org.organ3d.io.dicom.DicomParser.read(actual).dataset(), "");
    }

    private static void same(org.organ3d.io.dicom.Attributes a, org.organ3d.io.dicom.Attributes b, String path) {
        java.util.List<org.organ3d.io.dicom.Attributes.Element> x = new java.util.ArrayList<>(a.elements());
        java.util.List<org.organ3d.io.dicom.Attributes.Element> y = new java.util.ArrayList<>(b.elements());
        if (x.size() != y.size()) {
            throw new AssertionError(path + ": " + x.size() + " elements != " + y.size() + "\n" + a + "\n" + b);
        }
        for (int i = 0; i < x.size(); i++) {
            org.organ3d.io.dicom.Attributes.Element e = x.get(i);
            org.organ3d.io.dicom.Attributes.Element f = y.get(i);
            String at = path + org.organ3d.io.dicom.Tag.toString(e.tag());
            if (e.tag() != f.tag() || e.vr() != f.vr() || !e.value().equals(f.value())
                    || e.items().size() != f.items().size()) {
                throw new AssertionError(at + " differs: " + e + " != " + f);
            }
            for (int k = 0; k < e.items().size(); k++) {
                same(e.items().get(k), f.items().get(k), at + "[" + k + "]");
            }
        }
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
