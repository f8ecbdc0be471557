package org.organ3d.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Confidence-connected region growing, after ITK's ConfidenceConnectedImageFilter (L. Ibáñez et
 * al., <i>The ITK Software Guide</i>, section "Confidence Connected"): the range is
 * {@code mean ± k·σ} of the region, re-estimated a few times.
 * <ol>
 * <li>Mean and sample standard deviation of the voxels in a cube of half-width
 * {@code initialRadius} voxels around every seed (clipped to the grid, all seeds pooled).</li>
 * <li>Connected threshold ({@link RegionGrowing}) from the seeds with
 * {@code [mean - k·σ, mean + k·σ]}.</li>
 * <li>{@code iterations} times: mean and σ over the region just grown (parallel over slices, sums
 * in double added in slice order), new range, grow again from the seeds.</li>
 * </ol>
 * Stops early when the region comes out empty (the previous region is returned) or the leak guard
 * trips (that result is returned with its warning). Caveats: a region of constant value has σ = 0
 * and grows only over that exact value; noise-free synthetic images need a non-zero initial
 * spread.
 */
public final class ConfidenceConnected {

    /** ITK's default multiplier k. */
    public static final double DEFAULT_MULTIPLIER = 2.5;
    /** ITK's default number of re-estimations. */
    public static final int DEFAULT_ITERATIONS = 4;
    /** ITK's default initial neighbourhood half-width (voxels). */
    public static final int DEFAULT_INITIAL_RADIUS = 1;

    private ConfidenceConnected() {
    }

    /** With ITK's defaults (k = 2.5, 4 iterations, 3×3×3 initial neighbourhood). */
    public static RegionGrowing.Result grow(Volume volume, List<VoxelIndex> seeds, Connectivity c, double maxVolumeMm3, int label) {
        return grow(volume, seeds, DEFAULT_MULTIPLIER, DEFAULT_ITERATIONS, DEFAULT_INITIAL_RADIUS, c, maxVolumeMm3, label);
    }

    /**
     * Confidence-connected growth from {@code seeds}.
     *
     * @param multiplier     k (> 0)
     * @param iterations     re-estimations after the first growth (>= 0)
     * @param initialRadius  half-width in voxels of the initial neighbourhood (>= 0)
     */
    public static RegionGrowing.Result grow(Volume volume, List<VoxelIndex> seeds, double multiplier, int iterations,
            int initialRadius, Connectivity c, double maxVolumeMm3, int label) {
        Masks.checkLabel(label);
        if (!(multiplier > 0) || iterations < 0 || initialRadius < 0) {
            throw new IllegalArgumentException("need multiplier > 0, iterations >= 0, initial radius >= 0");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("region growing needs at least one seed");
        }
        Dimensions d = volume.dimensions();
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (VoxelIndex seed : seeds) {
            seed.requireInside(d);
            for (int k = Math.max(0, seed.k() - initialRadius); k <= Math.min(d.nz() - 1, seed.k() + initialRadius); k++) {
                for (int j = Math.max(0, seed.j() - initialRadius); j <= Math.min(d.ny() - 1, seed.j() + initialRadius); j++) {
                    for (int i = Math.max(0, seed.i() - initialRadius); i <= Math.min(d.nx() - 1, seed.i() + initialRadius); i++) {
                        double v = volume.value(i, j, k);
                        s += v;
                        s2 += v * v;
                        n++;
                    }
                }
            }
        }
        ThresholdRange range = range(s, s2, n, multiplier);
        RegionGrowing.Flood f = RegionGrowing.flood(volume, seeds, range, c, maxVolumeMm3);
        List<String> notes = new ArrayList<>();
        for (int it = 0; it < iterations && !f.hit && f.count > 0; it++) {
            double[] st = stats(volume, f.region);
            ThresholdRange next = range(st[0], st[1], (long) st[2], multiplier);
            RegionGrowing.Flood g = RegionGrowing.flood(volume, seeds, next, c, maxVolumeMm3);
            if (g.count == 0) {
                notes.add(String.format(Locale.ROOT, "confidence connected: iteration %d with range %s grew nothing; "
                        + "kept the previous region", it + 1, next));
                break;
            }
            f = g;
        }
        f.warnings.addAll(notes);
        return f.result(volume, label);
    }

    private static ThresholdRange range(double sum, double sumSq, long n, double k) {
        double mean = sum / n;
        double var = n > 1 ? Math.max(0, (sumSq - sum * sum / n) / (n - 1)) : 0;
        double sd = Math.sqrt(var);
        return new ThresholdRange(mean - k * sd, mean + k * sd);
    }

    /** {sum, sum of squares, count} of the values in the region (null slices are empty). */
    private static double[] stats(Volume volume, byte[][] region) {
        double[][] per = new double[region.length][];
        IntStream.range(0, region.length).parallel().forEach(k -> {
            byte[] r = region[k];
            if (r == null) {
                per[k] = new double[3];
                return;
            }
            float[] v = volume.sliceValues(k, null);
            double s = 0;
            double s2 = 0;
            long n = 0;
            for (int x = 0; x < r.length; x++) {
                if (r[x] != 0) {
                    s += v[x];
                    s2 += (double) v[x] * v[x];
                    n++;
                }
            }
            per[k] = new double[] {s, s2, n};
        });
        double[] t = new double[3];
        for (double[] p : per) {
            t[0] += p[0];
            t[1] += p[1];
            t[2] += p[2];
        }
        return t;
    }
}
