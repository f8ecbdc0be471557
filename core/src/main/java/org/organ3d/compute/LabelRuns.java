package org.organ3d.compute;

import org.organ3d.volume.Dimensions;
import org.organ3d.volume.VoxelType;

/**
 * The runs of a label map: every maximal run of equal, non-zero label values along a row
 * (i = lo..hi of row j, slice k), in canonical order (rows by {@code k * ny + j}, then by i), with the
 * per-run quantities from which {@link LabelStatistics} is merged. A backend's part of the
 * multi-label pass is to produce these records (the Java backend with {@link LabelRunScan}, the
 * OpenCL backend on the device: count, scan, emit); the merge is one shared piece of host code, so
 * both backends give the same numbers by construction.
 *
 * <p>Per run, six ints ({@link #INTS}): row, lo, hi, raw label value, and the faces of its voxels
 * whose normal is along j and along k (the neighbouring voxel has another label or is outside the
 * grid). With an image, five longs ({@link #VALUES}): the count of values used (NaN samples of a
 * float image are skipped) and, for {@link #exactSums(VoxelType) 8/16-bit integer samples}, the exact
 * sums of the raw values and of their squares, the raw minimum and maximum; for int32 and float32
 * samples the raw values as doubles (bits in the longs): Welford's running mean and sum of squared
 * deviations over the run, left to right ({@code d = x − mean; mean += d / n; m2 += d · (x − mean)},
 * no fused multiply-add), the minimum and the maximum.
 *
 * <p>Arrays are adopted, not copied, and read only afterwards. Thread-safe once built.
 */
public final class LabelRuns {

    /** Ints per run: row, lo, hi, label, facesJ, facesK. */
    public static final int INTS = 6;
    /** Longs per run with an image: count, then sum / sum of squares / min / max (see class comment). */
    public static final int VALUES = 5;

    private final Dimensions dims;
    private final int count;
    private final int[] ints;
    private final long[] values;

    /**
     * Runs of a grid of {@code dims}: {@code count} runs, {@code INTS} ints each in {@code ints} and
     * {@code VALUES} longs each in {@code values} (null without an image).
     */
    public LabelRuns(Dimensions dims, int count, int[] ints, long[] values) {
        if (count < 0 || ints.length < (long) INTS * count || values != null && values.length < (long) VALUES * count) {
            throw new IllegalArgumentException("run arrays too short for " + count + " runs");
        }
        this.dims = dims;
        this.count = count;
        this.ints = ints;
        this.values = values;
    }

    /** True when runs of an image of type {@code t} carry exact integer sums (8/16-bit samples). */
    public static boolean exactSums(VoxelType t) {
        return t.isInteger() && t.bytes() <= 2;
    }

    /** Largest number of runs one {@code LabelRuns} holds (array limits). */
    public static int maxRuns() {
        return (Integer.MAX_VALUE - 16) / INTS;
    }

    public Dimensions dimensions() {
        return dims;
    }

    /** Number of runs. */
    public int count() {
        return count;
    }

    /** True when the runs carry image values. */
    public boolean hasValues() {
        return values != null;
    }

    /** Row index {@code k * ny + j} of run r. */
    public int row(int r) {
        return ints[INTS * r];
    }

    /** First i of run r. */
    public int lo(int r) {
        return ints[INTS * r + 1];
    }

    /** Last i of run r (inclusive). */
    public int hi(int r) {
        return ints[INTS * r + 2];
    }

    /** Raw label value of run r. */
    public int label(int r) {
        return ints[INTS * r + 3];
    }

    /** Faces with normal along j of run r's voxels. */
    public int facesJ(int r) {
        return ints[INTS * r + 4];
    }

    /** Faces with normal along k of run r's voxels. */
    public int facesK(int r) {
        return ints[INTS * r + 5];
    }

    /** Value slot q (0..4) of run r. */
    public long value(int r, int q) {
        return values[VALUES * r + q];
    }
}
