package org.organ3d.inference;

import java.util.Locale;
import org.joml.Matrix3d;

/**
 * Orientation codes of model grids and the axis permutation that brings a volume to one.
 *
 * <p>A code is three letters, one from each of the pairs L/R, P/A, S/I, giving for the model's x, y
 * and z axis the patient direction toward which its index increases — nibabel's convention
 * ({@code aff2axcodes}; "RAS" is nibabel's and MONAI's canonical orientation, "LPS" DICOM's
 * axial-image orientation). A volume is brought to a code by permuting and flipping its index axes
 * only (no rotation, as nibabel's {@code as_closest_canonical}): each patient direction gets the
 * index axis closest to it, chosen greedily by the largest |cosine| as nibabel's
 * {@code io_orientation} does. Oblique grids stay oblique.
 */
final class Orientation {

    private Orientation() {
    }

    /**
     * For each model axis: the LPS world axis (0 = x/L, 1 = y/P, 2 = z/S) and the sign (+1 when the
     * letter is L, P or S), as {@code {axis0, sign0, axis1, sign1, axis2, sign2}}.
     *
     * @throws IllegalArgumentException for a code that is not a valid orientation
     */
    static int[] directions(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.length() != 3) {
            throw new IllegalArgumentException("orientation must be three letters such as RAS or LPS: '" + code + "'");
        }
        int[] out = new int[6];
        boolean[] used = new boolean[3];
        for (int a = 0; a < 3; a++) {
            int w;
            int s;
            switch (c.charAt(a)) {
                case 'L' -> { w = 0; s = 1; }
                case 'R' -> { w = 0; s = -1; }
                case 'P' -> { w = 1; s = 1; }
                case 'A' -> { w = 1; s = -1; }
                case 'S' -> { w = 2; s = 1; }
                case 'I' -> { w = 2; s = -1; }
                default -> throw new IllegalArgumentException("orientation letters are L, R, P, A, S, I: '" + code + "'");
            }
            if (used[w]) {
                throw new IllegalArgumentException("orientation names one patient axis twice: '" + code + "'");
            }
            used[w] = true;
            out[2 * a] = w;
            out[2 * a + 1] = s;
        }
        return out;
    }

    /**
     * For each model axis, the volume index axis that becomes it and whether it is flipped:
     * {@code {src0, sign0, src1, sign1, src2, sign2}} (sign −1 = reversed).
     *
     * @param direction unit vectors of the volume's i, j, k steps in LPS, as columns
     * @param code      the model's orientation code
     */
    static int[] permutation(Matrix3d direction, String code) {
        int[] dir = directions(code);
        int[] worldToSource = new int[3];
        double[] worldSign = new double[3];
        boolean[] rowUsed = new boolean[3];
        boolean[] colUsed = new boolean[3];
        for (int step = 0; step < 3; step++) {
            int bw = -1;
            int ba = -1;
            double best = -1;
            for (int w = 0; w < 3; w++) {
                for (int a = 0; a < 3; a++) {
                    if (!rowUsed[w] && !colUsed[a] && Math.abs(direction.get(a, w)) > best) {
                        best = Math.abs(direction.get(a, w));
                        bw = w;
                        ba = a;
                    }
                }
            }
            rowUsed[bw] = true;
            colUsed[ba] = true;
            worldToSource[bw] = ba;
            worldSign[bw] = Math.signum(direction.get(ba, bw));
        }
        int[] out = new int[6];
        for (int m = 0; m < 3; m++) {
            int w = dir[2 * m];
            out[2 * m] = worldToSource[w];
            out[2 * m + 1] = worldSign[w] * dir[2 * m + 1] >= 0 ? 1 : -1;
        }
        return out;
    }
}
