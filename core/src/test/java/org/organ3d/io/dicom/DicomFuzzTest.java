package org.organ3d.io.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for the DICOM reader (see docs/robustness.md): a Part 10 file read as a study
 * (parse incl. sequences, encapsulated frames and offset tables, frame headers, geometry, every
 * codec), a DICOMDIR in front of a small study, and one damaged member of a five-slice series.
 * Each read returns an image or throws an {@link IOException} naming the file.
 */
class DicomFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(DicomFuzzTest.class);
    }

    private static final String FIXTURES = "/org/organ3d/io/dicom/";

    @FuzzTest
    void part10(byte[] input) {
        Path f = HostileInputs.write("part10/fuzz.dcm", input);
        HostileInputs.readOrTypedError(f, IOException.class, () -> ImageFormats.read(f));
    }

    /** A DICOMDIR (the input) beside the files of the committed DICOMDIR fixture; the folder is read. */
    @FuzzTest
    void dicomdir(byte[] input) {
        Path dir = HostileInputs.scratch().resolve("dicomdir-study");
        if (!Files.isDirectory(dir.resolve("REF"))) {
            for (int i = 1; i <= 5; i++) {
                copy("dicomdir/REF/IM00000" + i, dir.resolve("REF/IM00000" + i));
                copy("dicomdir/OTHER/OT00000" + i, dir.resolve("OTHER/OT00000" + i));
            }
        }
        HostileInputs.write("dicomdir-study/DICOMDIR", input);
        HostileInputs.readOrTypedError(dir, IOException.class, () -> ImageFormats.read(dir));
    }

    /**
     * The input is one slice of a five-slice axial series (four intact slices of the phantom fixture
     * beside it); the folder is read. A damaged member must be skipped with a warning or fail the read
     * with an error naming the folder, never throw anything else.
     */
    @FuzzTest
    void seriesMember(byte[] input) {
        Path dir = HostileInputs.scratch().resolve("series");
        if (!Files.isDirectory(dir)) {
            String[] names = {"img_afazqzsx.dcm", "img_bavjdpmf.dcm", "img_btqndrhv.dcm", "img_bwgcyhxa.dcm"};
            for (String n : names) {
                copy("phantom-axial/" + n, dir.resolve(n));
            }
        }
        HostileInputs.write("series/zz-fuzz.dcm", input);
        HostileInputs.readOrTypedError(dir, IOException.class, () -> ImageFormats.read(dir));
    }

    private static void copy(String resource, Path to) {
        try (InputStream in = DicomFuzzTest.class.getResourceAsStream(FIXTURES + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            Files.createDirectories(to.getParent());
            Files.write(to, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
