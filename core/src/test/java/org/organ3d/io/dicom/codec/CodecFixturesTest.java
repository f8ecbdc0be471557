package org.organ3d.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.organ3d.io.dicom.codec.CodecFixtures.Fixture;

/**
 * Every committed fixture frame (made by GDCM, dcmtk or taken from pydicom's test files) decodes to
 * the stored samples of the uncompressed original: bit-exactly for lossless syntaxes, within the
 * manifest's tolerance for lossy ones ("maxN": |error| ≤ N against the original, the JPEG-LS NEAR
 * bound; "refN": |error| ≤ N against GDCM's decoding of the same stream; "ptN": exact after the
 * point transform dropped N low bits).
 */
class CodecFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureDecodes() {
        return CodecFixtures.all().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> check(f)));
    }

    static void check(Fixture f) throws CodecException {
        FrameDecoder decoder = Codecs.forTransferSyntax(f.syntax())
                .orElseThrow(() -> new AssertionError("no decoder for " + f.syntax()));
        int[] expected = f.expectedSamples();
        int n = f.spec().sampleCount();
        long maxErr = 0;
        double sumSq = 0;
        for (int k = 0; k < f.frames(); k++) {
            int[] got = decoder.decode(f.frame(k), f.spec());
            assertEquals(n, got.length, f + ": sample count");
            for (int i = 0; i < n; i++) {
                long e = expected(f, expected[k * n + i]);
                long d = Math.abs(Integer.toUnsignedLong(got[i]) - e);
                if (f.tolerance().equals("exact") || f.tolerance().startsWith("pt")) {
                    if (d != 0) {
                        fail(f + ": frame " + k + " sample " + i + " (x=" + (i / f.spec().samplesPerPixel()) % f.spec()
                                .columns() + ", y=" + i / f.spec().samplesPerPixel() / f.spec().columns() + ") is "
                                + Integer.toUnsignedString(got[i]) + ", expected " + e);
                    }
                }
                maxErr = Math.max(maxErr, d);
                sumSq += (double) d * d;
            }
        }
        if (f.tolerance().startsWith("max") || f.tolerance().startsWith("ref")) {
            int bound = Integer.parseInt(f.tolerance().substring(3));
            System.out.printf("%s: max |error| %d (bound %d), rms %.3f%n", f, maxErr, bound,
                    Math.sqrt(sumSq / ((double) n * f.frames())));
            assertTrue(maxErr <= bound, f + ": max |error| " + maxErr + " > " + bound);
        }
    }

    private static long expected(Fixture f, int stored) {
        long v = Integer.toUnsignedLong(stored);
        if (f.tolerance().startsWith("pt")) {
            int pt = Integer.parseInt(f.tolerance().substring(2));
            v &= ~((1L << pt) - 1);
        }
        return v;
    }
}
