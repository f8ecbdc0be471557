package org.organ3d.io.metaimage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.raw.BadInputs;

/** Malformed MetaImage files give a {@link MetaImageFormatException} naming the file and the cause. */
class MetaImageBadInputTest {

    @TempDir
    Path dir;

    static final String HEAD = "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
            + "TransformMatrix = 1 0 0 0 1 0 0 0 1\nOffset = 0 0 0\nElementSpacing = 1 1 1\nDimSize = 4 3 2\nElementType = MET_SHORT\n";

    private void fails(String name, byte[] content, String... words) throws IOException {
        BadInputs.fails(MetaImageFormatException.class, new MetaImageFormat(), dir.resolve(name), content, words);
    }

    private static byte[] zlib(byte[] b) {
        Deflater d = new Deflater();
        d.setInput(b);
        d.finish();
        byte[] out = new byte[b.length + 64];
        int n = d.deflate(out);
        return Arrays.copyOf(out, n);
    }

    @Test
    void good() throws IOException {
        Path f = dir.resolve("ok.mha");
        Files.write(f, BadInputs.cat(HEAD + "ElementDataFile = LOCAL\n", new byte[48]));
        new MetaImageFormat().read(f);
    }

    @Test
    void notAHeader() throws IOException {
        fails("bin.mha", new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 10, 11}, "not a MetaImage header line");
    }

    @Test
    void noDataFileLine() throws IOException {
        fails("nodf.mha", HEAD.getBytes(StandardCharsets.US_ASCII), "ElementDataFile");
    }

    @Test
    void truncated() throws IOException {
        fails("t.mha", BadInputs.cat(HEAD + "ElementDataFile = LOCAL\n", new byte[40]), "truncated");
    }

    @Test
    void truncatedCompressed() throws IOException {
        byte[] z = zlib(new byte[48]);
        fails("tz.mha", BadInputs.cat(HEAD + "CompressedData = True\nElementDataFile = LOCAL\n", Arrays.copyOf(z, z.length - 6)), "ends early");
    }

    @Test
    void compressedSizeLargerThanFile() throws IOException {
        byte[] z = zlib(new byte[48]);
        fails("cs.mha", BadInputs.cat(HEAD + "CompressedData = True\nCompressedDataSize = 5000\nElementDataFile = LOCAL\n", z), "CompressedDataSize");
    }

    @Test
    void absurdSizeCompressed() throws IOException {
        fails("huge.mha", BadInputs.cat(HEAD.replace("DimSize = 4 3 2", "DimSize = 20000 20000 20000") + "CompressedData = True\nElementDataFile = LOCAL\n",
                zlib(new byte[48])), "absurd size");
    }

    @Test
    void dimSizeMismatch() throws IOException {
        fails("dm.mha", BadInputs.cat(HEAD.replace("DimSize = 4 3 2", "DimSize = 4 3") + "ElementDataFile = LOCAL\n", new byte[48]), "DimSize");
    }

    @Test
    void negativeSpacing() throws IOException {
        fails("neg.mha", BadInputs.cat(HEAD.replace("ElementSpacing = 1 1 1", "ElementSpacing = 1 -1 1") + "ElementDataFile = LOCAL\n", new byte[48]),
                "ElementSpacing", "positive");
    }

    @Test
    void nanSpacing() throws IOException {
        fails("nan.mha", BadInputs.cat(HEAD.replace("ElementSpacing = 1 1 1", "ElementSpacing = 1 nan 1") + "ElementDataFile = LOCAL\n", new byte[48]),
                "ElementSpacing");
    }

    @Test
    void unsupportedType() throws IOException {
        fails("ty.mha", BadInputs.cat(HEAD.replace("MET_SHORT", "MET_LONG_LONG") + "ElementDataFile = LOCAL\n", new byte[96]), "unsupported ElementType");
    }

    @Test
    void multiChannel() throws IOException {
        fails("ch.mha", BadInputs.cat(HEAD + "ElementNumberOfChannels = 3\nElementDataFile = LOCAL\n", new byte[144]), "multi-component");
    }

    @Test
    void missingDataFile() throws IOException {
        fails("x.mhd", (HEAD + "ElementDataFile = nowhere.raw\n").getBytes(StandardCharsets.US_ASCII), "does not exist");
    }

    @Test
    void listDataFiles() throws IOException {
        fails("l.mhd", (HEAD + "ElementDataFile = LIST\n").getBytes(StandardCharsets.US_ASCII), "not supported");
    }
}
