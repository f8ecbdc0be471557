package org.organ3d.opencl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.organ3d.compute.JavaBackend;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.DistanceTransform;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * The device check's entry point (run by {@code gpu-kernels/device-check.sh} with a jlinked runtime,
 * no Maven): {@code tests} runs every test of this module with the JUnit launcher (OpenCL required),
 * {@code timing N} times Java vs OpenCL extraction, threshold, components and a margin on an N³
 * abdominal phantom and prints tables; {@code measure N NZ} times the multi-label pass
 * ({@link DeviceMeasureCheck}); {@code screen} is the slot for the screening filters.
 * Exit code 0 when everything passed and both backends gave the same triangle count.
 */
public final class DeviceCheck {

    private DeviceCheck() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "tests";
        int rc;
        try {
            rc = switch (what) {
                case "devices" -> devices();
                case "tests" -> tests();
                case "timing" -> timing(args.length > 1 ? Integer.parseInt(args[1]) : 512, args.length > 2 ? Integer.parseInt(args[2]) : 3);
                case "measure" -> DeviceMeasureCheck.run(args.length > 1 ? Integer.parseInt(args[1]) : 512,
                        args.length > 2 ? Integer.parseInt(args[2]) : 400, args.length > 3 ? Integer.parseInt(args[3]) : 3);
                case "screen" -> DeviceMeasureCheck.screen();
                default -> {
                    System.err.println("usage: DeviceCheck devices|tests|timing [N] [runs]|measure [N] [NZ] [runs]|screen");
                    yield 2;
                }
            };
        } catch (RuntimeException | Error e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            rc = 1;
        }
        System.exit(rc);
    }

    private static int devices() {
        for (OpenClDevice d : OpenClPlatforms.devices()) {
            System.out.println("  " + d + " OpenCL C '" + d.openClCVersion() + "' fp64=" + d.hasFp64() + " correctlyRoundedDivide=" + d.hasCorrectlyRoundedDivide() + " CUs=" + d.computeUnits());
        }
        try (OpenClBackend b = new OpenClBackend()) {
            System.out.println("selected: " + b.device() + ", auto priority " + b.autoPriority());
        }
        return 0;
    }

    private static int tests() {
        System.setProperty("organ3d.require", "opencl");
        // NB: tests that need cross-check tools (python3 with numpy ...) are left out: the GPU machine has none.
        LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage("org.organ3d.opencl"))
                .filters(TagFilter.excludeTags("tools")).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (id.isTest()) {
                    System.out.printf("  %-7s %s%n", r.getStatus(), id.getDisplayName()
                            + r.getThrowable().map(t -> "  -> " + t.toString().lines().findFirst().orElse("")).orElse(""));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.printf("  SKIPPED %s (%s)%n", id.getDisplayName(), reason);
            }
        };
        launcher.execute(req, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printTo(out);
        s.printFailuresTo(out, 15);
        boolean ok = s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 && s.getTestsSkippedCount() == 0
                && s.getTestsAbortedCount() == 0;
        System.out.printf("contract tests: %d found, %d passed, %d failed, %d skipped/aborted -> %s%n", s.getTestsFoundCount(),
                s.getTestsSucceededCount(), s.getTotalFailureCount(), s.getTestsSkippedCount() + s.getTestsAbortedCount(),
                ok ? "PASS" : "FAIL");
        return ok ? 0 : 1;
    }

    private static int timing(int n, int runs) {
        long t0 = System.nanoTime();
        Volume ct = PhantomGenerator.generate(new PhantomGrid(n, n, n, 350.0 / n, 350.0 / n, 350.0 / n)).ct();
        System.out.printf("phantom %d^3 int16 generated in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        IsoSurfaceOptions o = IsoSurfaceOptions.open(-300);
        JavaBackend java = new JavaBackend();
        List<String[]> rows = new ArrayList<>();
        int javaTris;
        int clTris;
        double[] jt = new double[runs];
        Mesh m = java.isosurface(ct, o);
        for (int r = 0; r < runs; r++) {
            long a = System.nanoTime();
            m = java.isosurface(ct, o);
            jt[r] = (System.nanoTime() - a) / 1e6;
        }
        javaTris = m.triangleCount();
        rows.add(new String[] {"java (" + Runtime.getRuntime().availableProcessors() + " threads)", ms(median(jt)), "-", "-", "-",
            Integer.toString(javaTris), Integer.toString(m.vertexCount())});
        try (OpenClBackend cl = new OpenClBackend()) {
            Mesh c = cl.isosurface(ct, o);
            double[] ct2 = new double[runs];
            double[][] split = new double[3][runs];
            for (int r = 0; r < runs; r++) {
                cl.resetTimings();
                long a = System.nanoTime();
                c = cl.isosurface(ct, o);
                ct2[r] = (System.nanoTime() - a) / 1e6;
                DeviceTimings t = cl.timings();
                split[0][r] = t.uploadNanos() / 1e6;
                split[1][r] = t.kernelNanos() / 1e6;
                split[2][r] = t.downloadNanos() / 1e6;
            }
            clTris = c.triangleCount();
            StringBuilder ph = new StringBuilder("opencl host phases of the last run (ms):");
            cl.hostPhases().forEach((k, v) -> ph.append(String.format(" %s %.1f", k, v / 1e6)));
            System.out.println(ph);
            rows.add(new String[] {"opencl " + cl.device().name(), ms(median(ct2)), ms(median(split[0])), ms(median(split[1])),
                ms(median(split[2])), Integer.toString(clTris), Integer.toString(c.vertexCount())});
            boolean same = Arrays.equals(m.indicesCopy(), c.indicesCopy());
            System.out.println("identical triangle indices: " + same + "; bricks: " + cl.lastBrickCount());
        }
        System.out.printf("%nisosurface -300 HU, %d^3 abdominal phantom, median of %d runs (ms; split = OpenCL profiling events)%n", n, runs);
        System.out.printf("| %-40s | %9s | %8s | %8s | %8s | %10s | %10s |%n", "backend", "wall", "upload", "kernels", "download",
                "triangles", "vertices");
        for (String[] r : rows) {
            System.out.printf("| %-40s | %9s | %8s | %8s | %8s | %10s | %10s |%n", (Object[]) r);
        }
        boolean ok = javaTris == clTris;
        System.out.println("triangle counts " + (ok ? "identical" : "DIFFER") + " -> " + (ok ? "PASS" : "FAIL"));
        return segmentationTiming(ct, runs) && ok ? 0 : 1;
    }

    /** Threshold (>= 200 HU), 26-connected components and a 5 mm margin: Java vs OpenCL, same answers. */
    private static boolean segmentationTiming(Volume ct, int runs) {
        JavaBackend java = new JavaBackend();
        Dimensions d = ct.dimensions();
        double[] sp = DistanceTransform.spacing(ct.geometry());
        ThresholdRange bone = ThresholdRange.atLeast(200);
        boolean ok = true;
        System.out.printf("%nsegmentation passes, median of %d runs (ms)%n", runs);
        System.out.printf("| %-22s | %9s | %9s | %14s | %-30s |%n", "pass", "java", "opencl", "opencl device", "same answer");
        try (OpenClBackend cl = new OpenClBackend()) {
            byte[][][] th = new byte[2][][];
            double[] tj = time(runs, () -> th[0] = java.threshold(ct, bone));
            double[] tc = time(runs, () -> th[1] = cl.threshold(ct, bone), cl);
            String dev = deviceMean(cl, runs);
            boolean same = Arrays.deepEquals(th[0], th[1]);
            ok &= same;
            System.out.printf("| %-22s | %9s | %9s | %14s | %-30s |%n", "threshold >=200 HU", ms(median(tj)), ms(median(tc)), dev, same);
            Components[] cc = new Components[2];
            tj = time(runs, () -> cc[0] = java.connectedComponents(th[0], d, ct.geometry(), Connectivity.TWENTY_SIX));
            tc = time(runs, () -> cc[1] = cl.connectedComponents(th[0], d, ct.geometry(), Connectivity.TWENTY_SIX), cl);
            dev = deviceMean(cl, runs);
            same = Arrays.equals(cc[0].sizesVoxels(), cc[1].sizesVoxels());
            ok &= same;
            System.out.printf("| %-22s | %9s | %9s | %14s | %-30s |%n", "components (26)", ms(median(tj)), ms(median(tc)), dev,
                    same + " (" + cc[0].count() + " components)");
            StringBuilder ph = new StringBuilder("  opencl components host phases, all timed runs (ms):");
            cl.hostPhases().forEach((key, v) -> ph.append(String.format(" %s %.1f", key, v / 1e6)));
            System.out.println(ph);
            byte[][][] mg = new byte[2][][];
            tj = time(runs, () -> mg[0] = java.withinMm(th[0], d, sp, 5));
            tc = time(runs, () -> mg[1] = cl.withinMm(th[0], d, sp, 5), cl);
            dev = deviceMean(cl, runs);
            same = Arrays.deepEquals(mg[0], mg[1]);
            ok &= same;
            System.out.printf("| %-22s | %9s | %9s | %14s | %-30s |%n", "margin 5 mm (EDT)", ms(median(tj)), ms(median(tc)), dev, same);
        }
        System.out.println("segmentation answers " + (ok ? "identical -> PASS" : "DIFFER -> FAIL"));
        return ok;
    }

    /** Mean device time (upload + kernels + download, profiling events) per timed run of the last {@link #time}. */
    private static String deviceMean(OpenClBackend cl, int runs) {
        DeviceTimings t = cl.timings();
        return String.format("%.1f/%.1f/%.1f", t.uploadNanos() / 1e6 / runs, t.kernelNanos() / 1e6 / runs,
                t.downloadNanos() / 1e6 / runs);
    }

    /** One warm-up, then {@code runs} timed calls (ms); an OpenCL backend's timings count the timed calls only. */
    private static double[] time(int runs, Runnable r) {
        return time(runs, r, null);
    }

    private static double[] time(int runs, Runnable r, OpenClBackend cl) {
        r.run();
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

    private static String ms(double v) {
        return String.format("%.1f", v);
    }
}
