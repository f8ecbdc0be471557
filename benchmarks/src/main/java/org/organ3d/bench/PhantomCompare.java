package org.organ3d.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.volume.Volume;

/**
 * organ3d's side of {@code benchmarks/scripts/compare.sh}: generates the abdominal phantom study
 * (full 512×512×200 or small 128×128×100), writes its HU values as raw little-endian int16 for the
 * peers, extracts the isosurface at ISO on the chosen backend WARMUP times untimed (JIT warm-up,
 * as the peers warm up too), then REPEAT times timed, and prints one JSON line (seconds best and
 * median, mean CPU seconds per timed run over all threads, triangles, volume, area).
 *
 * <p>Usage: {@code PhantomCompare full|small RAW_OUT ISO REPEAT [backend [WARMUP]]}
 */
public final class PhantomCompare {

    private PhantomCompare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: PhantomCompare full|small RAW_OUT ISO REPEAT [backend]");
            System.exit(2);
        }
        PhantomGrid grid = "small".equals(args[0]) ? PhantomGrid.SMALL : PhantomGrid.FULL;
        Path raw = Path.of(args[1]);
        double iso = Double.parseDouble(args[2]);
        int repeat = Integer.parseInt(args[3]);
        String backendName = args.length > 4 ? args[4] : "java";
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        Volume ct = PhantomGenerator.generate(grid).ct();
        writeHu(ct, raw);
        IsoSurfaceOptions o = new IsoSurfaceOptions(iso, false, false);
        try (ComputeBackend backend = ComputeBackends.select(backendName)) {
            Mesh m = backend.isosurface(ct, o);
            for (int w = 1; w < warmup; w++) {
                m = backend.isosurface(ct, o);
            }
            double[] t = new double[repeat];
            var bean = ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = processCpu(bean);
            for (int r = 0; r < repeat; r++) {
                long a = System.nanoTime();
                m = backend.isosurface(ct, o);
                t[r] = (System.nanoTime() - a) / 1e9;
            }
            double cpuMean = (processCpu(bean) - cpu0) / 1e9 / repeat;
            Arrays.sort(t);
            MeshProperties p = MeshProperties.of(m);
            System.out.printf(Locale.ROOT,
                    "{\"tool\": \"organ3d (%s)\", \"seconds\": %.6f, \"secondsMedian\": %.6f, \"cpuSeconds\": %.6f,"
                            + " \"triangles\": %d, \"vertices\": %d, \"volumeMm3\": %.3f, \"areaMm2\": %.3f, \"threads\": %d}%n",
                    backend.name(), t[0], t[t.length / 2], cpuMean, m.triangleCount(), m.vertexCount(), p.volumeMm3(), p.areaMm2(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static long processCpu(java.lang.management.OperatingSystemMXBean bean) {
        return bean instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0L;
    }

    /** The rescaled values (HU) as little-endian int16, x fastest. */
    private static void writeHu(Volume ct, Path raw) throws IOException {
        int n = ct.dimensions().sliceSize();
        float[] row = null;
        ByteBuffer buf = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 20)) {
            for (int k = 0; k < ct.nz(); k++) {
                row = ct.sliceValues(k, row);
                buf.clear();
                for (int x = 0; x < n; x++) {
                    buf.putShort((short) Math.round(row[x]));
                }
                out.write(buf.array(), 0, 2 * n);
            }
        }
    }
}
