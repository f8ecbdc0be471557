package org.organ3d.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.organ3d.mesh.FlyingEdges;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Command-line timing of organ3d's CPU isosurface extraction, for the comparison scripts in
 * benchmarks/scripts (the JMH suite is {@link FlyingEdgesBench}). Prints one JSON object on stdout.
 *
 * <pre>
 * java -cp benchmarks.jar org.organ3d.bench.IsosurfaceThroughput --phantom NX NY NZ [--write-raw FILE]
 *      [--iso V] [--repeat N] [--warmup W] [--threads T]
 * java -cp benchmarks.jar org.organ3d.bench.IsosurfaceThroughput --raw FILE --dims NX NY NZ [--iso V] ...
 * </pre>
 * The phantom is an int16 CT-like scene ({@link #phantom}); raw files are little-endian int16, x
 * fastest, spacing as given by {@code --spacing} (default 0.8 0.8 1.0 mm). {@code --warmup} untimed
 * extractions (default 3) come first, so that the timed runs measure compiled code, as JMH would;
 * {@code cpuSeconds} is the mean process CPU time of one timed extraction (all threads; JIT and GC
 * threads included).
 */
public final class IsosurfaceThroughput {

    /** Iso value of the phantom's surfaces. */
    public static final double PHANTOM_ISO = 25;

    private IsosurfaceThroughput() {
    }

    /**
     * An int16 scene of nx × ny × nz voxels (spacing 0.8 × 0.8 × 1.0 mm): a rippled ellipsoidal body
     * with a torus and spheres attached, value round(50 · signed distance in mm) clamped to ±1000;
     * its surfaces are at {@link #PHANTOM_ISO}. Built slice by slice in parallel (int16 storage only).
     */
    public static Volume phantom(int nx, int ny, int nz) {
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.8, 1.0));
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.INT16, g);
        short[][] slices = new short[nz][];
        double cx = 0.4 * nx;
        double cy = 0.4 * ny;
        double cz = 0.5 * nz;
        double ax = 0.34 * nx * 0.8;
        double ay = 0.30 * ny * 0.8;
        double az = 0.42 * nz;
        IntStream.range(0, nz).parallel().forEach(k -> {
            short[] s = new short[nx * ny];
            double z = k * 1.0;
            for (int j = 0; j < ny; j++) {
                double y = j * 0.8;
                for (int i = 0; i < nx; i++) {
                    double x = i * 0.8;
                    double dx = x - cx * 0.8;
                    double dy = y - cy * 0.8;
                    double dz = z - cz;
                    double m = Math.min(ax, Math.min(ay, az));
                    double body = m * (1 - Math.sqrt(dx * dx / (ax * ax) + dy * dy / (ay * ay) + dz * dz / (az * az)));
                    body += 2.5 * Math.sin(x / 7.0) * Math.sin(y / 9.0) * Math.sin(z / 11.0);
                    double q = Math.sqrt((dx - 0.5 * ax) * (dx - 0.5 * ax) + dy * dy) - 0.35 * ax;
                    double torus = 0.1 * ax - Math.sqrt(q * q + (dz - 0.6 * az) * (dz - 0.6 * az));
                    double ball = 0.18 * ay - Math.sqrt((dx + 0.7 * ax) * (dx + 0.7 * ax) + (dy - 0.6 * ay) * (dy - 0.6 * ay)
                            + (dz + 0.3 * az) * (dz + 0.3 * az));
                    double f = Math.max(body, Math.max(torus, ball));
                    s[i + nx * j] = (short) Math.max(-1000, Math.min(1000, Math.round(50 * f)));
                }
            }
            slices[k] = s;
        });
        for (int k = 0; k < nz; k++) {
            b.setSlice(k, slices[k]);
        }
        return b.build();
    }

    public static void main(String[] args) throws IOException {
        int[] dims = null;
        int[] phantom = null;
        Path raw = null;
        Path writeRaw = null;
        double iso = PHANTOM_ISO;
        int repeat = 3;
        int warmup = 3;
        int threads = 0;
        double[] spacing = {0.8, 0.8, 1.0};
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--phantom" -> phantom = new int[] {Integer.parseInt(args[++a]), Integer.parseInt(args[++a]), Integer.parseInt(args[++a])};
                case "--raw" -> raw = Path.of(args[++a]);
                case "--dims" -> dims = new int[] {Integer.parseInt(args[++a]), Integer.parseInt(args[++a]), Integer.parseInt(args[++a])};
                case "--spacing" -> spacing = new double[] {Double.parseDouble(args[++a]), Double.parseDouble(args[++a]), Double.parseDouble(args[++a])};
                case "--write-raw" -> writeRaw = Path.of(args[++a]);
                case "--iso" -> iso = Double.parseDouble(args[++a]);
                case "--repeat" -> repeat = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                case "--threads" -> threads = Integer.parseInt(args[++a]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        Volume v;
        if (phantom != null) {
            v = phantom(phantom[0], phantom[1], phantom[2]);
        } else if (raw != null && dims != null) {
            v = readInt16(raw, dims, spacing);
        } else {
            throw new IllegalArgumentException("need --phantom NX NY NZ or --raw FILE --dims NX NY NZ");
        }
        if (writeRaw != null) {
            writeInt16(v, writeRaw);
        }
        IsoSurfaceOptions opt = new IsoSurfaceOptions(iso, false, false);
        double[] secs = new double[Math.max(1, repeat)];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Mesh m = null;
        for (int r = 0; r < warmup; r++) {
            m = FlyingEdges.extract(v, opt, threads);
        }
        long cpuStart = os.getProcessCpuTime();
        for (int r = 0; r < secs.length; r++) {
            m = null;
            long t0 = System.nanoTime();
            m = FlyingEdges.extract(v, opt, threads);
            secs[r] = (System.nanoTime() - t0) / 1e9;
        }
        // NB: process CPU time has coarse (10 ms) ticks here: mean over all timed runs
        double cpuMean = (os.getProcessCpuTime() - cpuStart) / 1e9 / secs.length;
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        MeshProperties p = MeshProperties.of(m);
        long voxels = v.dimensions().voxelCount();
        System.out.println(String.format(Locale.ROOT,
                "{\"triangles\": %d, \"vertices\": %d, \"volumeMm3\": %.6f, \"areaMm2\": %.6f, \"seconds\": %.6f,"
                        + " \"secondsMedian\": %.6f, \"voxelsPerSecond\": %.1f, \"cpuSeconds\": %.6f, \"threads\": %d,"
                        + " \"heapMaxMb\": %d}",
                m.triangleCount(), m.vertexCount(), p.volumeMm3(), p.areaMm2(), sorted[0], sorted[sorted.length / 2],
                voxels / sorted[0], cpuMean, threads > 0 ? threads : java.util.concurrent.ForkJoinPool.getCommonPoolParallelism(),
                Runtime.getRuntime().maxMemory() >> 20));
    }

    private static Volume readInt16(Path file, int[] d, double[] sp) throws IOException {
        Volume.Builder b = Volume.builder(new Dimensions(d[0], d[1], d[2]), VoxelType.INT16,
                Geometry.axisAligned(new Spacing(sp[0], sp[1], sp[2])));
        int n = d[0] * d[1];
        long need = 2L * n * d[2];
        if (Files.size(file) != need) {
            throw new IOException(file + ": " + Files.size(file) + " bytes, expected " + need);
        }
        ByteBuffer bb = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int k = 0; k < d[2]; k++) {
                bb.clear();
                while (bb.hasRemaining() && ch.read(bb) >= 0) {
                    // read the whole slice
                }
                bb.flip();
                short[] s = new short[n];
                bb.asShortBuffer().get(s);
                b.setSlice(k, s);
            }
        }
        return b.build();
    }

    private static void writeInt16(Volume v, Path file) throws IOException {
        int n = v.nx() * v.ny();
        ByteBuffer bb = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        short[] s = new short[n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int k = 0; k < v.nz(); k++) {
                v.copySlice(k, s);
                bb.clear();
                bb.asShortBuffer().put(s);
                bb.limit(2 * n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
        }
    }
}
