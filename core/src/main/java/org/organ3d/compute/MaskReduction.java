package org.organ3d.compute;

import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * The Java reductions behind {@link ComputeBackend#maskMoments}: one pass over the slices in
 * parallel; integer sums are exact, intensity sums are doubles accumulated per row (left to right),
 * then rows in order, then slices in order, so the result does not depend on the number of threads
 * and the OpenCL reduction (one work item per row, rows combined on the host in the same order)
 * gives the same bits.
 */
public final class MaskReduction {

    private MaskReduction() {
    }

    /**
     * Moments of the voxels whose mask byte is non-zero; intensities from {@code image} (same
     * dimensions) or none when it is null.
     */
    public static MaskMoments of(byte[][] mask, Dimensions d, Volume image) {
        check(mask, d, image);
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        long[][] ints = new long[nz][];
        double[][] reals = new double[nz][];
        IntStream.range(0, nz).parallel().forEach(k -> {
            float[] v = image == null ? null : image.sliceValues(k, null);
            byte[] m = mask[k];
            long[] li = {0, 0, 0, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
            double[] lr = {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int j = 0; j < ny; j++) {
                double rs = 0;
                double rq = 0;
                for (int i = 0; i < nx; i++) {
                    int x = j * nx + i;
                    if (m[x] == 0) {
                        continue;
                    }
                    li[0]++;
                    li[1] += i;
                    li[2] += j;
                    li[4] = Math.min(li[4], i);
                    li[5] = Math.max(li[5], i);
                    li[6] = Math.min(li[6], j);
                    li[7] = Math.max(li[7], j);
                    if (v != null) {
                        double f = v[x];
                        rs += f;
                        rq += f * f;
                        lr[2] = Math.min(lr[2], f);
                        lr[3] = Math.max(lr[3], f);
                    }
                }
                lr[0] += rs;
                lr[1] += rq;
            }
            li[3] = li[0] * k;
            ints[k] = li;
            reals[k] = lr;
        });
        return combine(ints, reals, nz);
    }

    /** Combines per-slice partials (in slice order), as both backends do. */
    static MaskMoments combine(long[][] ints, double[][] reals, int nz) {
        long n = 0;
        long si = 0;
        long sj = 0;
        long sk = 0;
        long i0 = Integer.MAX_VALUE;
        long i1 = Integer.MIN_VALUE;
        long j0 = Integer.MAX_VALUE;
        long j1 = Integer.MIN_VALUE;
        int k0 = Integer.MAX_VALUE;
        int k1 = Integer.MIN_VALUE;
        double s = 0;
        double q = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < nz; k++) {
            long[] li = ints[k];
            double[] lr = reals[k];
            if (li[0] > 0) {
                k0 = Math.min(k0, k);
                k1 = Math.max(k1, k);
            }
            n += li[0];
            si += li[1];
            sj += li[2];
            sk += li[3];
            i0 = Math.min(i0, li[4]);
            i1 = Math.max(i1, li[5]);
            j0 = Math.min(j0, li[6]);
            j1 = Math.max(j1, li[7]);
            s += lr[0];
            q += lr[1];
            lo = Math.min(lo, lr[2]);
            hi = Math.max(hi, lr[3]);
        }
        return new MaskMoments(n, si, sj, sk, (int) i0, (int) i1, (int) j0, (int) j1, k0, k1, s, q, lo, hi);
    }

    /** Per-slice partials from per-row partials (rows of slice k in order), for device reductions. */
    public static MaskMoments fromRows(long[] rowInts, double[] rowReals, int ny, int nz) {
        long[][] ints = new long[nz][];
        double[][] reals = new double[nz][];
        for (int k = 0; k < nz; k++) {
            long[] li = {0, 0, 0, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
            double[] lr = {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int j = 0; j < ny; j++) {
                int r = k * ny + j;
                long c = rowInts[4 * r];
                if (c > 0) {
                    li[0] += c;
                    li[1] += rowInts[4 * r + 1];
                    li[2] += c * j;
                    li[4] = Math.min(li[4], rowInts[4 * r + 2]);
                    li[5] = Math.max(li[5], rowInts[4 * r + 3]);
                    li[6] = Math.min(li[6], j);
                    li[7] = Math.max(li[7], j);
                }
                lr[0] += rowReals[4 * r];
                lr[1] += rowReals[4 * r + 1];
                lr[2] = Math.min(lr[2], rowReals[4 * r + 2]);
                lr[3] = Math.max(lr[3], rowReals[4 * r + 3]);
            }
            li[3] = li[0] * k;
            ints[k] = li;
            reals[k] = lr;
        }
        return combine(ints, reals, nz);
    }

    private static void check(byte[][] mask, Dimensions d, Volume image) {
        if (mask.length != d.nz()) {
            throw new IllegalArgumentException("mask has " + mask.length + " slices, dimensions say " + d.nz());
        }
        for (byte[] s : mask) {
            if (s == null || s.length != d.sliceSize()) {
                throw new IllegalArgumentException("mask slice length must be " + d.sliceSize());
            }
        }
        if (image != null && !image.dimensions().equals(d)) {
            throw new IllegalArgumentException("image " + image.dimensions() + " does not match mask " + d);
        }
    }
}
