package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.joml.Vector3d;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * {@code --backend opencl} against {@code --backend java} through the command line: {@code measure}
 * of 117 labels with an image (surfaces included) and {@code segment} with a threshold, components
 * and margins give the same JSON (same keys; integers equal, reals within 1e-9 relative) and the same
 * label map, and each names the backend that ran.
 */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = CliOpenClProbe.class)
class BackendParityCliTest {

    /** 117 blob-like labels on an oblique-free grid with border contact, and a CT-like int16 image. */
    static Path[] study(Path dir) throws Exception {
        Dimensions d = new Dimensions(48, 40, 14);
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.75, 2.0), new Vector3d(-20, -15, 40));
        SplittableRandom r = new SplittableRandom(117);
        Volume.Builder lb = LabelMap.builder(d, VoxelType.UINT8, g);
        Volume.Builder ib = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = lb.bytesForWriting(k);
            ShortBuffer v = ib.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    // 117 cells of 4 x 4 x 7 voxels (some cells empty), a gradient image with noise
                    int cell = (i / 4) + 12 * ((j / 4) + 10 * (k / 7));
                    int label = cell % 2 == 0 && cell / 2 < 117 ? 1 + cell / 2 : 0;
                    s.put(j * d.nx() + i, (byte) label);
                    v.put(j * d.nx() + i, (short) ((short) (1024 + 3 * i - 2 * j + 5 * k + r.nextInt(-40, 41) + (label > 0 ? 60 : 0))));
                }
            }
        }
        Path labels = dir.resolve("labels.nii.gz");
        Path ct = dir.resolve("ct.nii.gz");
        ImageFormats.write(labels, lb.build(), Map.of());
        ImageFormats.write(ct, ib.build(), Map.of());
        return new Path[] {labels, ct};
    }

    @Test
    void measureJsonIsTheSameOnBothBackends(@TempDir Path dir) throws Exception {
        Path[] f = study(dir);
        CliRun java = CliRun.run("measure", f[0].toString(), "--image", f[1].toString(), "--backend", "java", "--json");
        CliRun cl = CliRun.run("measure", f[0].toString(), "--image", f[1].toString(), "--backend", "opencl", "--json");
        assertEquals(0, java.code(), java.err());
        assertEquals(0, cl.code(), cl.err());
        JsonNode a = Json.MAPPER.readTree(java.out());
        JsonNode b = Json.MAPPER.readTree(cl.out());
        assertEquals("java", a.get("backend").asText());
        assertEquals("opencl", b.get("backend").asText());
        assertEquals(117, a.get("labels").size());
        assertEquals(117, b.get("labels").size());
        assertSameJson(a.get("labels"), b.get("labels"), "labels");
    }

    @Test
    void segmentJsonAndLabelMapAreTheSameOnBothBackends(@TempDir Path dir) throws Exception {
        Path[] f = study(dir);
        String[][] plans = {
            {"--threshold", "30:200", "--largest", "--dilate", "2.5", "--close", "1.6", "--connectivity", "26"},
            {"--threshold", "40:", "--min-size", "20", "--erode", "0.8", "--open", "1"},
            {"--threshold", "20:120", "--seed", "-18.4,-13.5,42", "--region-grow", "--dilate", "1.5"}};
        for (String[] plan : plans) {
            Path outJ = dir.resolve("j.nii.gz");
            Path outC = dir.resolve("c.nii.gz");
            CliRun java = CliRun.run(concat(new String[] {"segment", f[1].toString(), "--out", outJ.toString(), "--backend",
                "java", "--json"}, plan));
            CliRun cl = CliRun.run(concat(new String[] {"segment", f[1].toString(), "--out", outC.toString(), "--backend",
                "opencl", "--json"}, plan));
            assertEquals(0, java.code(), java.err());
            assertEquals(0, cl.code(), cl.err());
            JsonNode a = Json.MAPPER.readTree(java.out());
            JsonNode b = Json.MAPPER.readTree(cl.out());
            assertEquals("opencl", b.get("backend").asText());
            assertTrue(a.get("voxelCount").asLong() > 0, String.join(" ", plan));
            for (String key : new String[] {"voxelCount", "volumeMm3", "components", "range", "warnings"}) {
                assertSameJson(a.get(key), b.get(key), key + " of " + String.join(" ", plan));
            }
            Volume x = ImageFormats.read(outJ).volume();
            Volume y = ImageFormats.read(outC).volume();
            for (int k = 0; k < x.nz(); k++) {
                byte[] p = new byte[x.dimensions().sliceSize()];
                byte[] q = new byte[p.length];
                x.copySlice(k, p);
                y.copySlice(k, q);
                assertArrayEquals(p, q, String.join(" ", plan) + " slice " + k);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Same structure and keys; integers and text equal; reals within 1e-9 relative. */
    static void assertSameJson(JsonNode a, JsonNode b, String where) {
        assertEquals(a.getNodeType(), b.getNodeType(), where);
        if (a.isObject()) {
            assertEquals(a.size(), b.size(), where + " keys");
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                assertTrue(b.has(k), where + "." + k + " missing");
                assertSameJson(a.get(k), b.get(k), where + "." + k);
            }
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), where + " length");
            for (int x = 0; x < a.size(); x++) {
                assertSameJson(a.get(x), b.get(x), where + "[" + x + "]");
            }
        } else if (a.isIntegralNumber()) {
            assertEquals(a.asLong(), b.asLong(), where);
        } else if (a.isNumber()) {
            double p = a.asDouble();
            double q = b.asDouble();
            assertEquals(p, q, 1e-9 * Math.max(Math.abs(p), Math.abs(q)) + 1e-12, where);
        } else {
            assertEquals(a, b, where);
        }
    }
}
