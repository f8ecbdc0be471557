package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.joml.Vector3d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

/**
 * Done-when (a): a point-wise model whose output is [t − x, x − t] must give exactly the threshold
 * segmentation x > t, voxel for voxel, for any grid, patch size, overlap, batch, tensor layout,
 * orientation and mirroring — every voxel's blended output has the sign of its own x − t whatever
 * the weights, so one wrong tile, weight, pad, flip or axis shows up as a wrong voxel.
 */
class ThresholdModelTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // grid, patch [x,y,z], overlap, batch, tta, extra card fields
                Arguments.of(new Dimensions(37, 29, 23), "[16, 16, 8]", 0.5, 1, false, ""),
                Arguments.of(new Dimensions(37, 29, 23), "[16, 12, 10]", 0.0, 3, false, ""),
                Arguments.of(new Dimensions(37, 29, 23), "[9, 7, 5]", 0.8, 4, false, ""),
                Arguments.of(new Dimensions(10, 6, 3), "[16, 16, 8]", 0.5, 1, false, ""),
                Arguments.of(new Dimensions(1, 40, 17), "[8, 8, 8]", 0.25, 2, false, ""),
                Arguments.of(new Dimensions(31, 33, 19), "[12, 10, 8]", 0.5, 2, true, ""),
                Arguments.of(new Dimensions(31, 33, 19), "[12, 10, 8]", 0.5, 1, false, "\"blending\": \"constant\""),
                Arguments.of(new Dimensions(31, 33, 19), "[10, 12, 8]", 0.5, 2, true, "\"tensorAxes\": \"xyz\""),
                Arguments.of(new Dimensions(31, 33, 19), "[10, 12, 8]", 0.5, 1, false, "\"orientation\": \"RAI\""),
                Arguments.of(new Dimensions(31, 33, 19), "[10, 12, 8]", 0.3, 1, true,
                        "\"orientation\": \"SLA\", \"tensorAxes\": \"xyz\""),
                Arguments.of(new Dimensions(31, 33, 19), "[12, 10, 8]", 0.5, 1, false, "\"outputCrop\": [2, 1, 3]"),
                Arguments.of(new Dimensions(31, 33, 19), "[12, 10, 8]", 0.5, 2, true,
                        "\"tensorAxes\": \"xzy\", \"orientation\": \"PIR\", \"outputCrop\": [1, 2, 0]"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void equalsThresholdVoxelForVoxel(Dimensions d, String patch, double overlap, int batch, boolean tta, String more)
            throws Exception {
        String json = TestModels.card(patch, "logits", "{\"1\": \"above\"}", more);
        if (more.contains("tensorAxes")) {
            json = json.replace("\"tensorAxes\": \"zyx\", ", "");
        }
        ModelCard card = TestModels.parse(json);
        Volume v = TestModels.texture(d, Geometry.axisAligned(new Spacing(0.8, 0.9, 2.5), new Vector3d(10, -20, 30)), d.voxelCount());
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("threshold.onnx"), card, ModelOptions.defaults())) {
            AtomicInteger calls = new AtomicInteger();
            List<Integer> done = new ArrayList<>();
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults().withOverlap(overlap)
                    .withBatchSize(batch).withTta(tta).withProgress((n, total) -> {
                        calls.incrementAndGet();
                        done.add(n);
                        assertTrue(n <= total);
                    }));
            assertThreshold(v, r.labels(), 100.5, 1);
            assertEquals(r.patches(), done.get(done.size() - 1), "progress ends at the patch count");
            assertEquals(r.modelRuns(), calls.get());
            assertEquals("cpu", r.device());
            assertEquals(v.geometry(), r.labels().geometry());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void softmaxModelToo(Dimensions d, String patch, double overlap, int batch, boolean tta, String more) throws Exception {
        if (more.contains("tensorAxes") || more.contains("orientation")) {
            return;
        }
        ModelCard card = TestModels.parse(TestModels.card(patch, "softmax", "{\"1\": {\"name\": \"bright\", \"value\": 7}}", more));
        Volume v = TestModels.texture(d, Geometry.unit(), 3 * d.voxelCount());
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("threshold_softmax.onnx"), card, ModelOptions.defaults())) {
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults().withOverlap(overlap).withTta(tta));
            assertThreshold(v, r.labels(), 100.5, 7);
            assertEquals("bright", r.labels().info(7).orElseThrow().name());
        }
    }

    /** Fixed batch 2: the last, half-full batch is padded and its extra output ignored. */
    @org.junit.jupiter.api.Test
    void fixedBatchModel() throws Exception {
        Dimensions d = new Dimensions(21, 13, 13);
        ModelCard card = TestModels.parse(TestModels.card("[8, 8, 8]", "logits", "{\"1\": \"above\"}", ""));
        Volume v = TestModels.texture(d, Geometry.unit(), 5);
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("fixed_batch2.onnx"), card, ModelOptions.defaults())) {
            assertEquals(2, m.fixedBatch());
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults());
            assertTrue(r.patches() % 2 == 1, "an odd patch count leaves a half batch: " + r.patches());
            assertThreshold(v, r.labels(), 100.5, 1);
        }
    }

    /**
     * Two input channels through an identity network (2 in, 2 out): the label is "channel 1 above
     * channel 0", voxel for voxel, each channel with its own normalization.
     */
    @org.junit.jupiter.api.Test
    void twoInputChannels() throws Exception {
        Dimensions d = new Dimensions(29, 23, 17);
        Volume a = TestModels.texture(d, Geometry.unit(), 21);
        Volume b = TestModels.texture(d, Geometry.unit(), 22);
        ModelCard card = TestModels.parse(TestModels.card("[12, 12, 8]", "logits", "{\"1\": \"b above a\"}",
                "\"channels\": 2").replace("\"normalization\": {\"type\": \"none\"}",
                "\"normalization\": [{\"type\": \"none\"}, {\"type\": \"ct\", \"clip\": [-1000, 1000], \"mean\": 0, \"std\": 1}]"));
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("two_channels.onnx"), card, ModelOptions.defaults())) {
            LabelMap l = ModelSegmentation.run(List.of(a, b), m, InferenceOptions.defaults().withTta(true)).labels();
            long above = 0;
            for (int k = 0; k < d.nz(); k++) {
                for (int j = 0; j < d.ny(); j++) {
                    for (int i = 0; i < d.nx(); i++) {
                        int want = b.value(i, j, k) > a.value(i, j, k) ? 1 : 0;
                        assertEquals(want, l.label(i, j, k), "voxel " + i + "," + j + "," + k);
                        above += want;
                    }
                }
            }
            assertTrue(above > 0 && above < d.voxelCount());
        }
    }

    /** Sigmoid, three channels at 100.5 / 200.5 / 300.5: the highest firing channel wins. */
    @org.junit.jupiter.api.Test
    void sigmoidHighestFiringChannelWins() throws Exception {
        Dimensions d = new Dimensions(33, 27, 15);
        ModelCard card = TestModels.parse(TestModels.card("[16, 16, 8]", "sigmoid",
                "{\"0\": {\"name\": \"a\", \"value\": 1}, \"1\": {\"name\": \"b\", \"value\": 2}, \"2\": {\"name\": \"c\", \"value\": 3}}", ""));
        Volume v = TestModels.texture(d, Geometry.unit(), 11);
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("sigmoid3.onnx"), card, ModelOptions.defaults())) {
            LabelMap l = ModelSegmentation.run(v, m, InferenceOptions.defaults().withTta(true)).labels();
            int[] seen = new int[4];
            for (int k = 0; k < d.nz(); k++) {
                for (int j = 0; j < d.ny(); j++) {
                    for (int i = 0; i < d.nx(); i++) {
                        double x = v.value(i, j, k);
                        int want = x > 300.5 ? 3 : x > 200.5 ? 2 : x > 100.5 ? 1 : 0;
                        assertEquals(want, l.label(i, j, k), "voxel " + i + "," + j + "," + k + " value " + x);
                        seen[want]++;
                    }
                }
            }
            for (int s : seen) {
                assertTrue(s > 0, "every class occurs: " + java.util.Arrays.toString(seen));
            }
        }
    }

    static void assertThreshold(Volume v, LabelMap l, double t, int label) {
        Dimensions d = v.dimensions();
        assertEquals(d, l.dimensions());
        long in = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int want = v.value(i, j, k) > t ? label : 0;
                    if (l.label(i, j, k) != want) {
                        throw new AssertionError("voxel " + i + "," + j + "," + k + " value " + v.value(i, j, k) + ": label "
                                + l.label(i, j, k) + ", want " + want);
                    }
                    in += want != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(in > 0 && in < d.voxelCount(), "the threshold cuts the volume: " + in + " of " + d.voxelCount());
    }
}
