package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
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
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;
import picocli.CommandLine;

class MeasureCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** A 10×8×6 box of label 2 (1 × 1 × 2 mm voxels) and a CT-like image with HU = 40 inside. */
    private static Path[] write(Path dir) throws Exception {
        Dimensions d = new Dimensions(20, 16, 10);
        Geometry g = Geometry.axisAligned(new Spacing(1, 1, 2), new Vector3d(-10, -8, 30));
        Volume.Builder lb = LabelMap.builder(d, VoxelType.UINT8, g);
        Volume.Builder ib = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = lb.bytesForWriting(k);
            ShortBuffer v = ib.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    boolean in = i >= 5 && i < 15 && j >= 4 && j < 12 && k >= 2 && k < 8;
                    s.put(j * d.nx() + i, (byte) (in ? 2 : 0));
                    v.put(j * d.nx() + i, (short) (in ? 1064 : 1024));
                }
            }
        }
        Path labels = dir.resolve("labels.nii.gz");
        Path image = dir.resolve("ct.nii.gz");
        ImageFormats.write(labels, lb.build(), Map.of());
        ImageFormats.write(image, ib.build(), Map.of());
        return new Path[] {labels, image};
    }

    @Test
    void jsonReportHasTheContractKeysAndExactNumbers(@TempDir Path dir) throws Exception {
        Path[] f = write(dir);
        Path csv = dir.resolve("m.csv");
        String[] r = run("measure", f[0].toString(), "--image", f[1].toString(), "--json", "--csv", csv.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode root = Json.MAPPER.readTree(r[1]);
        assertEquals(f[0].toString(), root.get("input").asText());
        assertEquals(f[1].toString(), root.get("image").asText());
        JsonNode l = root.get("labels").get(0);
        for (String key : new String[] {"label", "name", "voxelCount", "volumeMm3", "volumeCm3", "meshVolumeMm3",
            "surfaceAreaMm2", "centroidLps", "centroidRas", "centroidVoxel", "boundingBoxLps", "principalAxes",
            "principalLengthsMm", "orientedBoundingBoxMm", "maxFeretDiameterMm", "minFeretDiameterMm", "sphericity",
            "recist", "intensity"}) {
            assertTrue(l.has(key), key);
        }
        assertEquals(2, l.get("label").asInt());
        assertEquals(480, l.get("voxelCount").asLong());
        assertEquals(960, l.get("volumeMm3").asDouble(), 1e-9);
        assertEquals(0.96, l.get("volumeCm3").asDouble(), 1e-12);
        assertEquals(Math.sqrt(10 * 10 + 8 * 8 + 12 * 12), l.get("maxFeretDiameterMm").asDouble(), 1e-9);
        assertEquals(8, l.get("minFeretDiameterMm").asDouble(), 1e-9);
        assertEquals(-10 + 4.5, l.get("boundingBoxLps").get("min").get(0).asDouble(), 1e-9);
        assertEquals(Math.hypot(10, 8), l.get("recist").get("longAxisMm").asDouble(), 1e-9);
        assertEquals(4, l.get("recist").get("endpointsLps").size());
        assertEquals(40, l.get("intensity").get("mean").asDouble(), 1e-9);
        assertEquals(0, l.get("intensity").get("std").asDouble(), 1e-9);
        assertEquals(40, l.get("intensity").get("p95").asDouble(), 1e-9);
        assertTrue(l.get("meshVolumeMm3").asDouble() > 900 && l.get("meshVolumeMm3").asDouble() < 960);
        String text = Files.readString(csv);
        assertTrue(text.startsWith("label [value],name [text],voxelCount [voxels],volume [mm3]"), text);
        assertEquals(2, text.split("\r\n").length);
    }

    @Test
    void badUsageExitsWithTwoAndAMissingFileWithOne(@TempDir Path dir) throws Exception {
        Path[] f = write(dir);
        assertEquals("2", run("measure", f[0].toString(), "--labels", "0")[0]);
        assertEquals("2", run("measure", f[0].toString(), "--distance", "1")[0]);
        String[] missing = run("measure", dir.resolve("nope.nii").toString());
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("nope.nii"), missing[2]);
        String[] table = run("measure", f[0].toString(), "--no-mesh");
        assertEquals("0", table[0], table[2]);
        assertTrue(table[1].contains("   480 "), table[1]);
    }
}
