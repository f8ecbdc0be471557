package org.organ3d.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.organ3d.io.dicom.codec.CodecFixtures.Fixture;

/**
 * Truncated, garbage, bit-flipped and mis-described streams give a {@link CodecException} (never
 * another exception, never a hang, never a huge allocation) in every decoder.
 */
class CorruptStreamTest {

    /** One lossless fixture per decoder path. */
    private static final List<String> SUBJECTS = List.of("ct16s_rle_gdcm", "rgb8_rle_dcmtk", "ct16s_jll_gdcm",
            "ct16s_jll_sv4", "rgb8_jll_gdcm", "ct16s_jls_gdcm", "rgb8_jls_is", "rgb8_jls_il", "rgb8_jls_in",
            "ct16u_jls_near2", "ct16s_j2k_gdcm", "gray8_jpeg", "rgb8_jpeg_ybr422", "ct12u_jpeg12",
            "ct16s_jll_rst3_sv6");

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TestFactory
    Stream<DynamicTest> truncatedStreamsFail() {
        return SUBJECTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture f = CodecFixtures.named(name);
            byte[] whole = f.frame(0);
            for (int len : new int[] {0, 1, 2, 3, 20, 63, 64, 70, whole.length / 3, whole.length / 2}) {
                byte[] cut = Arrays.copyOf(whole, Math.min(len, whole.length));
                CodecException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(CodecException.class,
                        () -> decoder(f).decode(cut, f.spec()), name + " cut to " + len + " bytes"));
                assertTrue(e.getMessage().contains("offset") || e.getMessage().contains(":"), e.getMessage());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> flippedBitsNeverEscapeAsOtherExceptions() {
        return SUBJECTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture f = CodecFixtures.named(name);
            byte[] whole = f.frame(0);
            Random random = new Random(name.hashCode());
            for (int trial = 0; trial < 12; trial++) {
                byte[] bad = whole.clone();
                for (int i = 0; i < 1 + trial; i++) {
                    int at = random.nextInt(bad.length);
                    bad[at] ^= (byte) (1 << random.nextInt(8));
                }
                assertTimeoutPreemptively(LIMIT, () -> decodeOrCodecException(f, bad));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> garbageFails() {
        return SUBJECTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture f = CodecFixtures.named(name);
            Random random = new Random(42);
            for (int trial = 0; trial < 4; trial++) {
                byte[] junk = new byte[64 + random.nextInt(4000)];
                random.nextBytes(junk);
                if (trial % 2 == 1) {
                    junk[0] = (byte) 0xFF;
                    junk[1] = (byte) 0xD8;
                }
                assertTimeoutPreemptively(LIMIT, () -> assertThrows(CodecException.class,
                        () -> decoder(f).decode(junk, f.spec())));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> streamThatDisagreesWithTheHeaderFails() {
        return SUBJECTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture f = CodecFixtures.named(name);
            FrameSpec s = f.spec();
            FrameSpec huge = new FrameSpec(20000, 20000, s.samplesPerPixel(), s.bitsAllocated(), s.bitsStored(),
                    s.signed(), s.planarConfiguration(), s.photometric());
            FrameSpec wider = new FrameSpec(s.columns() + 1, s.rows(), s.samplesPerPixel(), s.bitsAllocated(),
                    s.bitsStored(), s.signed(), s.planarConfiguration(), s.photometric());
            for (FrameSpec wrong : new FrameSpec[] {wider, huge}) {
                assertTimeoutPreemptively(LIMIT, () -> assertThrows(CodecException.class,
                        () -> decoder(f).decode(f.frame(0), wrong)));
            }
        }));
    }

    @Test
    void jpegHeaderWithAbsurdSizeFailsBeforeAllocating() {
        Fixture f = CodecFixtures.named("ct16s_jll_gdcm");
        byte[] frame = f.frame(0);
        for (int i = 0; i + 8 < frame.length; i++) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == 0xC3) {
                frame[i + 5] = (byte) 0xFF; // lines = 0xFFxx
                frame[i + 7] = (byte) 0xFF; // columns = 0xFFxx
            }
        }
        CodecException e = assertThrows(CodecException.class, () -> decoder(f).decode(frame, f.spec()));
        assertTrue(e.getMessage().contains("DICOM header says"), e.getMessage());
    }

