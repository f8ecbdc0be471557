package org.organ3d.screen;

/** Order statistics of integer histograms (bin index units). */
final class Histograms {

    private Histograms() {
    }

    /** The bin holding the q-quantile (0..1) plus one half (the bin's centre); 0 for an empty histogram. */
    static double quantile(int[] hist, double q) {
        long total = 0;
        for (int h : hist) {
            total += h;
        }
        if (total == 0) {
            return 0;
        }
        long want = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int b = 0; b < hist.length; b++) {
            seen += hist[b];
            if (seen >= want) {
                return b + 0.5;
            }
        }
        return hist.length - 0.5;
    }

    /** {@link #quantile} at one half. */
    static double median(int[] hist) {
        return quantile(hist, 0.5);
    }
}
