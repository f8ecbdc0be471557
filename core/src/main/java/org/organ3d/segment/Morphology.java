package org.organ3d.segment;

import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;

/**
 * Binary morphology with a ball of radius r millimetres on anisotropic grids, through the exact
 * Euclidean {@link DistanceTransform} (one transform per operation, whatever r; never repeated
 * one-voxel steps):
 * <ul>
 * <li>dilate(A, r): the voxels whose centre is within r of the centre of a voxel of A
 * ({@code d² <= r²(1 + 1e-6)}, see {@link DistanceTransform#withinMm}). This is the margin
 * operation of radiotherapy planning (grow a tumour by 5 mm).</li>
 * <li>erode(A, r) = complement(dilate(complement(A), r)), the complement taken inside the grid:
 * the voxels of A with no background voxel within r.</li>
 * <li>open = dilate(erode), close = erode(dilate).</li>
 * </ul>
 * Border convention: the grid is all there is. Dilation treats voxels beyond the grid as
 * background (nothing grows in from outside); erosion, its dual, treats them as foreground, so an
 * object cut by the edge of the field of view is not eaten away at the cut. With it the duality
 * above holds exactly, closing is extensive and opening anti-extensive.
 *
 * <p>Caveat (a property of voxel sets, not of this code): the dilation of the voxel set of a ball
 * of radius R by r is in general not the voxel set of the ball of radius R + r. The voxels of the
 * R ball do not determine the R + r ball (two centres a few µm apart can give the same R-ball
 * voxels and different (R + r)-ball voxels), so no operation on the voxel set can return it. What
 * holds, and is tested: dilate(ball_R, r) ⊆ ball_{R+r}, and ball_{R+r} ⊆ dilate(ball_R, r + h) with
 * h the voxel diagonal.
 *
 * <p>Inputs are read as "label != 0"; outputs are new label maps on the input's geometry holding
 * {@code label}. Threads: all cores, results independent of their number. The distance transform
 * runs on the {@link SegmentationPasses} given (a compute backend: the OpenCL EDT gives the same
 * masks), in Java without one.
 */
public final class Morphology {

    private Morphology() {
    }

    /** Dilation by a ball of {@code radiusMm} (the margin). */
    public static LabelMap dilate(LabelMap mask, double radiusMm, int label) {
        return Masks.toLabelMap(dilate(Masks.foreground(mask), mask.dimensions(), spacing(mask), radiusMm), mask, label);
    }

    /** Erosion by a ball of {@code radiusMm}. */
    public static LabelMap erode(LabelMap mask, double radiusMm, int label) {
        return Masks.toLabelMap(erode(Masks.foreground(mask), mask.dimensions(), spacing(mask), radiusMm), mask, label);
    }

    /** Opening: erosion then dilation (removes parts thinner than 2r). */
    public static LabelMap open(LabelMap mask, double radiusMm, int label) {
        Dimensions d = mask.dimensions();
        double[] s = spacing(mask);
        return Masks.toLabelMap(dilate(erode(Masks.foreground(mask), d, s, radiusMm), d, s, radiusMm), mask, label);
    }

    /** Closing: dilation then erosion (fills gaps narrower than 2r). */
    public static LabelMap close(LabelMap mask, double radiusMm, int label) {
        Dimensions d = mask.dimensions();
        double[] s = spacing(mask);
        return Masks.toLabelMap(erode(dilate(Masks.foreground(mask), d, s, radiusMm), d, s, radiusMm), mask, label);
    }

    /** Dilation by a ball of {@code radiusMm}, the distance transform on {@code passes} (same answer). */
    public static LabelMap dilate(LabelMap mask, double radiusMm, int label, SegmentationPasses passes) {
        return Masks.toLabelMap(dilate(Masks.foreground(mask), mask.dimensions(), spacing(mask), radiusMm, passes), mask, label);
    }

    /** Erosion by a ball of {@code radiusMm}, the distance transform on {@code passes} (same answer). */
    public static LabelMap erode(LabelMap mask, double radiusMm, int label, SegmentationPasses passes) {
        return Masks.toLabelMap(erode(Masks.foreground(mask), mask.dimensions(), spacing(mask), radiusMm, passes), mask, label);
    }

    /** Dilation of 0/1 slices (read only) into new slices; {@code spacing} = {sx, sy, sz} mm. */
    public static byte[][] dilate(byte[][] fg, Dimensions d, double[] spacing, double radiusMm) {
        return dilate(fg, d, spacing, radiusMm, SegmentationPasses.JAVA);
    }

    /** As {@link #dilate(byte[][], Dimensions, double[], double)}, the distance transform on {@code passes}. */
    public static byte[][] dilate(byte[][] fg, Dimensions d, double[] spacing, double radiusMm, SegmentationPasses passes) {
        checkRadius(radiusMm);
        return passes.withinMm(fg, d, spacing, radiusMm);
    }

    /** Erosion of 0/1 slices (read only) into new slices; {@code spacing} = {sx, sy, sz} mm. */
    public static byte[][] erode(byte[][] fg, Dimensions d, double[] spacing, double radiusMm) {
        return erode(fg, d, spacing, radiusMm, SegmentationPasses.JAVA);
    }

    /** As {@link #erode(byte[][], Dimensions, double[], double)}, the distance transform on {@code passes}. */
    public static byte[][] erode(byte[][] fg, Dimensions d, double[] spacing, double radiusMm, SegmentationPasses passes) {
        checkRadius(radiusMm);
        // NB: only background within r of A matters. Outside A's bounding box grown by r no voxel
        // is that close, so the background is taken inside that box only (a small object in a big
        // study then costs little).
        int[] box = DistanceTransform.region(fg, d, spacing, radiusMm);
        byte[][] out = Masks.empty(d);
        if (box == null) {
            return out;
        }
        int nx = d.nx();
        byte[][] bg = new byte[d.nz()][];
        Masks.parallel(d.nz(), k -> {
            byte[] b = new byte[d.sliceSize()];
            if (k >= box[4] && k < box[5]) {
                byte[] f = fg[k];
                for (int j = box[2]; j < box[3]; j++) {
                    for (int i = box[0]; i < box[1]; i++) {
                        int x = j * nx + i;
                        b[x] = (byte) (f[x] == 0 ? 1 : 0);
                    }
                }
            }
            bg[k] = b;
        });
        byte[][] near = passes.withinMm(bg, d, spacing, radiusMm);
        Masks.parallel(d.nz(), k -> {
            byte[] f = fg[k];
            byte[] nb = near[k];
            byte[] o = out[k];
            for (int x = 0; x < o.length; x++) {
                o[x] = (byte) (f[x] != 0 && nb[x] == 0 ? 1 : 0);
            }
        });
        return out;
    }

    private static double[] spacing(LabelMap m) {
        return DistanceTransform.spacing(m.geometry());
    }

    private static void checkRadius(double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("radius must be a finite number of mm >= 0: " + r);
        }
    }
}
