package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The memory promise of {@link Volume}'s storage, end to end in a child JVM: a 512×512×1000 int16
 * CT (500 MB of voxels) read from {@code .nii.gz} and meshed at −300 HU with {@code -Xmx800m}
 * (one array per slice needed about 1 GB of G1 regions for the volume alone), and a heap that is
 * really too small ends with one error line, not a stack trace.
 */
class LargeCtMemoryTest {

    static final int N = 512;
    static final int NZ = 1000;
    static final double SXY = 0.7;
    static final double SZ = 0.5;
    /** Body: elliptic cylinder of soft tissue (40 HU) with two elliptic lungs of -850 HU, air -1000 HU outside. */
    static final double BODY_A = 160;
    static final double BODY_B = 120;
    static final double LUNG_A = 45;
    static final double LUNG_B = 70;
    static final double LUNG_X = 70;

    /** The CT above with 10 HU noise (deterministic). */
    static Volume ct() {
        Dimensions d = new Dimensions(N, N, NZ);
        double o = -0.5 * (N - 1) * SXY;
        Geometry g = Geometry.axisAligned(new Spacing(SXY, SXY, SZ), new Vector3d(o, o, 0));
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        IntStream.range(0, NZ).parallel().forEach(k -> {
            ShortBuffer s = b.shortsForWriting(k);
            SplittableRandom rnd = new SplittableRandom(k);
            for (int j = 0; j < N; j++) {
                double y = o + j * SXY;
                for (int i = 0; i < N; i++) {
                    double x = o + i * SXY;
                    double hu = -1000;
                    if (sq(x / BODY_A) + sq(y / BODY_B) <= 1) {
                        boolean lung = sq((Math.abs(x) - LUNG_X) / LUNG_A) + sq(y / LUNG_B) <= 1;
                        hu = lung ? -850 : 40;
                    }
                    s.put(j * N + i, (short) Math.round(hu + 1024 + 10 * rnd.nextGaussian()));
                }
            }
        });
        return b.build();
    }

    private static double sq(double v) {
        return v * v;
    }

    private static Processes.Run cli(String heap, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.add("-XX:+UseG1GC");
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return Processes.run(cmd, null, Map.of(), Duration.ofMinutes(4));
    }

    @Test
    void a500MbCtIsReadAndMeshedIn800MbOfHeapAndTooSmallAHeapIsOneErrorLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("ct.nii.gz");
        ImageFormats.write(in, ct(), Map.of());
        System.gc();
        Path out = dir.resolve("body.ply");

        Processes.Run ok = cli("-Xmx800m", "mesh", in.toString(), "--out", out.toString(), "--iso", "-300", "--cap", "--json");
        assertEquals(0, ok.exit(), ok.err());
        JsonNode mesh = Json.MAPPER.readTree(ok.out()).get("meshes").get(0);
        // truth: body minus lungs, as elliptic cylinders over the length of the stack. NB: on a sharp
        // step sampled at voxel centres, -300 HU lies 0.17 voxel inside the body's edge and 0.12
        // voxel inside the lungs' tissue edge: about -0.4 % in all, hence the 1 % tolerance
        double length = NZ * SZ;
        double truth = Math.PI * (BODY_A * BODY_B - 2 * LUNG_A * LUNG_B) * length;
        double vol = mesh.get("volumeMm3").asDouble();
        assertEquals(truth, vol, 0.01 * truth, "enclosed volume against the analytic body minus lungs");
        assertTrue(mesh.get("watertight").asBoolean(), ok.out());
        assertEquals(1, mesh.get("components").asInt(), "the capped lungs open into the skin at both ends: " + ok.out());
        assertTrue(Files.size(out) > 0);

        Processes.Run small = cli("-Xmx256m", "mesh", in.toString(), "--out", dir.resolve("x.ply").toString(), "--iso", "-300",
                "--json");
        assertEquals(1, small.exit(), small.err());
        assertEquals("", small.out(), "nothing on stdout");
        assertEquals(1, small.err().strip().lines().count(), "one error line, no stack trace: " + small.err());
        assertTrue(small.err().startsWith("organ3d mesh: error: "), small.err());
        assertTrue(small.err().contains("heap") && small.err().contains("-Xmx"), small.err());
        assertFalse(small.err().contains("\tat "), small.err());
        assertFalse(Files.exists(dir.resolve("x.ply")), "no partial output");
    }
}
