package org.organ3d.io.metaimage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for the MetaImage reader (see docs/robustness.md): a {@code .mha} with its data
 * inside, and a {@code .mhd} whose data file is {@code fuzz.raw} (the input up to its first blank
 * line is the header, the rest the data; a mutated {@code ElementDataFile} may name any other file,
 * which must stay inside the folder). Each read returns an image or throws an
 * {@link ImageFormatException} naming the file.
 */
class MetaImageFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(MetaImageFuzzTest.class);
    }

    @FuzzTest
    void mha(byte[] input) {
        Path f = HostileInputs.write("mha/fuzz.mha", input);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }

    @FuzzTest
    void mhd(byte[] input) {
        byte[][] parts = HostileInputs.splitAtBlankLine(input);
        Path f = HostileInputs.write("mhd/fuzz.mhd", parts[0]);
        HostileInputs.write("mhd/fuzz.raw", parts[1]);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }
}
