package org.organ3d.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;

/**
 * Reads a DICOM series (or any image) {@code --runs} times in one JVM and prints one JSON object:
 * {@code seconds} and {@code cpuSeconds} of each read (process CPU, all threads), {@code slices},
 * {@code processors}; for {@code benchmarks/scripts/compare_j2k.sh}, which runs it on all cores and
 * pinned to one ({@code taskset}) to show how a JPEG 2000 series spreads over the cores.
 *
 * <pre>
 * java -cp benchmarks.jar org.organ3d.bench.SeriesRead FOLDER [--runs N]
 * </pre>
 */
public final class SeriesRead {

    private SeriesRead() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        int runs = args.length > 2 && args[1].equals("--runs") ? Integer.parseInt(args[2]) : 5;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        int slices = 0;
        for (int r = 0; r < runs; r++) {
            long c = os.getProcessCpuTime();
            long t = System.nanoTime();
            LoadedImage img = ImageFormats.read(in);
            wall[r] = (System.nanoTime() - t) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c) / 1e9;
            slices = img.volume().nz();
        }
        System.out.println(String.format(Locale.ROOT, "{\"seconds\": [%s], \"cpuSeconds\": [%s], \"slices\": %d, \"processors\": %d}",
                join(wall), join(cpu), slices, Runtime.getRuntime().availableProcessors()));
    }

    private static String join(double[] a) {
        return Arrays.stream(a).mapToObj(x -> String.format(Locale.ROOT, "%.4f", x)).collect(Collectors.joining(", "));
    }
}
