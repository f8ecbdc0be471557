package org.organ3d.segment;

import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Global threshold on rescaled intensities (HU for CT): a voxel is foreground when
 * {@code lower <= value <= upper}, both bounds inclusive.
 *
 * <p>One pass over the slices in parallel; each slice's values come from
 * {@link Volume#sliceValues} (float32, {@code raw * slope + intercept}), compared in double
 * precision with the bounds. Caveat: for float32 volumes with a non-identity rescale the comparison
 * is on the float32-rounded real value, as everywhere else in organ3d.
 */
public final class Threshold {

    private Threshold() {
    }

    /** Voxels in {@code range} as 0/1 slices (new arrays, owned by the caller). */
    public static byte[][] mask(Volume volume, ThresholdRange range) {
        Dimensions d = volume.dimensions();
        int n = d.sliceSize();
        double lo = range.lower();
        double hi = range.upper();
        byte[][] out = new byte[d.nz()][];
        Masks.parallel(d.nz(), k -> {
            float[] v = volume.sliceValues(k, null);
            byte[] o = new byte[n];
            for (int x = 0; x < n; x++) {
                double f = v[x];
                o[x] = (byte) (f >= lo && f <= hi ? 1 : 0);
            }
            out[k] = o;
        });
        return out;
    }

    /** Voxels in {@code range} labelled {@code label} (1..65535) on the volume's geometry. */
    public static LabelMap apply(Volume volume, ThresholdRange range, int label) {
        return Masks.toLabelMap(mask(volume, range), volume.dimensions(), volume.geometry(), label);
    }

    /** Voxels with {@code lower <= value <= upper} labelled 1. */
    public static LabelMap apply(Volume volume, double lower, double upper) {
        return apply(volume, new ThresholdRange(lower, upper), 1);
    }
}
