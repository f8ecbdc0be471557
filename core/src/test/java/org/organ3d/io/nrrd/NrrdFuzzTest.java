package org.organ3d.io.nrrd;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for the NRRD reader (see docs/robustness.md): an attached {@code .nrrd}, a Slicer
 * {@code .seg.nrrd} (segment names, colours, layers), and a detached {@code .nhdr} whose data file
 * is {@code fuzz.raw} (the input up to its first blank line is the header, the rest the data; a
 * mutated {@code data file} line may name any other file, which must stay inside the folder). Each
 * read returns an image or throws an {@link ImageFormatException} naming the file.
 */
class NrrdFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(NrrdFuzzTest.class);
    }

    @FuzzTest
    void nrrd(byte[] input) {
        Path f = HostileInputs.write("nrrd/fuzz.nrrd", input);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }

    @FuzzTest
    void segNrrd(byte[] input) {
        Path f = HostileInputs.write("nrrd/fuzz.seg.nrrd", input);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }

    @FuzzTest
    void nhdr(byte[] input) {
        byte[][] parts = HostileInputs.splitAtBlankLine(input);
        Path f = HostileInputs.write("nhdr/fuzz.nhdr", parts[0]);
        HostileInputs.write("nhdr/fuzz.raw", parts[1]);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }
}
