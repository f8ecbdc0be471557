package org.organ3d.segment;

/**
 * A closed interval of rescaled intensities (HU for CT): a voxel is inside when
 * {@code lower <= value <= upper}, both bounds inclusive. Infinite bounds make it one-sided.
 */
public record ThresholdRange(double lower, double upper) {

    public ThresholdRange {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException("threshold bounds must be numbers: " + lower + ":" + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("threshold range is reversed: lower " + fmt(lower)
                    + " is above upper " + fmt(upper) + " (write LO:HI with LO <= HI)");
        }
    }

    /** Values at or above {@code lower}. */
    public static ThresholdRange atLeast(double lower) {
        return new ThresholdRange(lower, Double.POSITIVE_INFINITY);
    }

    /**
     * Parses {@code LO:HI} (either side may be empty for an open bound, e.g. {@code 300:}).
     *
     * @throws IllegalArgumentException on bad syntax or a reversed range
     */
    public static ThresholdRange parse(String text) {
        int c = text.indexOf(':');
        if (c < 0 || c != text.lastIndexOf(':')) {
            throw new IllegalArgumentException("threshold must be LO:HI, e.g. 300:3000 (got '" + text + "')");
        }
        String lo = text.substring(0, c).trim();
        String hi = text.substring(c + 1).trim();
        try {
            return new ThresholdRange(lo.isEmpty() ? Double.NEGATIVE_INFINITY : Double.parseDouble(lo),
                    hi.isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(hi));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold must be LO:HI with numbers, e.g. 300:3000 (got '" + text + "')");
        }
    }

    /** True if {@code lower <= v <= upper}. */
    public boolean contains(double v) {
        return v >= lower && v <= upper;
    }

    /** {@code LO:HI} as {@link #parse} reads it (an infinite side is left empty). */
    @Override
    public String toString() {
        return fmt(lower) + ":" + fmt(upper);
    }

    private static String fmt(double v) {
        return Double.isInfinite(v) ? "" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
