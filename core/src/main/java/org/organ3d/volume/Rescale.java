package org.organ3d.volume;

/**
 * Linear map from stored voxel values to real units ({@code real = raw * slope + intercept}), e.g.
 * DICOM Rescale Slope/Intercept to Hounsfield units, or NIfTI {@code scl_slope}/{@code scl_inter}.
 */
public record Rescale(double slope, double intercept) {

    /** The identity map. */
    public static final Rescale IDENTITY = new Rescale(1.0, 0.0);

    public Rescale {
        if (!Double.isFinite(slope) || slope == 0.0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("rescale must be finite with non-zero slope: " + slope + ", " + intercept);
        }
    }

    /** Real value of a raw value. */
    public double apply(double raw) {
        return raw * slope + intercept;
    }

    /** Raw value that maps to {@code real}. */
    public double invert(double real) {
        return (real - intercept) / slope;
    }

    /** True if this is the identity map. */
    public boolean isIdentity() {
        return slope == 1.0 && intercept == 0.0;
    }
}
