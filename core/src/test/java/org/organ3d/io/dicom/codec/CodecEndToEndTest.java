package org.organ3d.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.volume.Volume;

/**
 * Whole transcoded files (GDCM / dcmtk, committed under {@code dcm/}) read through organ3d's own
 * DICOM reader decode voxel by voxel like the uncompressed original read the same way: exactly for
 * lossless syntaxes, within a stated bound for lossy ones. Colour files become luminance in the
 * reader, so they are compared as luminance.
 */
class CodecEndToEndTest {

    /** JPEG-LS near-lossless: max |error| against the original may not pass NEAR (T.87). */
    private static final Map<String, Integer> NEAR = Map.of("ct16u_jls_near2", 2);
    /**
     * Other lossy fixtures: minimum PSNR in dB against the original, peak = 2^bitsStored − 1. Set a
     * little under what the encoder settings give (gdcmconv -q 45 targets 45 dB; dcmcjpeg quality 90),
     * so that a wrong colour transform, IDCT or sign handling (PSNR far below 30 dB) fails.
     */
    private static final Map<String, Double> MIN_PSNR = Map.of("ct16s_j2k_lossy", 44.0, "rgb8_jpeg_ybr422", 40.0,
            "gray8_jpeg", 36.0, "ct12u_jpeg12", 55.0);

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> transcodedFilesReadLikeTheOriginal() {
        return CodecFixtures.all().stream()
                .filter(f -> CodecEndToEndTest.class.getResource("/org/organ3d/io/dicom/codec/dcm/" + f.name() + ".dcm")
                        != null)
                .map(f -> DynamicTest.dynamicTest(f.name(), () -> compare(f.name())));
    }

    private void compare(String fixture) throws IOException {
        String original = fixture.substring(0, fixture.indexOf('_'));
        Volume expected = read("originals/" + original + ".dcm");
        Volume got = read("dcm/" + fixture + ".dcm");
        assertEquals(expected.dimensions(), got.dimensions(), fixture);
        assertEquals(expected.rescale(), got.rescale(), fixture);
        boolean lossless = !NEAR.containsKey(fixture) && !MIN_PSNR.containsKey(fixture);
        double maxErr = 0;
        double sumSq = 0;
        long n = 0;
        for (int k = 0; k < got.nz(); k++) {
            for (int j = 0; j < got.ny(); j++) {
                for (int i = 0; i < got.nx(); i++) {
                    double d = Math.abs(got.raw(i, j, k) - expected.raw(i, j, k));
                    if (lossless && d != 0) {
                        throw new AssertionError(fixture + ": voxel (" + i + "," + j + "," + k + ") is " + got.raw(i, j, k)
                                + ", the uncompressed original has " + expected.raw(i, j, k));
                    }
                    maxErr = Math.max(maxErr, d);
                    sumSq += d * d;
                    n++;
                }
            }
        }
        double rms = Math.sqrt(sumSq / n);
        int bits = CodecFixtures.named(fixture).spec().bitsStored();
        double psnr = 20 * Math.log10(((1L << bits) - 1) / Math.max(rms, 1e-12));
        if (!lossless) {
            System.out.printf("%s vs original: max |error| %.0f, rms %.2f, PSNR %.1f dB%n", fixture, maxErr, rms, psnr);
        }
        if (NEAR.containsKey(fixture)) {
            assertTrue(maxErr <= NEAR.get(fixture), fixture + ": max |error| " + maxErr + " > NEAR " + NEAR.get(fixture));
        }
        if (MIN_PSNR.containsKey(fixture)) {
            assertTrue(psnr >= MIN_PSNR.get(fixture), fixture + ": PSNR " + psnr + " dB < " + MIN_PSNR.get(fixture));
        }
    }

    private Volume read(String resource) throws IOException {
        Path p = dir.resolve(resource.replace('/', '_'));
        Files.write(p, CodecFixtures.resource(resource));
        return DicomSeriesReader.readFile(p, ReadOptions.defaults()).volume();
    }
}
