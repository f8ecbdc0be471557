package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/** A model that does not fit its card, or a file that is not a model: one clear error naming the file and the mismatch. */
class BadInputsTest {

    private static ModelCard card(String labels) {
        return TestModels.parse(TestModels.card("[8, 8, 8]", "logits", labels, ""));
    }

    private static String open(String model, ModelCard card) {
        Path p = TestModels.model(model);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> SegmentationModel.open(p, card, ModelOptions.defaults()).close());
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertEquals(p, e.model());
        return e.getMessage();
    }

    @Test
    void rankMismatch() {
        String m = open("rank4.onnx", card("{\"1\": \"a\"}"));
        assertTrue(m.contains("rank 4") && m.contains("rank 5"), m);
    }

    @Test
    void channelMismatch() {
        String m = open("two_channels.onnx", card("{\"1\": \"a\"}"));
        assertTrue(m.contains("2 channels") && m.contains("channels = 1"), m);
    }

    @Test
    void outputChannelsMismatchTheLabels() {
        String m = open("threshold.onnx", card("{\"1\": \"a\", \"2\": \"b\"}"));
        assertTrue(m.contains("has 2 channels") && m.contains("labels 2 channels"), m);
        String m2 = open("sigmoid3.onnx", card("{\"1\": \"a\"}"));
        assertTrue(m2.contains("has 3 channels") && m2.contains("labels 1 channel "), m2);
    }

    @Test
    void outputSizeFoundByRunningWhenTheModelDoesNotSay() throws Exception {
        // conv_valid declares symbolic output sizes of its own: one run on zeros finds 4 voxels less
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("conv_valid.onnx"), card("{\"1\": \"a\"}"),
                ModelOptions.defaults())) {
            SegmentationModel.OutputShape s = m.outputShape(new int[] {8, 10, 12});
            assertEquals(2, s.channels());
            assertEquals(java.util.List.of(4, 6, 8), java.util.Arrays.stream(s.spatial()).boxed().toList());
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> m.outputShape(new int[] {3, 8, 8}));
            assertTrue(e.getMessage().contains("failed") && e.getMessage().contains("patchSize"), e.getMessage());
        }
    }

    @Test
    void notAnOnnxFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("model.onnx");
        Files.writeString(f, "{\"this is\": \"a card, not a model\"}");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> SegmentationModel.open(f, card("{\"1\": \"a\"}"), ModelOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f + ": not a usable ONNX model"), e.getMessage());
        Path empty = Files.createFile(tmp.resolve("empty.onnx"));
        e = assertThrows(InvalidModelException.class, () -> SegmentationModel.open(empty, card("{\"1\": \"a\"}"), ModelOptions.defaults()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(InvalidModelException.class,
                () -> SegmentationModel.open(tmp.resolve("missing.onnx"), card("{\"1\": \"a\"}"), ModelOptions.defaults()));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }

    @Test
    void cudaAskedByNameFailsWhereOnlyTheCpuBuildIsPresentAndAutoFallsBack() throws Exception {
        Path p = TestModels.model("threshold.onnx");
        ModelCard c = card("{\"1\": \"a\"}");
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> SegmentationModel.open(p, c, ModelOptions.defaults().withDevice(Device.cuda(0))));
        assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
        try (SegmentationModel m = SegmentationModel.open(p, c, ModelOptions.defaults().withDevice(Device.AUTO))) {
            assertEquals("cpu", m.device());
            assertEquals(1, m.notes().size(), m.notes().toString());
            assertTrue(m.notes().get(0).contains("using cpu"), m.notes().toString());
            Volume v = TestModels.texture(new Dimensions(9, 9, 9), Geometry.unit(), 1);
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults());
            assertEquals("cpu", r.device());
            assertEquals(1, r.notes().size(), "one warning: " + r.notes());
        }
    }

    @Test
    void wrongChannelCountOrMirroringRefused() throws Exception {
        ModelCard noMirror = TestModels.parse(TestModels.card("[8, 8, 8]", "logits", "{\"1\": \"a\"}", "\"mirrorAxes\": []"));
        Volume v = TestModels.texture(new Dimensions(9, 9, 9), Geometry.unit(), 1);
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("threshold.onnx"), noMirror, ModelOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelSegmentation.run(v, m, InferenceOptions.defaults().withTta(true)));
            assertTrue(e.getMessage().contains("mirror"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ModelSegmentation.run(java.util.List.of(v, v), m, InferenceOptions.defaults()));
            assertTrue(e.getMessage().contains("1 input channel"), e.getMessage());
        }
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("fixed_batch2.onnx"), noMirror, ModelOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelSegmentation.run(v, m, InferenceOptions.defaults().withBatchSize(3)));
            assertTrue(e.getMessage().contains("exactly 2"), e.getMessage());
        }
    }
}