    @Test
    void frameSpecRefusesFramesLargerThanAJavaArray() {
        assertThrows(IllegalArgumentException.class,
                () -> new FrameSpec(65535, 65535, 1, 16, 16, false, 0, "MONOCHROME2"));
    }

    @Test
    void rleSegmentOffsetsPastTheEndFail() {
        Fixture f = CodecFixtures.named("ct16s_rle_gdcm");
        byte[] frame = f.frame(0);
        frame[8] = (byte) 0xFF;
        frame[9] = (byte) 0xFF;
        frame[10] = (byte) 0xFF;
        frame[11] = (byte) 0x7F;
        CodecException e = assertThrows(CodecException.class, () -> decoder(f).decode(frame, f.spec()));
        assertTrue(e.getMessage().startsWith("RLE Lossless: segment 0 spans bytes 64..2147483647"), e.getMessage());
        assertTrue(e.getMessage().endsWith("byte offset 4"), e.getMessage());
    }

    @Test
    void arithmeticCodedJpegIsReportedAsUnsupported() {
        Fixture f = CodecFixtures.named("ct16s_jll_gdcm");
        byte[] frame = f.frame(0);
        for (int i = 0; i + 1 < frame.length; i++) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == 0xC3) {
                frame[i + 1] = (byte) 0xCB; // SOF11: lossless, arithmetic coding
                break;
            }
        }
        CodecException e = assertThrows(CodecException.class, () -> decoder(f).decode(frame, f.spec()));
        assertTrue(e.getMessage().contains("unsupported JPEG process (SOF marker FFCB"), e.getMessage());
    }

    @Test
    void missingRestartMarkerIsReported() {
        Fixture f = CodecFixtures.named("ct16s_jll_rst1_sv1");
        byte[] frame = f.frame(0);
        int hits = 0;
        for (int i = 0; i + 1 < frame.length; i++) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == 0xD3) {
                frame[i + 1] = (byte) 0xD5; // RST3 relabelled RST5
                hits++;
            }
        }
        assertTrue(hits > 0);
        CodecException e = assertThrows(CodecException.class, () -> decoder(f).decode(frame, f.spec()));
        assertTrue(e.getMessage().contains("expected restart marker RST3, found FFD5"), e.getMessage());
    }

    @Test
    void sequentialScanWithSpectralEndZeroDecodesAsLibjpegDoes() throws CodecException {
        // pydicom's JPEG-lossy.dcm differs from its fixed twin JPGExtended.dcm by Se = 0 in the SOS
        Fixture f = CodecFixtures.named("pydicom_JPGExtended");
        byte[] frame = f.frame(0);
        int[] expected = decoder(f).decode(frame, f.spec());
        for (int i = 0; i + 11 < frame.length; i++) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == 0xDA) {
                assertEquals(63, frame[i + 8] & 0xFF);
                frame[i + 8] = 0;
                break;
            }
        }
        assertArrayEquals(expected, decoder(f).decode(frame, f.spec()));
    }

    @Test
    void unknownSyntaxHasNoDecoder() {
        assertTrue(Codecs.forTransferSyntax("1.2.840.10008.1.2.4.100").isEmpty());
        assertTrue(Codecs.forTransferSyntax("1.2.840.10008.1.2.1").isEmpty());
        assertEquals(JpegLsDecoder.class, Codecs.forTransferSyntax("1.2.840.10008.1.2.4.80 ").orElseThrow().getClass());
    }

    private static void decodeOrCodecException(Fixture f, byte[] data) {
        try {
            int[] out = decoder(f).decode(data, f.spec());
            assertEquals(f.spec().sampleCount(), out.length);
        } catch (CodecException expected) {
            // a detected corruption is a correct outcome
        }
    }

    private static FrameDecoder decoder(Fixture f) {
        return Codecs.forTransferSyntax(f.syntax()).orElseThrow();
    }
}
