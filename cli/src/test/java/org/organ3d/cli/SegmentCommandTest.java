package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code organ3d segment} end to end through NIfTI files: options, JSON keys, exit codes. */
class SegmentCommandTest {

    private static final Geometry G = Geometry.axisAligned(new Spacing(0.8, 0.8, 2.0), new Vector3d(-20, -30, 10));
    private static final Dimensions D = new Dimensions(48, 40, 20);

    /** Bone (1000) hollow ball r 10 mm with a 3 mm cavity at (0, -14, 30) LPS; a 2 mm bone speck; 40 elsewhere. */
    private static Path phantom(Path dir) throws Exception {
        Volume.Builder b = Volume.builder(D, VoxelType.INT16, G);
        Vector3d p = new Vector3d();
        for (int k = 0; k < D.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < D.ny(); j++) {
                for (int i = 0; i < D.nx(); i++) {
                    G.indexToPatient(i, j, k, p);
                    double r = p.distance(0, -14, 30);
                    double speck = p.distance(12, -4, 20);
                    s.put(D.offsetInSlice(i, j), (short) (r <= 10 && r > 3 || speck <= 1.2 ? 1000 : 40));
                }
            }
        }
        Path in = dir.resolve("ct.nii.gz");
        ImageFormats.write(in, b.build(), Map.of());
        return in;
    }

    private static long count(Path labels) throws Exception {
        LabelMap m = ImageFormats.read(labels).asLabelMap();
        return m.counts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void presetLargestFillHolesWritesTheLabelMapAndTheContractJson(@TempDir Path dir) throws Exception {
        Path in = phantom(dir);
        Path out = dir.resolve("bone.nii.gz");
        CliRun r = run("segment", in.toString(), "--out", out.toString(), "--preset", "bone", "--largest", "--fill-holes",
                "--label", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        long solid = 0;
        Vector3d p = new Vector3d();
        for (int k = 0; k < D.nz(); k++) {
            for (int jj = 0; jj < D.ny(); jj++) {
                for (int i = 0; i < D.nx(); i++) {
                    solid += G.indexToPatient(i, jj, k, p).distance(0, -14, 30) <= 10 ? 1 : 0;
                }
            }
        }
        assertEquals(solid, j.get("voxelCount").asLong());
        assertEquals(solid * G.voxelVolume(), j.get("volumeMm3").asDouble(), 1e-6);
        assertEquals(1, j.get("components").asInt());
        assertEquals(out.toString(), j.get("out").asText());
        LabelMap m = ImageFormats.read(out).asLabelMap();
        assertEquals(Map.of(3, solid), m.counts());
        assertTrue(m.geometry().equalsWithin(G, 1e-4));
    }

    @Test
    void seededGrowthWithAMargin(@TempDir Path dir) throws Exception {
        Path in = phantom(dir);
        Path out = dir.resolve("speck.nii");
        CliRun r = run("segment", in.toString(), "--out", out.toString(), "--threshold", "500:2000", "--seed", "12,-4,20",
                "--region-grow", "--dilate", "2", "--json");
        assertEquals(0, r.code(), r.err());
        long n = Json.MAPPER.readTree(r.out()).get("voxelCount").asLong();
        assertEquals(n, count(out));
        assertTrue(n > 10 && n < 400, "speck + 2 mm: " + n);
        Path nrrd = dir.resolve("speck.nrrd");
        CliRun again = run("segment", in.toString(), "--out", nrrd.toString(), "--threshold", "500:2000", "--seed", "12,-4,20",
                "--region-grow", "--dilate", "2", "--label", "300");
        assertEquals(0, again.code(), again.err());
        assertEquals(Map.of(300, n), ImageFormats.read(nrrd).asLabelMap().counts());
    }

    @Test
    void badInputGivesOneClearLineAndTheRightExitCode(@TempDir Path dir) throws Exception {
        Path in = phantom(dir);
        Path out = dir.resolve("x.nii.gz");
        CliRun reversed = run("segment", in.toString(), "--out", out.toString(), "--threshold", "300:100");
        assertEquals(2, reversed.code());
        assertTrue(reversed.err().contains("reversed"), reversed.err());
        CliRun outside = run("segment", in.toString(), "--out", out.toString(), "--threshold", "500:2000", "--seed", "900,0,0",
                "--region-grow");
        assertEquals(1, outside.code());
        assertTrue(outside.err().contains("outside") && outside.err().contains("ct.nii.gz"), outside.err());
        assertEquals(1, outside.err().strip().lines().count(), outside.err());
        assertFalse(Files.exists(out));
        CliRun empty = run("segment", in.toString(), "--out", out.toString(), "--threshold", "5000:6000", "--json");
        assertEquals(0, empty.code());
        assertTrue(empty.err().contains("empty"), empty.err());
        assertEquals(0, Json.MAPPER.readTree(empty.out()).get("voxelCount").asLong());
        CliRun leak = run("segment", in.toString(), "--out", out.toString(), "--threshold", "0:2000", "--seed", "0,-14,30",
                "--region-grow", "--max-volume", "500", "--json");
        assertEquals(0, leak.code());
        assertTrue(leak.err().contains("leak guard"), leak.err());
        assertTrue(Json.MAPPER.readTree(leak.out()).get("volumeMm3").asDouble() <= 500);
        assertEquals(2, run("segment", in.toString(), "--out", out.toString()).code());
        assertEquals(2, run("segment", in.toString(), "--out", out.toString(), "--otsu", "--preset", "bone").code());
        assertEquals(2, run("segment", in.toString(), "--out", out.toString(), "--preset", "brain").code());
    }

    @Test
    void aLabelMapIsRefusedOrWarnedWhereAnImageIsExpected(@TempDir Path dir) throws Exception {
        Path in = phantom(dir);
        Path labels = dir.resolve("bone.seg.nrrd");
        assertEquals(0, run("segment", in.toString(), "--out", labels.toString(), "--preset", "bone").code());
        CliRun refused = run("segment", labels.toString(), "--out", dir.resolve("x.nii.gz").toString(), "--preset", "bone");
        assertEquals(1, refused.code(), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("bone.seg.nrrd") && refused.err().contains("is a label map"), refused.err());
        Path plain = dir.resolve("bone-plain.nii.gz");
        ImageFormats.write(plain, ImageFormats.read(labels).volume(), Map.of());
        CliRun warned = run("segment", plain.toString(), "--out", dir.resolve("x.nii.gz").toString(), "--threshold", "1:1");
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.err().contains("looks like a label map"), warned.err());
        CliRun mask = run("mesh", plain.toString(), "--out", dir.resolve("x.stl").toString(), "--iso", "0.5");
        assertEquals(0, mask.code(), mask.err());
        assertFalse(mask.err().contains("looks like a label map"), "the surface of a mask at 0.5 is fine: " + mask.err());
        CliRun namedIso = run("mesh", labels.toString(), "--out", dir.resolve("z.stl").toString(), "--iso", "0.5");
        assertEquals(1, namedIso.code(), "a file that names labels is refused for --iso: " + namedIso.err());
        CliRun labelSurface = run("mesh", plain.toString(), "--out", dir.resolve("y.stl").toString(), "--label", "1");
        assertFalse(labelSurface.err().contains("looks like a label map"), "--label expects a label map: " + labelSurface.err());
    }
}
