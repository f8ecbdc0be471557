package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

/**
 * Done-when (b): a two-layer 3D convolution network with fixed weights, run patch by patch with
 * overlap and Gaussian blending, equals the same network applied to the whole (zero-extended)
 * volume by scipy.ndimage.convolve within 1e-4 at every voxel — when the part of each output patch
 * that saw the patch's zero padding is not used: the card's {@code outputCrop} of 2 voxels (the
 * network's receptive radius) for the 'same'-padded model, or the model's own smaller output for
 * the unpadded one. Test-time mirroring is checked against scipy's average over the eight flips.
 */
class ConvModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("conv.onnx", "[2, 2, 2]", "[16, 16, 12]", 0.5, false),
                Arguments.of("conv.onnx", "[2, 2, 2]", "[12, 14, 10]", 0.3, true),
                Arguments.of("conv_valid.onnx", "[0, 0, 0]", "[16, 16, 12]", 0.5, false),
                Arguments.of("conv_valid.onnx", "[1, 0, 2]", "[14, 12, 16]", 0.0, true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void equalsFullVolumeConvolution(String model, String crop, String patch, double overlap, boolean tta, @TempDir Path tmp)
            throws Exception {
        ExternalTool.SCIPY.require();
        Dimensions d = new Dimensions(37, 31, 23);
        Volume v = TestModels.texture(d, Geometry.axisAligned(new Spacing(0.7, 0.7, 2.0)), 41);
        ModelCard card = TestModels.parse(TestModels.card(patch, "logits", "{\"1\": \"one\"}",
                "\"outputCrop\": " + crop).replace("{\"type\": \"none\"}",
                "{\"type\": \"ct\", \"clip\": [-1000, 1000], \"mean\": 150, \"std\": 90}"));
        int nuv = d.sliceSize();
        float[] blended = new float[2 * (int) d.voxelCount()];
        int[] slices = {0};
        ChannelSink sink = (grid, w, values, channels) -> {
            assertEquals(2, channels);
            assertEquals(slices[0]++, w, "slices arrive in order");
            for (int c = 0; c < 2; c++) {
                System.arraycopy(values, c * nuv, blended, (c * d.nz() + w) * nuv, nuv);
            }
        };
        try (SegmentationModel m = SegmentationModel.open(TestModels.model(model), card, ModelOptions.defaults())) {
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults().withOverlap(overlap).withTta(tta)
                    .withSink(sink).withBatchSize(2));
            assertEquals(d.nz(), slices[0]);
            assertTrue(r.patches() > 8, "the volume is tiled: " + r.patches() + " patches");
            // the labels are the argmax of exactly these channels
            for (int k = 0; k < d.nz(); k++) {
                for (int x = 0; x < nuv; x++) {
                    int want = blended[(d.nz() + k) * nuv + x] > blended[k * nuv + x] ? 1 : 0;
                    assertEquals(want, r.labels().label(x % d.nx(), x / d.nx(), k));
                }
            }
        }
        Path in = tmp.resolve("in.raw");
        Path out = tmp.resolve("out.raw");
        float[] values = new float[(int) d.voxelCount()];
        for (int k = 0; k < d.nz(); k++) {
            System.arraycopy(v.sliceValues(k, null), 0, values, k * nuv, nuv);
        }
        writeFloats(in, values);
        writeFloats(out, blended);
        Processes.Run p = Processes.run(List.of(ExternalTool.PYTHON.toString(), TestModels.script("oracle.py").toString(), "conv",
                in.toString(), out.toString(), "" + d.nx(), "" + d.ny(), "" + d.nz(),
                TestModels.model("conv_weights.npz").toString(), "4", "150", "90", tta ? "1" : "0"), null, Duration.ofMinutes(2))
                .assertOk("oracle.py conv");
        JsonNode o = JSON.readTree(p.out());
        assertTrue(o.get("maxAbsDiff").asDouble() < 1e-4, p.out());
        assertTrue(o.get("refRange").get(1).asDouble() - o.get("refRange").get(0).asDouble() > 0.5, "outputs vary: " + p.out());
    }

    private static void writeFloats(Path p, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(p, b.array());
    }
}
