/*
 * reduce.cl — per-row reductions over a mask: voxel count, index sums, bounding box, intensity sums.
 * Mirrors org.organ3d.compute.MaskReduction (host: org.organ3d.opencl.ReductionCl), which combines
 * the rows in the same order as the Java pass, so the doubles agree bit for bit (with cl_khr_fp64).
 *
 * reduce_mask_rows(mask, vol, rsA, rsB, hasVol, nx, rows, rowInts, rowReals)
 *   mask     __global const uchar*  rows * nx mask bytes (non-zero = in)
 *   vol      __global const SAMPLE_T*  rows * nx stored samples (ignored when hasVol == 0), made floats as
 *                                   Volume.sliceValues does (see Samples below)
 *   rsA, rsB real                   rescale slope and intercept
 *   hasVol   int                    1 when intensities are reduced
 *   nx       int                    row length
 *   rows     int                    rows in this slab
 *   rowInts  __global long*         4 per row: count, sum of i, min i, max i (INT_MAX/INT_MIN when empty)
 *   rowReals __global real*         4 per row: sum, sum of squares (left to right), min, max
 *   work size: global = rows, one work item per row.
 */
#pragma OPENCL FP_CONTRACT OFF
#include "samples.clh"

__kernel void reduce_mask_rows(__global const uchar* mask, __global const SAMPLE_T* vol, const real rsA, const real rsB,
                               const int hasVol, const int nx,
                               const int rows, __global long* rowInts, __global real* rowReals) {
    const int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    __global const uchar* m = mask + (long)r * nx;
    __global const SAMPLE_T* v = vol + (long)r * nx;
    long n = 0, si = 0;
    int i0 = INT_MAX, i1 = INT_MIN;
    real s = 0, q = 0, lo = REAL_INF, hi = -REAL_INF;
    for (int i = 0; i < nx; i++) {
        if (m[i] == 0) {
            continue;
        }
        n++;
        si += i;
        i0 = min(i0, i);
        i1 = max(i1, i);
        if (hasVol) {
            real f = (real)SAMPLE_VALUE(v[i], rsA, rsB);
            s += f;
            q += f * f;
            /* NB: as Math.min/max: a NaN sticks. */
            lo = isnan(f) || isnan(lo) ? (real)NAN : (f < lo ? f : lo);
            hi = isnan(f) || isnan(hi) ? (real)NAN : (f > hi ? f : hi);
        }
    }
    rowInts[4 * (long)r] = n;
    rowInts[4 * (long)r + 1] = si;
    rowInts[4 * (long)r + 2] = i0;
    rowInts[4 * (long)r + 3] = i1;
    rowReals[4 * (long)r] = s;
    rowReals[4 * (long)r + 1] = q;
    rowReals[4 * (long)r + 2] = lo;
    rowReals[4 * (long)r + 3] = hi;
}
