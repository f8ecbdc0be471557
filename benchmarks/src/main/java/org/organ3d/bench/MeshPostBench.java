package org.organ3d.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.mesh.DecimationResult;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.QuadricDecimation;
import org.organ3d.mesh.SmoothingResult;
import org.organ3d.mesh.TaubinSmoothing;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;

/**
 * Mesh post-processing on a noisy icosphere of 1,310,720 triangles (level 8, r = 100 mm, radial
 * noise σ = 0.1 mm, 655,362 vertices): Taubin (20 iterations) and windowed-sinc (20) smoothing,
 * quadric decimation to 10 %, binary STL (65.5 MB) and GLB (31.5 MB) writes. Each call is one shot.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar MeshPostBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class MeshPostBench {

    private Mesh sphere;
    private List<NamedMesh> named;
    private Path dir;

    @Setup
    public void setUp() throws IOException {
        Mesh m = MeshPrimitives.icosphere(0, 0, 0, 100, 8);
        float[] p = m.positionsCopy();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int v = 0; v < p.length; v += 3) {
            double s = 1 + 0.001 * rnd.nextGaussian();
            p[v] *= (float) s;
            p[v + 1] *= (float) s;
            p[v + 2] *= (float) s;
        }
        sphere = Mesh.adopt(p, m.normalsCopy(), m.indicesCopy());
        named = List.of(new NamedMesh(1, "sphere", 0xC08040FF, sphere));
        dir = Files.createTempDirectory("organ3d-meshpost-bench");
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public SmoothingResult taubin20() {
        return TaubinSmoothing.smooth(sphere);
    }

    @Benchmark
    public SmoothingResult windowedSinc20() {
        return WindowedSincSmoothing.smooth(sphere);
    }

    @Benchmark
    public DecimationResult decimateTo10Percent() {
        return QuadricDecimation.decimate(sphere, QuadricDecimation.Options.toFraction(0.1));
    }

    @Benchmark
    public List<Path> writeBinaryStl() throws IOException {
        return MeshWriters.write(dir.resolve("sphere.stl"), named, ExportOptions.in(CoordinateSystem.LPS));
    }

    @Benchmark
    public List<Path> writeGlb() throws IOException {
        return MeshWriters.write(dir.resolve("sphere.glb"), named, ExportOptions.in(CoordinateSystem.RAS));
    }
}
