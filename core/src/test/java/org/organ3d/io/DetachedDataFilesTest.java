package org.organ3d.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.metaimage.MetaImageFormatException;
import org.organ3d.io.nrrd.NrrdFormatException;

/**
 * Detached headers (NRRD {@code data file}, MetaImage {@code ElementDataFile}) name data files below
 * their own folder only: an absolute name or a {@code ..} escape is refused with a typed error
 * naming the header, even when the file exists and has exactly the size the header asks for, unless
 * {@link ReadOptions#dataFilesOutsideFolder()} allows it.
 */
class DetachedDataFilesTest {

    @TempDir
    Path tmp;

    /** 4x3x2 uint8 voxels 0..23 in {@code outside/secret.raw}; the headers live in {@code study/}. */
    private Path secret() throws Exception {
        Path s = Files.createDirectories(tmp.resolve("outside")).resolve("secret.raw");
        byte[] b = new byte[24];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        Files.write(s, b);
        Files.createDirectories(tmp.resolve("study"));
        return s;
    }

    private Path nhdr(String dataFile) throws Exception {
        Path h = tmp.resolve("study/h.nhdr");
        Files.writeString(h, "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 3 2\nencoding: raw\ndata file: " + dataFile + "\n",
                StandardCharsets.US_ASCII);
        return h;
    }

    private Path mhd(String dataFile) throws Exception {
        Path h = tmp.resolve("study/h.mhd");
        Files.writeString(h, "ObjectType = Image\nNDims = 3\nDimSize = 4 3 2\nElementType = MET_UCHAR\nElementDataFile = "
                + dataFile + "\n", StandardCharsets.US_ASCII);
        return h;
    }

    @Test
    void nrrdRefusesAbsoluteAndParentDataFiles() throws Exception {
        Path s = secret();
        for (String name : new String[] {s.toString(), "../outside/secret.raw", "sub/../../outside/secret.raw"}) {
            Path h = nhdr(name);
            NrrdFormatException e = assertThrows(NrrdFormatException.class, () -> ImageFormats.read(h));
            assertTrue(e.getMessage().startsWith(h.toString()) && e.getMessage().contains("refused unless the read options"),
                    e.getMessage());
            if (!name.startsWith("sub/")) {
                // NB: the file system resolves sub/.. only when sub exists
                assertEquals(23.0, ImageFormats.read(h, ReadOptions.builder().dataFilesOutsideFolder(true).build())
                        .volume().raw(3, 2, 1), name);
            }
        }
    }

    @Test
    void metaImageRefusesAbsoluteAndParentDataFiles() throws Exception {
        Path s = secret();
        for (String name : new String[] {s.toString(), "../outside/secret.raw"}) {
            Path h = mhd(name);
            MetaImageFormatException e = assertThrows(MetaImageFormatException.class, () -> ImageFormats.read(h));
            assertTrue(e.getMessage().startsWith(h.toString()) && e.getMessage().contains("outside"), e.getMessage());
            assertEquals(23.0, ImageFormats.read(h, ReadOptions.builder().dataFilesOutsideFolder(true).build())
                    .volume().raw(3, 2, 1), name);
        }
    }

    @Test
    void dataFilesBelowTheFolderStillRead() throws Exception {
        Path s = secret();
        Files.createDirectories(tmp.resolve("study/data"));
        Files.copy(s, tmp.resolve("study/data/v.raw"));
        assertEquals(23.0, ImageFormats.read(nhdr("data/v.raw")).volume().raw(3, 2, 1));
        assertEquals(23.0, ImageFormats.read(nhdr("data/../data/v.raw")).volume().raw(3, 2, 1));
        assertEquals(23.0, ImageFormats.read(mhd("data/v.raw")).volume().raw(3, 2, 1));
    }

    @Test
    void namesOfSpecialFilesAreRefusedEvenWhenAllowed() throws Exception {
        secret();
        Path h = nhdr("/dev/zero");
        NrrdFormatException e = assertThrows(NrrdFormatException.class,
                () -> ImageFormats.read(h, ReadOptions.builder().dataFilesOutsideFolder(true).build()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void theOutsideCheckIsLexical() {
        Path dir = Path.of("/a/b");
        assertEquals(null, NamedPaths.outside(dir, "c.raw"));
        assertEquals(null, NamedPaths.outside(dir, "x/../c.raw"));
        assertTrue(NamedPaths.outside(dir, "/etc/passwd").contains("absolute"));
        assertEquals(null, NamedPaths.outside(dir, "../b/c.raw"));
        assertTrue(NamedPaths.outside(dir, "../c.raw").contains("leads out"));
        assertTrue(NamedPaths.outside(dir, "..").contains("leads out"));
        assertTrue(NamedPaths.outside(dir, "a\0b").contains("not a valid"));
    }
}
