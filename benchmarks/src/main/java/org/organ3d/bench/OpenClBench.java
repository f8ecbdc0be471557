package org.organ3d.bench;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.compute.JavaBackend;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.opencl.DeviceTimings;
import org.organ3d.opencl.OpenClBackend;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.volume.Volume;

/**
 * Isosurface extraction, Java flying edges vs the OpenCL kernels, on the abdominal CT phantom at
 * -300 HU (body and lung surfaces) on a 256³ grid and a 512×512×400 grid. The OpenCL time is the
 * whole call (upload, kernels, download, stitching); the split into upload, kernel and download
 * device time (OpenCL profiling events, averaged per call) is printed at the end of each trial as a
 * line starting with {@code opencl-split}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OpenClBench -f 1 -wi 2 -i 3}; pick the
 * device with {@code -jvmArgsAppend -Dorgan3d.opencl.device=...}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
@State(Scope.Benchmark)
public class OpenClBench {

    /** Grid: {@code 256} (256³, 1.4 mm) or {@code 512x512x400} (0.7 × 0.7 × 0.75 mm). */
    @Param({"256", "512x512x400"})
    public String grid;

    private Volume ct;
    private final IsoSurfaceOptions options = IsoSurfaceOptions.open(-300);
    private final JavaBackend java = new JavaBackend();
    private OpenClBackend cl;
    private long calls;

    @Setup(Level.Trial)
    public void setUp() {
        PhantomGrid g = "256".equals(grid) ? new PhantomGrid(256, 256, 256, 1.4, 1.4, 1.4)
                : new PhantomGrid(512, 512, 400, 0.7, 0.7, 0.75);
        ct = PhantomGenerator.generate(g).ct();
        cl = new OpenClBackend();
        System.out.println("opencl device: " + cl.device());
    }

    @Benchmark
    public Mesh javaExtract() {
        return java.isosurface(ct, options);
    }

    @Benchmark
    public Mesh openclExtract() {
        Mesh m = cl.isosurface(ct, options);
        calls++;
        return m;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (calls > 0) {
            DeviceTimings t = cl.timings();
            System.out.printf("%nopencl-split grid=%s calls=%d per call: upload %.1f ms, kernels %.1f ms, download %.1f ms%n",
                    grid, calls, t.uploadNanos() / 1e6 / calls, t.kernelNanos() / 1e6 / calls, t.downloadNanos() / 1e6 / calls);
        }
        cl.close();
    }
}
