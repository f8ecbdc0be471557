/*
 * distance.cl — exact Euclidean distance transform in mm on anisotropic grids (Saito & Toriwaki
 * 1994, lower envelope of parabolas of Felzenszwalb & Huttenlocher 2012), one work item per line.
 * Mirrors org.organ3d.segment.DistanceTransform (host: org.organ3d.opencl.SegmentationCl) exactly:
 * pass 1 along i with forward/backward sweeps storing (d*sx)^2 as float, passes 2 (j) and 3 (k)
 * with the envelope in double, float between passes, every value above cap2 = r^2 (1 + 1e-6) made
 * +Inf after each pass.
 *
 * edt_rows(src, g, nx, lines, sx2, cap2)
 *   src  __global const uchar*  lines * nx source bytes (non-zero = source)
 *   g    __global float*        lines * nx squared distances along the row (mm^2), +Inf if none
 *   global = lines (rows)
 * edt_columns(in, out, n, stride, lineStride, inner, firstLine, count, w, cap2, v, z, finalPass, within)
 *   in, out __global float*  grids; line L covers elements base(L) + q*stride, q in 0..n-1, with
 *                            base(L) = (L / inner) * lineStride + (L % inner)
 *   w       real             squared step along the line (mm^2)
 *   firstLine, count  lines [firstLine, firstLine + count) in this launch (scratch is per launch)
 *   v, z    __global int*, __global real*  scratch: n and n+1 per work item
 *   finalPass 0: out = v > cap2 ? +Inf : (float)v; 1: out = v <= cap2 ? (float)v : +Inf, or the
 *             0/1 mask (within = 1) written as float
 *   global = count
 */
#pragma OPENCL FP_CONTRACT OFF
#if ORGAN3D_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif

__kernel void edt_rows(__global const uchar* src, __global float* g, const int nx, const int lines, const real sx2,
                       const real cap2) {
    const int r = get_global_id(0);
    if (r >= lines) {
        return;
    }
    __global const uchar* s = src + (long)r * nx;
    __global float* o = g + (long)r * nx;
    int last = -1;
    for (int i = 0; i < nx; i++) {
        if (s[i] != 0) {
            last = i;
        }
        o[i] = last < 0 ? INFINITY : (float)fmin((real)FLT_MAX, sx2 * (real)(i - last) * (real)(i - last));
    }
    last = -1;
    for (int i = nx - 1; i >= 0; i--) {
        if (s[i] != 0) {
            last = i;
        }
        if (last >= 0) {
            real v = sx2 * (real)(last - i) * (real)(last - i);
            if (v < (real)o[i]) {
                o[i] = (float)v;
            }
        }
        if ((real)o[i] > cap2) {
            o[i] = INFINITY;
        }
    }
}

__kernel void edt_columns(__global const float* in, __global float* out, const int n, const long stride,
                          const long lineStride, const int inner, const int firstLine, const int count, const real w,
                          const real cap2, __global int* vbuf, __global real* zbuf, const int finalPass,
                          const int within) {
    const int gid = get_global_id(0);
    if (gid >= count) {
        return;
    }
    const int L = firstLine + gid;
    const long base = (long)(L / inner) * lineStride + (L % inner);
    __global int* v = vbuf + (long)gid * n;
    __global real* z = zbuf + (long)gid * (n + 1);
    int k = -1;
    for (int q = 0; q < n; q++) {
        real fq = (real)in[base + q * stride];
        if (isinf(fq)) {
            continue;
        }
        real s = -INFINITY;
        while (k >= 0) {
            int p = v[k];
            real fp = (real)in[base + p * stride];
            s = ((fq + w * (real)q * (real)q) - (fp + w * (real)p * (real)p)) / ((real)2 * w * (real)(q - p));
            if (s <= z[k]) {
                k--;
            } else {
                break;
            }
        }
        k++;
        v[k] = q;
        z[k] = k == 0 ? -INFINITY : s;
        z[k + 1] = INFINITY;
    }
    int c = 0;
    for (int q = 0; q < n; q++) {
        real val;
        if (k < 0) {
            val = INFINITY;
        } else {
            while (z[c + 1] < (real)q) {
                c++;
            }
            int p = v[c];
            val = (real)in[base + p * stride] + w * (real)(q - p) * (real)(q - p);
        }
        float o;
        if (!finalPass) {
            o = val > cap2 ? INFINITY : (float)val;
        } else if (within) {
            o = val <= cap2 ? 1.0f : 0.0f;
        } else {
            o = val <= cap2 ? (float)val : INFINITY;
        }
        out[base + q * stride] = o;
    }
}
