package org.organ3d.inference;

/**
 * How a model wants its input intensities (model card field {@code normalization}), applied to the
 * rescaled values of the volume (HU for CT) on the original grid, before resampling (as nnU-Net
 * does). Every kind comes down to {@code (clamp(v, lo, hi) - mean) / std}; {@link #resolve} gives
 * those four numbers for one volume.
 */
public sealed interface Normalization {

    /** The four numbers of {@code (clamp(v, lo, hi) - mean) / std} for one volume. */
    record Resolved(double low, double high, double mean, double std) {
        public Resolved {
            if (!(low <= high) || !Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
                throw new IllegalArgumentException("bad normalization: clip " + low + ".." + high + ", mean " + mean
                        + ", std " + std);
            }
        }

        /** The normalized value of one rescaled intensity. */
        public float apply(float v) {
            double c = v < low ? low : (v > high ? high : v);
            return (float) ((c - mean) / std);
        }
    }

    /** Values as they are ({@code "type": "none"}). */
    record None() implements Normalization {
    }

    /**
     * CT with a fixed window ({@code "type": "ct", "clip": [lo, hi], "mean": m, "std": s}): clip to
     * [lo, hi] HU, then {@code (v - mean) / std}. nnU-Net's CT normalization, with lo/hi its
     * dataset's 0.5 and 99.5 foreground percentiles and mean/std its foreground mean and deviation.
     */
    record Ct(double clipLow, double clipHigh, double mean, double std) implements Normalization {
        public Ct {
            new Resolved(clipLow, clipHigh, mean, std);
        }
    }

    /**
     * CT clipped to percentiles of this volume ({@code "type": "ct", "clipPercentiles": [0.5, 99.5],
     * "mean": m, "std": s}); percentiles as numpy's default (linear between order statistics), exact.
     */
    record CtPercentiles(double lowPercent, double highPercent, double mean, double std) implements Normalization {
        public CtPercentiles {
            if (!(lowPercent >= 0 && lowPercent <= highPercent && highPercent <= 100)) {
                throw new IllegalArgumentException("percentiles must satisfy 0 <= low <= high <= 100: " + lowPercent + ", " + highPercent);
            }
            new Resolved(0, 0, mean, std);
        }
    }

    /**
     * Per-volume z-score ({@code "type": "zscore"}): {@code (v - mean) / max(std, 1e-8)} with this
     * volume's mean and standard deviation over all voxels (MR, as nnU-Net's ZScoreNormalization).
     */
    record ZScore() implements Normalization {
    }

    /** The window and scale for {@code volume} (reads every voxel for the per-volume kinds). */
    default Resolved resolve(org.organ3d.volume.Volume volume) {
        if (this instanceof Ct c) {
            return new Resolved(c.clipLow(), c.clipHigh(), c.mean(), c.std());
        }
        if (this instanceof CtPercentiles p) {
            double[] q = Percentiles.of(volume, p.lowPercent(), p.highPercent());
            return new Resolved(q[0], q[1], p.mean(), p.std());
        }
        if (this instanceof ZScore) {
            double[] ms = Percentiles.meanAndStd(volume);
            return new Resolved(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, ms[0], Math.max(ms[1], 1e-8));
        }
        return new Resolved(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1);
    }
}
