package org.organ3d.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.io.dicom.codec.CodecException;
import org.organ3d.io.dicom.codec.Codecs;
import org.organ3d.io.dicom.codec.FrameDecoder;
import org.organ3d.io.dicom.codec.FrameSpec;

/**
 * Single-thread decode throughput of one 512×512 signed 16-bit CT-like slice (noise σ 10 HU) per
 * codec. Inputs are committed frames made by GDCM (resources {@code org/organ3d/bench/codec}, see
 * {@code make_inputs.py}), so no Python or GDCM is needed here.
 *
 * <p>Score: ops/s; one op decodes 512 × 512 × 2 B = 0.524 MB of output, so MB/s = ops/s × 0.524.
 * Setup checks that every codec decodes to the same samples as RLE (all four are lossless).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBench -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBench {

    private static final Map<String, String> SYNTAX = Map.of("rle", "1.2.840.10008.1.2.5",
            "jpeg-lossless-sv1", "1.2.840.10008.1.2.4.70", "jpeg-ls", "1.2.840.10008.1.2.4.80",
            "jpeg2000", "1.2.840.10008.1.2.4.90");
    private static final FrameSpec SPEC = new FrameSpec(512, 512, 1, 16, 16, true, 0, "MONOCHROME2");

    @Param({"rle", "jpeg-lossless-sv1", "jpeg-ls", "jpeg2000"})
    public String codec;

    private byte[] frame;
    private FrameDecoder decoder;

    @Setup
    public void setup() throws IOException {
        frame = load(codec);
        decoder = Codecs.forTransferSyntax(SYNTAX.get(codec)).orElseThrow();
        int[] reference = Codecs.forTransferSyntax(SYNTAX.get("rle")).orElseThrow().decode(load("rle"), SPEC);
        if (!Arrays.equals(reference, decoder.decode(frame, SPEC))) {
            throw new IllegalStateException(codec + " does not decode to the same samples as RLE");
        }
    }

    @Benchmark
    public int[] decode() throws CodecException {
        return decoder.decode(frame, SPEC);
    }

    private static byte[] load(String name) throws IOException {
        try (InputStream in = CodecBench.class.getResourceAsStream("/org/organ3d/bench/codec/" + name + ".frame")) {
            if (in == null) {
                throw new IOException("missing benchmark input " + name + ".frame");
            }
            return in.readAllBytes();
        }
    }
}
