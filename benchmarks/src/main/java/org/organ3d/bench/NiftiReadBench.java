package org.organ3d.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.joml.Vector3d;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.io.ImageFormats;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Reading a 512×512×400 int16 {@code .nii.gz} (200 MiB of voxels) with organ3d versus decompressing
 * the same file with {@code gzip -dc > /dev/null}, in the same JVM session and on the same file.
 * The target is organ3d ≤ about 1.2 × gzip.
 *
 * <p>The file is a CT-like phantom (air, body ellipse with noisy soft tissue, lungs, a spine) so
 * that it compresses like a real scan (about 2:1), not like a constant. {@code compression}
 * chooses how it was compressed: {@code organ3d} (organ3d's writer, deflate level 1, like nibabel's
 * default) or {@code gzip6} ({@code gzip -6}, the command-line default). Files are cached in
 * {@code java.io.tmpdir/organ3d-bench/} and reused, so a shell loop can time {@code gzip -dc} on the
 * very same file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class NiftiReadBench {

    @Param({"organ3d", "gzip6"})
    public String compression;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "organ3d-bench");
        Files.createDirectories(dir);
        Path level1 = dir.resolve("ct512x512x400_int16.nii.gz");
        if (!Files.exists(level1)) {
            ImageFormats.write(level1, phantom(), Map.of());
        }
        if (compression.equals("organ3d")) {
            file = level1;
            return;
        }
        file = dir.resolve("ct512x512x400_int16_gzip6.nii.gz");
        if (!Files.exists(file)) {
            Path tmp = dir.resolve("gzip6.tmp");
            Process p = new ProcessBuilder("sh", "-c", "gzip -dc '" + level1 + "' | gzip -6 > '" + tmp + "'").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("gzip failed");
            }
            Files.move(tmp, file);
        }
    }

    /** organ3d reads the whole file into a {@link Volume} (header, inflate, byte order, CRC check). */
    @Benchmark
    public Volume organ3dRead() throws IOException {
        return ImageFormats.read(file).volume();
    }

    /** {@code gzip -dc file > /dev/null}: the reference. */
    @Benchmark
    public int gzipDc() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gzip", "-dc", file.toString()).redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.INHERIT).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("gzip -dc exited with " + rc);
        }
        return rc;
    }

    /** A 512×512×400 int16 CT-like phantom in HU. */
    static Volume phantom() {
        Dimensions d = new Dimensions(512, 512, 400);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.axisAligned(new Spacing(0.7, 0.7, 1.0), new Vector3d(-179, -179, -200)));
        java.util.stream.IntStream.range(0, d.nz()).parallel().forEach(k -> {
            SplittableRandom rnd = new SplittableRandom(k);
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < 512; j++) {
                double y = (j - 256) / 200.0;
                for (int i = 0; i < 512; i++) {
                    double x = (i - 256) / 240.0;
                    double hu;
                    if (x * x + y * y > 1) {
                        hu = -1000 + rnd.nextInt(-20, 21);
                    } else if (((x - 0.45) * (x - 0.45) / 0.09 + y * y / 0.4 < 1) || ((x + 0.45) * (x + 0.45) / 0.09 + y * y / 0.4 < 1)) {
                        hu = -850 + rnd.nextInt(-40, 41);
                    } else if (x * x + (y - 0.6) * (y - 0.6) < 0.01) {
                        hu = 700 + rnd.nextInt(0, 300);
                    } else {
                        hu = 40 + rnd.nextInt(-25, 26);
                    }
                    s.put(j * 512 + i, (short) hu);
                }
            }
        });
        return b.build();
    }
}
