package org.organ3d.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.raw.BadInputs;

/** Malformed NRRD files give a {@link NrrdFormatException} naming the file and the cause. */
class NrrdBadInputTest {

    @TempDir
    Path dir;

    static final String HEAD = "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 4 3 2\n"
            + "space directions: (1,0,0) (0,1,0) (0,0,1)\nendian: little\nspace origin: (0,0,0)\n";

    private void fails(String name, byte[] content, String... words) throws IOException {
        BadInputs.fails(NrrdFormatException.class, new NrrdFormat(), dir.resolve(name), content, words);
    }

    @Test
    void good() throws IOException {
        Path f = dir.resolve("ok.nrrd");
        Files.write(f, BadInputs.cat(HEAD + "encoding: raw\n\n", new byte[48]));
        new NrrdFormat().read(f);
    }

    @Test
    void wrongMagic() throws IOException {
        fails("m.nrrd", BadInputs.cat("NRRD9X\n", new byte[10]), "not a NRRD file");
    }

    @Test
    void truncatedRaw() throws IOException {
        fails("t.nrrd", BadInputs.cat(HEAD + "encoding: raw\n\n", new byte[47]), "truncated");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = BadInputs.gzip(new byte[48]);
        fails("tg.nrrd", BadInputs.cat(HEAD + "encoding: gzip\n\n", Arrays.copyOf(gz, gz.length - 12)), "ends early");
    }

    @Test
    void absurdSizeInSmallGzip() throws IOException {
        fails("huge.nrrd", BadInputs.cat(HEAD.replace("sizes: 4 3 2", "sizes: 20000 20000 20000") + "encoding: gzip\n\n", BadInputs.gzip(new byte[48])), "absurd size");
    }

    @Test
    void sizeAboveLimit() throws IOException {
        fails("big.nrrd", BadInputs.cat(HEAD.replace("sizes: 4 3 2", "sizes: 4 3 9999999") + "encoding: raw\n\n", new byte[48]), "absurd");
    }

    @Test
    void sizesDoNotMatchDimension() throws IOException {
        fails("d.nrrd", BadInputs.cat(HEAD.replace("sizes: 4 3 2", "sizes: 4 3") + "encoding: raw\n\n", new byte[48]), "dimension");
    }

    @Test
    void nanDirection() throws IOException {
        fails("nan.nrrd", BadInputs.cat(HEAD.replace("(0,1,0)", "(0,nan,0)") + "encoding: raw\n\n", new byte[48]), "finite");
    }

    @Test
    void negativeSpacing() throws IOException {
        String h = "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nspacings: 1 -1 1\nencoding: raw\n\n";
        fails("neg.nrrd", BadInputs.cat(h, new byte[8]), "spacing", "positive");
    }

    @Test
    void unsupportedType() throws IOException {
        fails("ty.nrrd", BadInputs.cat(HEAD.replace("short", "long long") + "encoding: raw\n\n", new byte[96]), "unsupported type");
    }

    @Test
    void unsupportedEncoding() throws IOException {
        fails("bz.nrrd", BadInputs.cat(HEAD + "encoding: bzip2\n\n", new byte[48]), "bzip2");
    }

    @Test
    void missingField() throws IOException {
        fails("mf.nrrd", BadInputs.cat(HEAD.replace("type: short\n", "") + "encoding: raw\n\n", new byte[48]), "\"type\"");
    }

    @Test
    void missingDetachedFile() throws IOException {
        fails("x.nhdr", (HEAD + "encoding: raw\ndata file: nowhere.raw\n").getBytes(StandardCharsets.US_ASCII), "does not exist");
    }

    @Test
    void multiComponentImage() throws IOException {
        String h = "NRRD0004\ntype: uchar\ndimension: 4\nsizes: 3 2 2 2\nkinds: RGB-color domain domain domain\nencoding: raw\n\n";
        fails("rgb.nrrd", BadInputs.cat(h, new byte[24]), "multi-component");
    }

    @Test
    void badAsciiValue() throws IOException {
        String h = "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 1\nencoding: ascii\n\n";
        fails("a.nrrd", BadInputs.cat(h, "1 2 300 4\n".getBytes(StandardCharsets.US_ASCII)), "300");
    }
}
