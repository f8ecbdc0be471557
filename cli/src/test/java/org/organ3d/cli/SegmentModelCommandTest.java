package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * {@code organ3d segment --model}: the contract's JSON keys, the labels written with their names,
 * one clear error line and exit code for each bad input, and the device rule.
 */
class SegmentModelCommandTest {

    private static final Dimensions D = new Dimensions(40, 36, 14);
    private static final String CARD = """
            {"name": "threshold", "inputSpacingMm": [1.5, 1.5, 1.5], "patchSize": [16, 16, 16], "tensorAxes": "zyx",
             "normalization": {"type": "none"}, "output": "logits", "labels": {"1": "bright"}, "orientation": "RAS"}
            """;

    private static Path model(String name) throws URISyntaxException {
        return Path.of(SegmentModelCommandTest.class.getResource("models/" + name).toURI());
    }

    /** x = 6·|i − 20| + 4·j + 3·k: a ramp around 100.5 along every axis. */
    private static Volume ramp() {
        Volume.Builder b = Volume.builder(D, VoxelType.INT16, Geometry.axisAligned(new Spacing(0.8, 0.9, 2.5), new Vector3d(-10, 20, 5)));
        for (int k = 0; k < D.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < D.ny(); j++) {
                for (int i = 0; i < D.nx(); i++) {
                    s.put(D.offsetInSlice(i, j), (short) ((short) (6 * Math.abs(i - 20) + 4 * j + 3 * k - 60)));
                }
            }
        }
        return b.build();
    }

    private static Path[] files(Path dir) throws Exception {
        Path ct = dir.resolve("ct.nii.gz");
        ImageFormats.write(ct, ramp(), Map.of());
        Path card = dir.resolve("card.json");
        Files.writeString(card, CARD);
        return new Path[] {ct, card};
    }

    @Test
    void writesLabelsAndTheContractJson(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        Path out = dir.resolve("labels.nii.gz");
        CliRun r = run("segment", f[0].toString(), "--model", model("threshold.onnx").toString(), "--model-card", f[1].toString(),
                "--out", out.toString(), "--overlap", "0.25", "--tta", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String k : new String[] {"voxelCount", "volumeMm3", "components", "out", "labels", "device", "patches", "backend"}) {
            assertTrue(j.has(k), "key " + k + " in " + r.out());
        }
        assertEquals("cpu", j.get("device").asText());
        assertTrue(j.get("patches").asInt() > 1);
        assertEquals(1, j.get("labels").size());
        JsonNode l = j.get("labels").get(0);
        assertEquals(1, l.get("label").asInt());
        assertEquals("bright", l.get("name").asText());
        LabelMap m = ImageFormats.read(out).asLabelMap();
        assertEquals("bright", m.info(1).orElseThrow().name());
        assertEquals(m.counts().get(1).longValue(), l.get("voxelCount").asLong());
        assertEquals(m.counts().get(1).longValue(), j.get("voxelCount").asLong());
        assertEquals(0.8 * 0.9 * 2.5 * j.get("voxelCount").asLong(), j.get("volumeMm3").asDouble(), 1e-6);
        // through a 1.5 mm grid the ramp's threshold surface moves by less than a voxel: compare with x > 100.5
        Volume v = ramp();
        long want = 0;
        long agree = 0;
        for (int k = 0; k < D.nz(); k++) {
            for (int jj = 0; jj < D.ny(); jj++) {
                for (int i = 0; i < D.nx(); i++) {
                    boolean in = v.value(i, jj, k) > 100.5;
                    want += in ? 1 : 0;
                    agree += in == (m.label(i, jj, k) == 1) ? 1 : 0;
                }
            }
        }
        assertTrue(agree > 0.97 * D.voxelCount(), agree + " of " + D.voxelCount());
        assertTrue(Math.abs(want - j.get("voxelCount").asLong()) < 0.03 * want);
        assertEquals(m.geometry(), v.geometry(), "labels on the CT's own grid");
        assertFalse(r.err().contains("error"), r.err());
    }

    /** A two-channel model: {@code --channel} gives channel 1; the label says where it is above channel 0. */
    @Test
    void secondChannelFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.nii.gz");
        Path b = dir.resolve("b.nii.gz");
        Volume va = ramp();
        Volume.Builder vb = Volume.builder(D, VoxelType.INT16, va.geometry());
        long want = 0;
        for (int k = 0; k < D.nz(); k++) {
            ShortBuffer s = vb.shortsForWriting(k);
            for (int j = 0; j < D.ny(); j++) {
                for (int i = 0; i < D.nx(); i++) {
                    s.put(D.offsetInSlice(i, j), (short) ((short) (120 - 2 * j + k)));
                    want += s.get(D.offsetInSlice(i, j)) > va.value(i, j, k) ? 1 : 0;
                }
            }
        }
        ImageFormats.write(a, va, Map.of());
        ImageFormats.write(b, vb.build(), Map.of());
        Path card = dir.resolve("two.json");
        Files.writeString(card, CARD.replace("\"inputSpacingMm\": [1.5, 1.5, 1.5]", "\"inputSpacingMm\": null")
                .replace("\"tensorAxes\": \"zyx\",", "\"tensorAxes\": \"zyx\", \"channels\": 2,"));
        CliRun r = run("segment", a.toString(), "--channel", b.toString(), "--model", model("two_channels.onnx").toString(),
                "--model-card", card.toString(), "--out", dir.resolve("l.nii.gz").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(want > 0 && want < D.voxelCount());
        assertEquals(want, new ObjectMapper().readTree(r.out()).get("voxelCount").asLong());
    }

    @Test
    void textOutputListsTheLabels(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        CliRun r = run("segment", f[0].toString(), "--model", model("threshold.onnx").toString(), "--model-card", f[1].toString(),
                "--out", dir.resolve("l.nrrd").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bright") && r.out().contains("patches on cpu"), r.out());
    }

    @Test
    void badInputsOneLineAndTheExitCode(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        String ct = f[0].toString();
        String card = f[1].toString();
        String onnx = model("threshold.onnx").toString();
        String out = dir.resolve("l.nii.gz").toString();
        expect(2, "--model-card", run("segment", ct, "--model", onnx, "--out", out));
        expect(2, "--threshold", run("segment", ct, "--model", onnx, "--model-card", card, "--out", out, "--threshold", "1:2"));
        expect(2, "--overlap", run("segment", ct, "--model", onnx, "--model-card", card, "--out", out, "--overlap", "1.5"));
        expect(2, "--device", run("segment", ct, "--model", onnx, "--model-card", card, "--out", out, "--device", "tpu"));
        expect(2, "--channel", run("segment", ct, "--model", onnx, "--model-card", card, "--out", out, "--channel", ct));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, CARD.replace("\"output\": \"logits\",", ""));
        expect(1, bad + ": missing field 'output'", run("segment", ct, "--model", onnx, "--model-card", bad.toString(), "--out", out));
        Path rank4 = model("rank4.onnx");
        expect(1, rank4 + ": input 'x' has rank 4", run("segment", ct, "--model", rank4.toString(), "--model-card", card, "--out", out));
        Path text = dir.resolve("not.onnx");
        Files.writeString(text, "hello");
        expect(1, text + ": not a usable ONNX model", run("segment", ct, "--model", text.toString(), "--model-card", card,
                "--out", out));
        expect(1, "onnxruntime_gpu", run("segment", ct, "--model", onnx, "--model-card", card, "--out", out, "--device", "cuda:0"));
        assertFalse(Files.exists(Path.of(out)), "nothing written after a failure");
        CliRun auto = run("segment", ct, "--model", onnx, "--model-card", card, "--out", out, "--device", "auto", "--json");
        assertEquals(0, auto.code(), auto.err());
        assertEquals(1, auto.err().lines().filter(s -> s.startsWith("organ3d segment: note: CUDA unavailable")).count(), auto.err());
        assertEquals("cpu", new ObjectMapper().readTree(auto.out()).get("device").asText());
    }

    private static void expect(int code, String text, CliRun r) {
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(s -> !s.startsWith("Try '")).count(), "one line: " + r.err());
        assertTrue(r.err().contains(text), r.err());
        assertEquals("", r.out());
    }
}
