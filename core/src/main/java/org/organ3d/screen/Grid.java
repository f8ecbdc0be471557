package org.organ3d.screen;

import java.util.function.IntPredicate;
import org.organ3d.segment.DistanceTransform;
import org.organ3d.volume.Dimensions;

/**
 * A small box of voxels seen as flat arrays (index {@code i + nx·(j + ny·k)}) with its spacing in
 * mm: balls, floods, distances and dilations for per-candidate work. Single-threaded; candidates
 * are processed in parallel one per thread.
 *
 * @param d  the box's dimensions
 * @param sp spacing along i, j, k, mm
 */
record Grid(Dimensions d, double[] sp) {

    int size() {
        return d.sliceSize() * d.nz();
    }

    int index(int i, int j, int k) {
        return i + d.nx() * (j + d.ny() * k);
    }

    int i(int v) {
        return v % d.nx();
    }

    int j(int v) {
        return (v / d.nx()) % d.ny();
    }

    int k(int v) {
        return v / d.sliceSize();
    }

    /** Indices of the voxels whose centres lie within {@code r} mm of the fractional index (ci, cj, ck). */
    int[] ball(double ci, double cj, double ck, double r) {
        int i0 = Math.max(0, (int) Math.floor(ci - r / sp[0]));
        int i1 = Math.min(d.nx() - 1, (int) Math.ceil(ci + r / sp[0]));
        int j0 = Math.max(0, (int) Math.floor(cj - r / sp[1]));
        int j1 = Math.min(d.ny() - 1, (int) Math.ceil(cj + r / sp[1]));
        int k0 = Math.max(0, (int) Math.floor(ck - r / sp[2]));
        int k1 = Math.min(d.nz() - 1, (int) Math.ceil(ck + r / sp[2]));
        int[] tmp = new int[Math.max(0, (i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1))];
        int n = 0;
        double r2 = r * r;
        for (int k = k0; k <= k1; k++) {
            double dz = (k - ck) * sp[2];
            for (int j = j0; j <= j1; j++) {
                double dy = (j - cj) * sp[1];
                for (int i = i0; i <= i1; i++) {
                    double dx = (i - ci) * sp[0];
                    if (dx * dx + dy * dy + dz * dz <= r2) {
                        tmp[n++] = index(i, j, k);
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(tmp, n);
    }

    /** The 6-connected region of voxels satisfying {@code in} that contains {@code start} (empty if start fails). */
    boolean[] flood(int start, IntPredicate in) {
        boolean[] out = new boolean[size()];
        if (start < 0 || !in.test(start)) {
            return out;
        }
        int nx = d.nx();
        int plane = d.sliceSize();
        int[] queue = new int[64];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        out[start] = true;
        while (head < tail) {
            int v = queue[head++];
            int i = i(v);
            int j = j(v);
            int k = k(v);
            int[] nb = {i > 0 ? v - 1 : -1, i < nx - 1 ? v + 1 : -1, j > 0 ? v - nx : -1, j < d.ny() - 1 ? v + nx : -1,
                k > 0 ? v - plane : -1, k < d.nz() - 1 ? v + plane : -1};
            for (int w : nb) {
                if (w >= 0 && !out[w] && in.test(w)) {
                    out[w] = true;
                    if (tail == queue.length) {
                        queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                    }
                    queue[tail++] = w;
                }
            }
        }
        return out;
    }

    /** Squared distance (mm²) from each voxel centre to the nearest voxel centre outside {@code m}; +Inf if none. */
    float[] squaredDistanceToOutside(boolean[] m) {
        byte[][] src = slices(m, true);
        float[][] s = DistanceTransform.squaredMm(src, d, sp, Double.POSITIVE_INFINITY);
        float[] out = new float[size()];
        for (int k = 0; k < d.nz(); k++) {
            System.arraycopy(s[k], 0, out, k * d.sliceSize(), d.sliceSize());
        }
        return out;
    }

    /** Voxels within {@code r} mm of a voxel of {@code m}. */
    boolean[] dilate(boolean[] m, double r) {
        byte[][] w = DistanceTransform.withinMm(slices(m, false), d, sp, r);
        boolean[] out = new boolean[size()];
        for (int k = 0; k < d.nz(); k++) {
            byte[] s = w[k];
            for (int x = 0; x < s.length; x++) {
                out[k * d.sliceSize() + x] = s[x] != 0;
            }
        }
        return out;
    }

    private byte[][] slices(boolean[] m, boolean invert) {
        byte[][] out = new byte[d.nz()][d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            byte[] s = out[k];
            for (int x = 0; x < s.length; x++) {
                s[x] = (byte) (m[k * d.sliceSize() + x] != invert ? 1 : 0);
            }
        }
        return out;
    }
}
