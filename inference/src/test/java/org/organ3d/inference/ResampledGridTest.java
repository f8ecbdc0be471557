package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Done-when (a) with resampling and the anisotropic/oblique item: the point-wise model run on a model
 * grid of another spacing and orientation gives, on the volume's own grid and geometry, the labels
 * that nibabel (reorientation, affines) and scipy (linear interpolation there and back) compute
 * independently; and a sphere seen through such a grid comes back where it is.
 */
class ResampledGridTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> grids() {
        Geometry dicomLike = Geometry.axisAligned(new Spacing(0.75, 0.75, 3.0), new Vector3d(-120, -90, 40));
        Geometry flipped = Geometry.of(new Vector3d(0.9, 1.1, 2.5), new Vector3d(30, 20, -10),
                new Matrix3d(-1, 0, 0, 0, 0, 1, 0, -1, 0));
        return Stream.of(
                Arguments.of(new Dimensions(48, 40, 14), TestModels.oblique(0.9, 0.8, 3.0), "[1.5, 1.5, 1.5]", null, "zyx"),
                Arguments.of(new Dimensions(48, 40, 14), TestModels.oblique(0.9, 0.8, 3.0), "[1.3, 1.1, 1.7]", "RAS", "xyz"),
                Arguments.of(new Dimensions(50, 44, 12), dicomLike, "[2.0, 2.0, 1.0]", "RAS", "zyx"),
                Arguments.of(new Dimensions(41, 35, 16), flipped, "[0.7, 1.9, 1.4]", "LPS", "zyx"),
                Arguments.of(new Dimensions(41, 35, 16), flipped, "null", "ASL", "xyz"),
                // the slice axis k becomes the tensor's fastest axis: the general resampling and decoding paths
                Arguments.of(new Dimensions(36, 30, 15), TestModels.oblique(0.9, 0.8, 3.0), "[1.2, 1.3, 1.1]", "SAL", "zyx"));
    }

    @ParameterizedTest
    @MethodSource("grids")
    void matchesNibabelAndScipy(Dimensions d, Geometry g, String spacing, String orientation, String axes, @TempDir Path tmp)
            throws Exception {
        ExternalTool.requireAll(ExternalTool.NIBABEL, ExternalTool.SCIPY);
        String more = "\"overlap\": 0.4" + (orientation == null ? "" : ", \"orientation\": \"" + orientation + "\"");
        ModelCard card = TestModels.parse(TestModels.card("[16, 16, 12]", "logits", "{\"1\": \"above\"}", more)
                .replace("\"inputSpacingMm\": null", "\"inputSpacingMm\": " + spacing)
                .replace("\"tensorAxes\": \"zyx\"", "\"tensorAxes\": \"" + axes + "\""));
        Volume v = TestModels.texture(d, g, 99);
        Path in = tmp.resolve("in.nii.gz");
        Path out = tmp.resolve("out.nii.gz");
        ImageFormats.write(in, v, Map.of());
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("threshold.onnx"), card, ModelOptions.defaults())) {
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults().withTta(true));
            assertEquals(v.geometry(), r.labels().geometry(), "labels on the volume's own geometry");
            assertEquals(d, r.labels().dimensions());
            ImageFormats.write(out, r.labels().labels(), Map.of());
            String sp = spacing.equals("null") ? "none" : spacing.replaceAll("[\\[\\] ]", "");
            Processes.Run p = Processes.run(List.of(ExternalTool.PYTHON.toString(), TestModels.script("oracle.py").toString(),
                    "threshold", in.toString(), out.toString(), "100.5", sp, orientation == null ? "none" : orientation), null,
                    Duration.ofMinutes(2)).assertOk("oracle.py threshold");
            System.out.println("oracle: " + p.out().strip());
            JsonNode o = JSON.readTree(p.out());
            assertTrue(o.get("sameShape").asBoolean());
            assertTrue(o.get("perLabel").get(0).asInt() > 0 && o.get("perLabel").get(1).asInt() > 0, p.out());
            assertTrue(o.get("affineDiff").asDouble() < 1e-4, p.out());
            int[] oracleShape = {o.get("modelShape").get(0).asInt(), o.get("modelShape").get(1).asInt(),
                o.get("modelShape").get(2).asInt()};
            int[] ours = r.grid().dimensions().toArray();
            for (int s = 0; s < 3; s++) {
                assertEquals(oracleShape[r.grid().modelAxis(s)], ours[s], "model grid size along model axis " + r.grid().modelAxis(s));
            }
            assertEquals(0, o.get("mismatchesBeyondMargin").asInt(), p.out());
            assertTrue(o.get("mismatches").asInt() <= o.get("voxels").asInt() / 10000, p.out());
            long fg = o.get("foreground").asLong();
            assertTrue(fg > 0 && fg < o.get("voxels").asLong(), p.out());
        }
    }

    /** The three-channel sigmoid model through a resampled oblique grid: probabilities interpolated back, then decoded. */
    @Test
    void sigmoidThroughAResampledGrid(@TempDir Path tmp) throws Exception {
        ExternalTool.requireAll(ExternalTool.NIBABEL, ExternalTool.SCIPY);
        ModelCard card = TestModels.parse(TestModels.card("[16, 16, 12]", "sigmoid",
                "{\"0\": {\"name\": \"a\", \"value\": 1}, \"1\": {\"name\": \"b\", \"value\": 2}, "
                        + "\"2\": {\"name\": \"c\", \"value\": 3}}", "\"orientation\": \"LAS\"")
                .replace("\"inputSpacingMm\": null", "\"inputSpacingMm\": [1.4, 1.2, 1.6]"));
        Volume v = TestModels.texture(new Dimensions(44, 38, 13), TestModels.oblique(0.9, 0.8, 3.0), 5);
        Path in = tmp.resolve("in.nii.gz");
        Path out = tmp.resolve("out.nii.gz");
        ImageFormats.write(in, v, Map.of());
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("sigmoid3.onnx"), card, ModelOptions.defaults())) {
            ImageFormats.write(out, ModelSegmentation.run(v, m, InferenceOptions.defaults()).labels().labels(), Map.of());
        }
        Processes.Run p = Processes.run(List.of(ExternalTool.PYTHON.toString(), TestModels.script("oracle.py").toString(),
                "threshold", in.toString(), out.toString(), "0", "1.4,1.2,1.6", "LAS", "sigmoid3"), null, Duration.ofMinutes(2))
                .assertOk("oracle.py threshold sigmoid3");
        JsonNode o = JSON.readTree(p.out());
        assertEquals(0, o.get("mismatchesBeyondMargin").asInt(), p.out());
        assertTrue(o.get("mismatches").asInt() <= o.get("voxels").asInt() / 10000, p.out());
        for (JsonNode n : o.get("perLabel")) {
            assertTrue(n.asInt() > 0, "every label occurs: " + p.out());
        }
    }

    /**
     * A sphere of radius 12 mm on an oblique 0.9×0.8×3 mm grid, segmented by the point-wise model on
     * a 1.5 mm RAS grid: its centroid comes back within 0.3 mm of the true centre and its volume within
     * 3 % of 4/3·π·r³ (no oracle of ours involved).
     */
    @Test
    void sphereComesBackWhereItIs() throws Exception {
        Geometry g = TestModels.oblique(0.9, 0.8, 3.0);
        Dimensions d = new Dimensions(48, 48, 20);
        Vector3d centre = g.indexToPatient(23.3, 24.1, 9.6);
        double r = 12;
        Volume.Builder b = Volume.builder(d, VoxelType.FLOAT32, g);
        for (int k = 0; k < d.nz(); k++) {
            FloatBuffer s = b.floatsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double dist = g.indexToPatient(i, j, k).distance(centre);
                    s.put(j * d.nx() + i, (float) ((float) (200.0 * (r - dist) + 100.5)));
                }
            }
        }
        Volume v = b.build();
        ModelCard card = TestModels.parse(TestModels.card("[16, 16, 16]", "logits", "{\"1\": \"sphere\"}", "\"orientation\": \"RAS\"")
                .replace("\"inputSpacingMm\": null", "\"inputSpacingMm\": [1.5, 1.5, 1.5]"));
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("threshold.onnx"), card, ModelOptions.defaults())) {
            LabelMap l = ModelSegmentation.run(v, m, InferenceOptions.defaults()).labels();
            Vector3d sum = new Vector3d();
            long n = 0;
            for (int k = 0; k < d.nz(); k++) {
                for (int j = 0; j < d.ny(); j++) {
                    for (int i = 0; i < d.nx(); i++) {
                        if (l.label(i, j, k) == 1) {
                            sum.add(g.indexToPatient(i, j, k));
                            n++;
                        }
                    }
                }
            }
            Vector3d c = sum.div(n);
            double vol = n * g.voxelVolume();
            double truth = 4 / 3.0 * Math.PI * r * r * r;
            assertTrue(c.distance(centre) < 0.3, "centroid " + c + " vs " + centre);
            assertTrue(Math.abs(vol - truth) / truth < 0.03, "volume " + vol + " vs " + truth);
        }
    }
}
