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
        return squaredDistance(m, true);
    }

    /** Voxels within {@code r} mm of a voxel of {@code m} (d² ≤ r²·(1 + 1e-6), as {@code DistanceTransform.withinMm}). */
    boolean[] dilate(boolean[] m, double r) {
        float[] d2 = squaredDistance(m, false);
        double cap = r * r * (1 + DistanceTransform.RELATIVE_TOLERANCE);
        boolean[] out = new boolean[d2.length];
        for (int v = 0; v < d2.length; v++) {
            out[v] = d2[v] <= cap;
        }
        return out;
    }

    /**
     * Exact squared Euclidean distance (mm²) to the nearest source voxel (the voxels where
     * {@code m[v] != invert}), by the separable lower-envelope algorithm of Felzenszwalb and
     * Huttenlocher ("Distance transforms of sampled functions", Theory of Computing 8, 2012) along
     * i, j and k in turn, single-threaded (boxes are small and many run in parallel). Same answer as
     * {@code DistanceTransform.squaredMm} up to float rounding.
     */
    private float[] squaredDistance(boolean[] m, boolean invert) {
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        int n = size();
        float[] g = new float[n];
        for (int v = 0; v < n; v++) {
            g[v] = m[v] != invert ? 0f : Float.POSITIVE_INFINITY;
        }
        int len = Math.max(nx, Math.max(ny, nz));
        double[] f = new double[len];
        double[] out = new double[len];
        int[] hull = new int[len];
        double[] z = new double[len + 1];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = nx * (j + ny * k);
                pass(g, base, 1, nx, sp[0], f, out, hull, z);
            }
        }
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < nx; i++) {
                pass(g, i + nx * ny * k, nx, ny, sp[1], f, out, hull, z);
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                pass(g, i + nx * j, nx * ny, nz, sp[2], f, out, hull, z);
            }
        }
        return g;
    }

    /** One 1D pass in place: g[base + t·stride] = min over q of (g_q + (h·(t − q))²). */
    private static void pass(float[] g, int base, int stride, int count, double h, double[] f, double[] out, int[] hull, double[] z) {
        int finite = 0;
        for (int t = 0; t < count; t++) {
            f[t] = g[base + t * stride];
            if (f[t] != Double.POSITIVE_INFINITY) {
                finite++;
            }
        }
        if (finite == 0) {
            return;
        }
        double h2 = h * h;
        int k = -1;
        for (int q = 0; q < count; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            double s = Double.NEGATIVE_INFINITY;
            while (k >= 0) {
                int p = hull[k];
                s = ((f[q] / h2 + (double) q * q) - (f[p] / h2 + (double) p * p)) / (2.0 * (q - p));
                if (s <= z[k]) {
                    k--;
                } else {
                    break;
                }
            }
            k++;
            hull[k] = q;
            z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        int c = 0;
        for (int t = 0; t < count; t++) {
            while (z[c + 1] < t) {
                c++;
            }
            int p = hull[c];
            double dt = (t - p) * h;
            out[t] = f[p] + dt * dt;
        }
        for (int t = 0; t < count; t++) {
            g[base + t * stride] = (float) out[t];
        }
    }
}
