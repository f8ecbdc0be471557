package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class MeshCommandTest {

    @TempDir
    Path tmp;

    /** 40³ at 0.9 × 0.9 × 1.3 mm: label 1 a ball of radius 8 mm at the centre, label 2 a box beside it. */
    private Path labels() throws Exception {
        Geometry g = Geometry.axisAligned(new Spacing(0.9, 0.9, 1.3), new Vector3d(-18, -18, -26));
        Volume.Builder b = Volume.builder(new Dimensions(40, 40, 40), VoxelType.UINT8, g);
        var p = new org.joml.Vector3d();
        for (int k = 0; k < 40; k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    g.indexToPatient(i, j, k, p);
                    s.put(i + 40 * j, (byte) ((byte) (p.length() <= 8 ? 1 : p.x > 10 && p.x < 15 && Math.abs(p.y) < 5 ? 2 : 0)));
                }
            }
        }
        Path f = tmp.resolve("labels.nii.gz");
        ImageFormats.write(f, b.build(), Map.of());
        return f;
    }

    @Test
    void isoSurfaceJsonFollowsTheContract() throws Exception {
        Path in = labels();
        Path out = tmp.resolve("iso.ply");
        CliRun r = run("mesh", in.toString(), "--out", out.toString(), "--iso", "0.5", "--backend", "java", "--repeat", "2", "--cap",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals("java", n.get("backend").asText());
        JsonNode m = n.get("meshes").get(0);
        assertTrue(m.get("label").isNull());
        assertTrue(m.get("triangles").asInt() > 100);
        assertTrue(m.get("watertight").asBoolean());
        assertEquals(2, m.get("components").asInt());
        assertTrue(m.get("volumeMm3").asDouble() > 0 && m.get("areaMm2").asDouble() > 0);
        assertTrue(m.get("capped").asBoolean());
        assertTrue(n.get("seconds").asDouble() > 0);
        assertTrue(n.has("secondsBest") && n.has("secondsMedian"));
        assertEquals(out.toString(), n.get("out").get(0).asText());
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void everyLabelToOneStlPerLabel() throws Exception {
        Path in = labels();
        Path out = tmp.resolve("organs.stl");
        CliRun r = run("mesh", in.toString(), "--out", out.toString(), "--labels", "all", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals(2, n.get("meshes").size());
        assertEquals(1, n.get("meshes").get(0).get("label").asInt());
        assertEquals(2, n.get("meshes").get(1).get("label").asInt());
        for (JsonNode m : n.get("meshes")) {
            assertTrue(m.get("watertight").asBoolean());
            assertEquals(1, m.get("components").asInt());
        }
        // ball of radius 8 mm: surface nets stays within a few per cent of the voxel volume
        double v = n.get("meshes").get(0).get("volumeMm3").asDouble();
        assertEquals(4.0 / 3 * Math.PI * 512, v, 0.06 * v);
        assertEquals(2, n.get("out").size());
        for (JsonNode p : n.get("out")) {
            assertTrue(Files.size(Path.of(p.asText())) > 84);
        }
    }

    @Test
    void postProcessingRunsInOrderAndReportsTheSmoothingChange() throws Exception {
        Path in = labels();
        Path out = tmp.resolve("one.glb");
        CliRun r = run("mesh", in.toString(), "--out", out.toString(), "--label", "1", "--smooth", "10", "--decimate", "0.5",
                "--largest", "--coords", "RAS", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode m = Json.MAPPER.readTree(r.out()).get("meshes").get(0);
        assertTrue(m.get("watertight").asBoolean());
        assertTrue(Math.abs(m.get("smoothingVolumeChange").asDouble()) < 0.02);
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void badUsageIsExitTwoAndWritesNothing() throws Exception {
        Path in = labels();
        Path out = tmp.resolve("x.stl");
        assertEquals(2, run("mesh", in.toString(), "--out", out.toString()).code());
        assertEquals(2, run("mesh", in.toString(), "--out", out.toString(), "--iso", "1", "--label", "1").code());
        assertEquals(2, run("mesh", in.toString(), "--out", tmp.resolve("x.xyz").toString(), "--iso", "1").code());
        assertEquals(2, run("mesh", in.toString(), "--out", out.toString(), "--labels", "some").code());
        assertEquals(2, run("mesh", in.toString(), "--out", out.toString(), "--iso", "1", "--decimate", "2").code());
        assertEquals(2, run("mesh", in.toString(), "--out", out.toString(), "--label", "1", "--backend", "opencl").code());
        CliRun missing = run("mesh", tmp.resolve("nope.nii").toString(), "--out", out.toString(), "--iso", "1");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.nii"), missing.err());
        assertFalse(Files.exists(out));
    }
}
