package org.organ3d.screen;

/**
 * A local maximum of the multiscale blob response: where (fractional voxel index of the full
 * grid), at which scale, how strong, and in which field.
 *
 * @param i        column index (fractional)
 * @param j        row index (fractional)
 * @param k        slice index (fractional)
 * @param sigmaMm  the scale (Gaussian σ) at which it peaked, mm
 * @param response the scale-normalised response there (HU; negative for a dark blob)
 * @param contrast the smoothed value at the peak minus the field's background level, HU
 * @param shape    |λc|/|λa| of the Hessian there (1 for a sphere, towards 0 for tubes and plates)
 * @param field    the field it lies in (lung side 1 right / 2 left, or 1 for the liver)
 */
public record Blob(double i, double j, double k, double sigmaMm, double response, double contrast, double shape, int field) {

    /** Radius of a ball that peaks at this scale, σ√3 (mm). */
    public double radiusMm() {
        return sigmaMm * Math.sqrt(3);
    }
}
