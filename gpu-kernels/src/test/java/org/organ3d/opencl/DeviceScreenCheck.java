package org.organ3d.opencl;

import java.util.Arrays;
import java.util.Locale;
import org.organ3d.compute.JavaBackend;
import org.organ3d.filter.FilterPasses;
import org.organ3d.filter.GaussianFilter;
import org.organ3d.screen.Screening;
import org.organ3d.screen.ScreeningOptions;
import org.organ3d.screen.ScreeningResult;
import org.organ3d.testdata.screening.ChestPhantom;
import org.organ3d.testdata.screening.ScreeningStudy;
import org.organ3d.volume.Volume;

/**
 * Device check of the chest screening filters (issue 16; {@code DeviceCheck screen}): a
 * 512 × 512 × 300 chest phantom (0.7 × 0.7 × 1.0 mm), every lung scale's sampled Gaussian and
 * Hessian response on the whole volume, Java (all cores) against OpenCL: Gaussian outputs identical,
 * responses within 1e-4 of their range; times are medians of 3 runs after a warm-up. Then the whole
 * lung screening (Screening.run) on both backends: same candidates (count and positions within
 * 0.01 mm). Exit 0 when both agree.
 */
final class DeviceScreenCheck {

    private static final double[] SCALES = {1.25, 1.75, 2.5, 3.5, 5, 7, 9.5};

    private DeviceScreenCheck() {
    }

    static int run() {
        long g0 = System.nanoTime();
        ScreeningStudy s = ChestPhantom.generate(4242, new ChestPhantom.Options(1.0, 0.7, 1.0, 512, 300, null, 25.0));
        Volume ct = s.ct();
        System.out.printf(Locale.ROOT, "screen: chest phantom %s in %.1f s%n", s.grid(), (System.nanoTime() - g0) / 1e9);
        float[][] img = new float[ct.nz()][];
        for (int k = 0; k < ct.nz(); k++) {
            img[k] = ct.sliceValues(k, null);
        }
        double[] sp = {0.7, 0.7, 1.0};
        boolean same = true;
        double tj = 0;
        double tc = 0;
        try (OpenClBackend cl = new OpenClBackend()) {
            System.out.println("| scale mm | step | java ms | opencl ms | same |");
            for (double sigma : SCALES) {
                int[] step = {Math.max(1, (int) Math.floor(sigma / (1.2 * sp[0]))), Math.max(1, (int) Math.floor(sigma / (1.2 * sp[1]))),
                    Math.max(1, (int) Math.floor(sigma / (1.2 * sp[2])))};
                var sd = org.organ3d.filter.GaussianFilter.sampledDimensions(ct.dimensions(), step);
                double[] ssp = {sp[0] * step[0], sp[1] * step[1], sp[2] * step[2]};
                float[][][] j = new float[2][][];
                float[][][] c = new float[2][][];
                double a = median(3, () -> {
                    j[0] = FilterPasses.JAVA.gaussian(img, ct.dimensions(), sp, sigma, step);
                    j[1] = FilterPasses.JAVA.hessianBlobness(j[0], sd, ssp, sigma, null, 0);
                });
                double b = median(3, () -> {
                    c[0] = cl.gaussian(img, ct.dimensions(), sp, sigma, step);
                    c[1] = cl.hessianBlobness(c[0], sd, ssp, sigma, null, 0);
                });
                boolean ok = identical(j[0], c[0]) && close(j[1], c[1]);
                same &= ok;
                tj += a;
                tc += b;
                System.out.printf(Locale.ROOT, "| %.2f | %s | %.1f | %.1f | %s |%n", sigma, Arrays.toString(step), a, b, ok);
            }
            System.out.printf(Locale.ROOT, "all scales: java %.1f ms (%d threads), opencl %.1f ms (%s), %.1fx%n", tj,
                    Runtime.getRuntime().availableProcessors(), tc, cl.device(), tj / tc);
            ScreeningResult rj = Screening.run(ct, ScreeningOptions.lungs(), new JavaBackend());
            ScreeningResult rc = Screening.run(ct, ScreeningOptions.lungs(), cl);
            boolean sameCandidates = rj.candidates().size() == rc.candidates().size();
            for (int n = 0; sameCandidates && n < rj.candidates().size(); n++) {
                var p = rj.candidates().get(n).centerLps();
                var q = rc.candidates().get(n).centerLps();
                sameCandidates = Math.abs(p.x() - q.x()) + Math.abs(p.y() - q.y()) + Math.abs(p.z() - q.z()) < 0.01;
            }
            System.out.printf(Locale.ROOT, "lung screening 512x512x300: java %.2f s, opencl %.2f s, %d candidates, same %s%n",
                    rj.seconds(), rc.seconds(), rj.candidates().size(), sameCandidates);
            same &= sameCandidates;
        }
        System.out.println("screen answers " + (same ? "agree -> PASS" : "DIFFER -> FAIL"));
        return same ? 0 : 1;
    }

    private static boolean identical(float[][] a, float[][] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            if (!Arrays.equals(a[k], b[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(float[][] a, float[][] b) {
        float range = 0;
        for (float[] s : a) {
            for (float v : s) {
                range = Math.max(range, Math.abs(v));
            }
        }
        for (int k = 0; k < a.length; k++) {
            for (int x = 0; x < a[k].length; x++) {
                if (Math.abs(a[k][x] - b[k][x]) > 1e-4f * range) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double median(int runs, Runnable r) {
        r.run();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - a) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }
}
