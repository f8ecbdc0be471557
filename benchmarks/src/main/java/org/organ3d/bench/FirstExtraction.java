package org.organ3d.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.organ3d.io.ImageFormats;
import org.organ3d.mesh.FlyingEdges;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.volume.Volume;

/**
 * organ3d's side of {@code benchmarks/scripts/compare_first_extraction.sh}: in this fresh JVM, reads
 * an image ({@code .nii.gz}, any format organ3d reads), then extracts its isosurface {@code --runs}
 * times with flying edges (all cores, no normals unless {@code --normals}) and prints one JSON object:
 * {@code seconds} (wall time of each extraction, the first included), {@code cpuSeconds} (process CPU
 * time of each: all threads, JIT compiler and GC included), {@code readSeconds}, triangles, vertices.
 * The first entry is what a one-shot run pays: interpreted and freshly compiled code, first touch of
 * the output's memory.
 *
 * <pre>
 * java -cp benchmarks.jar org.organ3d.bench.FirstExtraction FILE ISO [--runs N] [--normals]
 * </pre>
 */
public final class FirstExtraction {

    private FirstExtraction() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: FirstExtraction FILE ISO [--runs N] [--normals]");
        }
        Path file = Path.of(args[0]);
        double iso = Double.parseDouble(args[1]);
        int runs = 5;
        boolean normals = false;
        for (int a = 2; a < args.length; a++) {
            switch (args[a]) {
                case "--runs" -> runs = Integer.parseInt(args[++a]);
                case "--normals" -> normals = true;
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        Volume v = ImageFormats.read(file).volume();
        double read = (System.nanoTime() - t0) / 1e9;
        IsoSurfaceOptions opt = new IsoSurfaceOptions(iso, normals, false);
        double[] wall = new double[Math.max(1, runs)];
        double[] cpu = new double[wall.length];
        Mesh m = null;
        for (int r = 0; r < wall.length; r++) {
            m = null;
            long c = os.getProcessCpuTime();
            long t = System.nanoTime();
            m = FlyingEdges.extract(v, opt);
            wall[r] = (System.nanoTime() - t) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c) / 1e9;
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"seconds\": [%s], \"cpuSeconds\": [%s], \"readSeconds\": %.4f, \"triangles\": %d, \"vertices\": %d,"
                        + " \"threads\": %d}",
                join(wall), join(cpu), read, m.triangleCount(), m.vertexCount(),
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
    }

    private static String join(double[] a) {
        return Arrays.stream(a).mapToObj(x -> String.format(Locale.ROOT, "%.4f", x)).collect(Collectors.joining(", "));
    }
}
