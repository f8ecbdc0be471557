package org.organ3d.io.nifti;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Path;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for the NIfTI reader (see docs/robustness.md): a single file as {@code .nii}, the raw
 * bytes of a {@code .nii.gz} (damage to the gzip stream itself), and a {@code .hdr}/{@code .img}
 * pair (the first 348 bytes are the header). Each read returns an image or throws an
 * {@link ImageFormatException} naming the file.
 */
class NiftiFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(NiftiFuzzTest.class);
    }

    @FuzzTest
    void nii(byte[] input) {
        Path f = HostileInputs.write("nifti/fuzz.nii", input);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }

    @FuzzTest
    void niiGz(byte[] input) {
        Path f = HostileInputs.write("nifti/fuzz.nii.gz", input);
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }

    @FuzzTest
    void hdrImg(byte[] input) {
        int h = Math.min(input.length, 348);
        Path f = HostileInputs.write("pair/fuzz.hdr", java.util.Arrays.copyOf(input, h));
        HostileInputs.write("pair/fuzz.img", java.util.Arrays.copyOfRange(input, h, input.length));
        HostileInputs.readOrTypedError(f, ImageFormatException.class, () -> ImageFormats.read(f));
    }
}
