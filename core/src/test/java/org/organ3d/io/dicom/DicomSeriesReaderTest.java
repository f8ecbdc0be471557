package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;

/** Folder scanning and series selection: mixed folders, junk, bad files, duplicates, gaps, empty folders. */
class DicomSeriesReaderTest {

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void emptyFolderIsATypedError() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(empty));
        assertTrue(e.getMessage().contains("no files"), e.getMessage());
        Files.writeString(empty.resolve("notes.txt"), "hello");
        e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(empty));
        assertTrue(e.getMessage().contains("no readable DICOM images"), e.getMessage());
    }

    @Test
    void mixedFolderTakesLargestSeriesAndSkipsBadFiles() throws Exception {
        Path mixed = tmp.resolve("mixed");
        Fixtures.copyFolder("phantom-oblique", mixed.resolve("a"));
        Fixtures.copyFolder("phantom-tilted", mixed.resolve("b/c"));
        Files.writeString(mixed.resolve("readme.txt"), "not DICOM");
        byte[] one = Files.readAllBytes(files(mixed.resolve("a")).get(0));
        Files.write(mixed.resolve("truncated.dcm"), Arrays.copyOf(one, one.length - 100));
        LoadedImage img = ImageFormats.read(mixed);
        assertEquals(12, img.volume().nz(), "the oblique series (12) is larger than the tilted one (10)");
        List<String> w = img.warnings();
        assertTrue(w.stream().anyMatch(x -> x.contains("readme.txt") && x.contains("not a DICOM file")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("truncated.dcm") && x.contains("runs past the end")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("2 series found")), w.toString());
        PhantomSeriesTest.assertPhantomVoxels(img.volume());

        String tiltedUid = ImageFormats.read(Fixtures.path("phantom-tilted")).attributes().get("seriesInstanceUID");
        LoadedImage chosen = DicomSeriesReader.readFolder(mixed, tiltedUid);
        assertEquals(10, chosen.volume().nz());
        assertEquals(tiltedUid, chosen.attributes().get("seriesInstanceUID"));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> DicomSeriesReader.readFolder(mixed, "1.2.3"));
        assertTrue(e.getMessage().contains("no series with UID 1.2.3"), e.getMessage());
    }

    @Test
    void duplicatedPositionsAreDroppedWithAWarning() throws Exception {
        Path dir = tmp.resolve("dup");
        Fixtures.copyFolder("phantom-oblique", dir);
        Path first = files(dir).get(0);
        Files.copy(first, dir.resolve("copy_of_first.dcm"));
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(12, img.volume().nz());
        assertTrue(img.warnings().stream().anyMatch(x -> x.contains("duplicate")), img.warnings().toString());
        PhantomSeriesTest.assertPhantomVoxels(img.volume());
    }

    @Test
    void missingSliceIsReported() throws Exception {
        Path dir = tmp.resolve("gap");
        Fixtures.copyFolder("phantom-axial", dir);
        // remove the slice at z = -50 + 2.5 * 20 = 0 (found by its position, not its name)
        for (Path p : files(dir)) {
            double z = DicomParser.readHeader(p).dataset().getDoubles(Tag.ImagePositionPatient)[2];
            if (Math.abs(z) < 1e-9) {
                Files.delete(p);
            }
        }
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(39, img.volume().nz());
        assertTrue(img.warnings().stream().anyMatch(x -> x.contains("non-uniform")), img.warnings().toString());
        assertTrue(img.warnings().stream().anyMatch(x -> x.contains("missing slices: about 1")), img.warnings().toString());
    }
}
