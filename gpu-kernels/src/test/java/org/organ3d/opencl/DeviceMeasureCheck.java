package org.organ3d.opencl;

import java.util.Arrays;
import java.util.Map;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The device check's measurement step: every label of an N×N×NZ map with 117 labels measured with
 * intensities (the multi-label pass, {@link LabelStatistics}), Java on all cores against OpenCL, the
 * answers compared exactly (labels, counts, moments, boxes, faces, rows, intensity statistics), the
 * OpenCL time split into upload, kernels and download (profiling events) and host phases.
 *
 * <p>The map: the volume cut into a 5×5×5 grid of blocks, blocks 1..117 labelled, the rest background
 * (an atlas-like map: large regions, a few runs per row), the abdominal phantom's CT as the image
 * (int16, HU).
 */
final class DeviceMeasureCheck {

    private DeviceMeasureCheck() {
    }

    static int run(int n, int nz, int runs) {
        long t0 = System.nanoTime();
        Volume ct = PhantomGenerator.generate(new PhantomGrid(n, n, nz, 350.0 / n, 350.0 / n, 350.0 / n)).ct();
        LabelMap labels = blocks(ct, 117);
        System.out.printf("measure: phantom %dx%dx%d int16 and a 117-label map in %.1f s%n", n, n, nz,
                (System.nanoTime() - t0) / 1e9);
        LabelStatistics.Options o = LabelStatistics.Options.all();
        JavaBackend java = new JavaBackend();
        LabelStatistics[] want = new LabelStatistics[1];
        double[] tj = time(runs, () -> want[0] = java.labelStatistics(labels, ct, o));
        LabelStatistics[] got = new LabelStatistics[1];
        double[] tc;
        double[] split = new double[3];
        Map<String, Long> phases;
        String device;
        try (OpenClBackend cl = new OpenClBackend()) {
            device = cl.device().name();
            tc = time(runs, () -> got[0] = cl.labelStatistics(labels, ct, o), cl);
            DeviceTimings t = cl.timings();
            split[0] = t.uploadNanos() / 1e6 / runs;
            split[1] = t.kernelNanos() / 1e6 / runs;
            split[2] = t.downloadNanos() / 1e6 / runs;
            phases = cl.hostPhases();
        }
        boolean same;
        try {
            LabelStatisticsParityTest.assertSame(want[0], got[0], "device check");
            same = want[0].size() == 117;
        } catch (AssertionError e) {
            System.out.println("DIFFER: " + e.getMessage());
            same = false;
        }
        System.out.printf("%nmeasure all %d labels with intensities, %dx%dx%d, median of %d runs (ms; split = mean of the "
                + "OpenCL profiling events per run)%n", want[0].size(), n, n, nz, runs);
        System.out.printf("| %-40s | %9s | %8s | %8s | %8s | %-10s |%n", "backend", "wall", "upload", "kernels", "download", "same");
        System.out.printf("| %-40s | %9.1f | %8s | %8s | %8s | %-10s |%n",
                "java (" + Runtime.getRuntime().availableProcessors() + " threads)", median(tj), "-", "-", "-", "-");
        System.out.printf("| %-40s | %9.1f | %8.1f | %8.1f | %8.1f | %-10s |%n", "opencl " + device, median(tc), split[0], split[1],
                split[2], same);
        StringBuilder ph = new StringBuilder("  opencl host phases, all runs (ms):");
        phases.forEach((k, v) -> ph.append(String.format(" %s %.1f", k, v / 1e6)));
        System.out.println(ph);
        System.out.printf("speed-up java/opencl: %.1fx (goal on a GPU: >= 10x)%n", median(tj) / median(tc));
        System.out.println("measure answers " + (same ? "identical -> PASS" : "DIFFER -> FAIL"));
        return same ? 0 : 1;
    }

    /** The chest screening filters (issue 16): {@link DeviceScreenCheck}. */
    static int screen() {
        return DeviceScreenCheck.run();
    }

    /** A 5x5x5 grid of blocks over the volume; blocks 1..labels labelled, the rest background. */
    static LabelMap blocks(Volume ct, int labels) {
        Dimensions d = ct.dimensions();
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, ct.geometry());
        java.util.stream.IntStream.range(0, d.nz()).parallel().forEach(k -> {
            byte[] s = new byte[d.sliceSize()];
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int block = (5 * i / d.nx()) + 5 * ((5 * j / d.ny()) + 5 * (5 * k / d.nz()));
                    s[j * d.nx() + i] = (byte) (block < labels ? block + 1 : 0);
                }
            }
            synchronized (b) {
                b.setSlice(k, s);
            }
        });
        return new LabelMap(b.build(), null);
    }

    private static double[] time(int runs, Runnable r) {
        return time(runs, r, null);
    }

    /**
     * Three warm-up runs (the JIT compiles the Java pass's loops), then {@code runs} timed ones; the
     * backend's timings count the timed runs only.
     */
    private static double[] time(int runs, Runnable r, OpenClBackend cl) {
        for (int w = 0; w < 3; w++) {
            r.run();
        }
        if (cl != null) {
            cl.resetTimings();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - a) / 1e6;
        }
        return t;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
