package org.organ3d.io.dicom.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for each frame decoder (see docs/robustness.md). An input is an 8-byte frame spec
 * followed by the compressed frame: columns and rows (16-bit big endian, each taken modulo 1024 and
 * plus 1, so that a spec never asks for more than 3 M samples and a JPEG 2000 frame's time limit stays
 * under the fuzzer's 10 s per input), samples per pixel (1 or 3 by
 * the low bit), bits allocated (8, 16 or 32 by the low two bits; 1 means 8), bits stored (1..32),
 * and a flags byte (bit 0 signed, bit 1 planar configuration 1, bit 2 YBR_FULL_422 for colour). The
 * decoder must return the frame's samples or throw {@link CodecException}; a spec the pixel module
 * would refuse is skipped. The seeds are the committed codec fixtures with their manifest's spec
 * ({@link CodecSeeds}).
 */
class CodecFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(CodecFuzzTest.class);
    }

    @FuzzTest
    void rle(byte[] input) throws Exception {
        decode(new RleDecoder(), input);
    }

    @FuzzTest
    void jpegLossless(byte[] input) throws Exception {
        decode(new JpegDecoder(), input);
    }

    @FuzzTest
    void jpegBaseline(byte[] input) throws Exception {
        decode(new JpegDecoder(), input);
    }

    @FuzzTest
    void jpegExtended12(byte[] input) throws Exception {
        decode(new JpegDecoder(), input);
    }

    @FuzzTest
    void jpegLs(byte[] input) throws Exception {
        decode(new JpegLsDecoder(), input);
    }

    @FuzzTest
    void jpeg2000(byte[] input) throws Exception {
        decode(new Jpeg2000Decoder(), input);
    }

    private static void decode(FrameDecoder decoder, byte[] input) {
        FrameSpec spec = CodecSeeds.spec(input);
        if (spec == null) {
            return;
        }
        byte[] frame = java.util.Arrays.copyOfRange(input, CodecSeeds.PREFIX, input.length);
        try {
            int[] samples = decoder.decode(frame, spec);
            if (samples.length < spec.sampleCount()) {
                throw new AssertionError("decoder returned " + samples.length + " samples for " + spec.sampleCount());
            }
        } catch (CodecException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("codec error without a message", e);
            }
        }
    }
}
