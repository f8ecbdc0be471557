package org.organ3d.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed NRRD files give a {@link NrrdFormatException} naming the file and the cause. */
class NrrdBadInputTest {

    @TempDir
    Path dir;

    static final String HEAD = "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 4 3 2\n"
            + "space directions: (1,0,0) (0,1,0) (0,0,1)\nendian: little\nspace origin: (0,0,0)\n";

    private void fails(String name, byte[] content, String... words) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        NrrdFormatException e = assertThrows(NrrdFormatException.class, () -> new NrrdFormat().read(f));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    private static byte[] cat(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] r = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, r, h.length, data.length);
        return r;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    @Test
    void good() throws IOException {
        Path f = dir.resolve("ok.nrrd");
        Files.write(f, cat(HEAD + "encoding: raw\n\n", new byte[48]));
        new NrrdFormat().read(f);
    }

    @Test
    void wrongMagic() throws IOException {
        fails("m.nrrd", cat("NRRD9X\n", new byte[10]), "not a NRRD file");
    }

    @Test
    void truncatedRaw() throws IOException {
        fails("t.nrrd", cat(HEAD + "encoding: raw\n\n", new byte[47]), "truncated");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(new byte[48]);
        fails("tg.nrrd", cat(HEAD + "encoding: gzip\n\n", Arrays.copyOf(gz, gz.length - 12)), "ends early");
    }

    @Test
    void absurdSizeInSmallGzip() throws IOException {
        fails("huge.nrrd", cat(HEAD.replace("sizes: 4 3 2", "sizes: 20000 20000 20000") + "encoding: gzip\n\n", gzip(new byte[48])), "absurd size");
    }

    @Test
    void sizeAboveLimit() throws IOException {
        fails("big.nrrd", cat(HEAD.replace("sizes: 4 3 2", "sizes: 4 3 9999999") + "encoding: raw\n\n", new byte[48]), "absurd");
    }

    @Test
    void sizesDoNotMatchDimension() throws IOException {
        fails("d.nrrd", cat(HEAD.replace("sizes: 4 3 2", "sizes: 4 3") + "encoding: raw\n\n", new byte[48]), "dimension");
    }

    @Test
    void nanDirection() throws IOException {
        fails("nan.nrrd", cat(HEAD.replace("(0,1,0)", "(0,nan,0)") + "encoding: raw\n\n", new byte[48]), "finite");
    }

    @Test
    void negativeSpacing() throws IOException {
        String h = "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nspacings: 1 -1 1\nencoding: raw\n\n";
        fails("neg.nrrd", cat(h, new byte[8]), "spacing", "positive");
    }

    @Test
    void unsupportedType() throws IOException {
        fails("ty.nrrd", cat(HEAD.replace("short", "long long") + "encoding: raw\n\n", new byte[96]), "unsupported type");
    }

    @Test
    void unsupportedEncoding() throws IOException {
        fails("bz.nrrd", cat(HEAD + "encoding: bzip2\n\n", new byte[48]), "bzip2");
    }

    @Test
    void missingField() throws IOException {
        fails("mf.nrrd", cat(HEAD.replace("type: short\n", "") + "encoding: raw\n\n", new byte[48]), "\"type\"");
    }

    @Test
    void missingDetachedFile() throws IOException {
        fails("x.nhdr", (HEAD + "encoding: raw\ndata file: nowhere.raw\n").getBytes(StandardCharsets.US_ASCII), "does not exist");
    }

    @Test
    void multiComponentImage() throws IOException {
        String h = "NRRD0004\ntype: uchar\ndimension: 4\nsizes: 3 2 2 2\nkinds: RGB-color domain domain domain\nencoding: raw\n\n";
        fails("rgb.nrrd", cat(h, new byte[24]), "multi-component");
    }

    @Test
    void badAsciiValue() throws IOException {
        String h = "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 1\nencoding: ascii\n\n";
        fails("a.nrrd", cat(h, "1 2 300 4\n".getBytes(StandardCharsets.US_ASCII)), "300");
    }
}
