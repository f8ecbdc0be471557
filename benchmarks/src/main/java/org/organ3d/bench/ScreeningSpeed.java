package org.organ3d.bench;

import java.util.Arrays;
import java.util.Locale;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.screen.Screening;
import org.organ3d.screen.ScreeningOptions;
import org.organ3d.screen.ScreeningResult;
import org.organ3d.testdata.screening.ChestPhantom;
import org.organ3d.testdata.screening.ScreeningStudy;

/**
 * Wall time of lung screening on a 512 × 512 × 300 chest CT (a {@link ChestPhantom} at 0.7 × 0.7
 * × 1.0 mm): {@code ScreeningSpeed [REPEATS] [--backend NAME] [--seed S]} screens it once to warm
 * up and then REPEATS times (default 3), printing each time, the best and the median. The
 * phantom is generated first (not timed). Run it as {@code benchmarks/scripts/screen_speed.sh}
 * does, with {@code -Xmx4g}: the budget is 20 s on a 2-core machine.
 */
public final class ScreeningSpeed {

    private ScreeningSpeed() {
    }

    public static void main(String[] args) {
        int repeats = 3;
        String backendName = "auto";
        long seed = 4242;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--backend" -> backendName = args[++a];
                case "--seed" -> seed = Long.parseLong(args[++a]);
                default -> repeats = Integer.parseInt(args[a]);
            }
        }
        long g0 = System.nanoTime();
        ScreeningStudy s = ChestPhantom.generate(seed, new ChestPhantom.Options(1.0, 0.7, 1.0, 512, 300, null, 25.0));
        System.out.printf(Locale.ROOT, "phantom %s generated in %.1f s (not timed below)%n", s.grid(), (System.nanoTime() - g0) / 1e9);
        double[] t = new double[repeats];
        try (ComputeBackend b = ComputeBackends.select(backendName)) {
            ScreeningResult warm = Screening.run(s.ct(), ScreeningOptions.lungs(), b);
            System.out.printf(Locale.ROOT, "warm-up: %.2f s, %d candidates, backend %s%n", warm.seconds(), warm.candidates().size(), b.name());
            for (int r = 0; r < repeats; r++) {
                ScreeningResult res = Screening.run(s.ct(), ScreeningOptions.lungs(), b);
                t[r] = res.seconds();
                System.out.printf(Locale.ROOT, "run %d: %.2f s, %d candidates%n", r + 1, t[r], res.candidates().size());
            }
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "512x512x300 lung screening: best %.2f s, median %.2f s (%d runs, %d cores, max heap %d MiB)%n",
                sorted[0], sorted[sorted.length / 2], repeats, rt.availableProcessors(), rt.maxMemory() >> 20);
    }
}
