/*
 * screening.cl — lesion screening's scale space: separable Gaussian smoothing sampled every `step`
 * voxels, and the Hessian blob response. Mirrors org.organ3d.filter.GaussianFilter and
 * org.organ3d.filter.HessianBlobFilter (host: org.organ3d.opencl.ScreeningCl).
 *
 * gauss_x(in, out, nx, rows, mx, step, w, r)
 *   in   __global const float*  rows × nx values (rows = ny·nz)
 *   out  __global float*        rows × mx values: out[row·mx + a] = Σ_q w[q + r]·in[row·nx + clamp(a·step + q)]
 *   w    __global const float*  2r+1 kernel weights (host: GaussianFilter.kernel)
 *   work size: global = rows·mx, one work item per output value.
 * gauss_y(in, out, ny, planes, mx, my, step, w, r)
 *   in rows of mx per (k, j); out[(k·my + b)·mx + a] = Σ_q w[q + r]·in[(k·ny + clamp(b·step + q))·mx + a]
 *   work size: global = planes·my·mx.
 * gauss_z(in, out, nz, plane, mz, step, w, r)
 *   out[c·plane + x] = Σ_q w[q + r]·in[clamp(c·step + q)·plane + x]; work size: global = mz·plane.
 * Borders replicate the edge; sums run q = −r..r in order, in float, with contraction off, which is
 * the Java order and arithmetic: results are identical.
 *
 * hessian_blob(sm, mask, out, nx, ny, nz, ixx, iyy, izz, ixy, ixz, iyz, s2, selectivity, useMask)
 *   sm    __global const float*  the smoothed image (nx·ny·nz, i fastest)
 *   mask  __global const uchar*  where to compute (ignored when useMask is 0)
 *   out   __global float*        σ²·|λc|·(|λc|/|λa|)^p, + for negative definite (bright blob),
 *                                − for positive definite (dark), else 0
 *   ixx.. real                   1/h², 1/(4·hx·hy) ... as in the Java class; s2 = σ²
 *   work size: global = nx·ny·nz.
 * Hessian by central differences (edges replicated), Sylvester's test, eigenvalues by the closed
 * form of the characteristic cubic, in `real` (double with fp64): equal to Java to a few ulps.
 */
#pragma OPENCL FP_CONTRACT OFF
#include "samples.clh"

__kernel void gauss_x(__global const float* in, __global float* out, const int nx, const int rows, const int mx, const int step,
                      __global const float* w, const int r) {
    const long id = get_global_id(0);
    if (id >= (long) rows * mx) {
        return;
    }
    const int a = (int) (id % mx);
    const long row = id / mx;
    const int c = a * step;
    __global const float* src = in + row * nx;
    float s = 0.0f;
    for (int q = -r; q <= r; q++) {
        int i = c + q;
        i = i < 0 ? 0 : (i >= nx ? nx - 1 : i);
        s += w[q + r] * src[i];
    }
    out[id] = s;
}

__kernel void gauss_y(__global const float* in, __global float* out, const int ny, const int planes, const int mx, const int my,
                      const int step, __global const float* w, const int r) {
    const long id = get_global_id(0);
    if (id >= (long) planes * my * mx) {
        return;
    }
    const int a = (int) (id % mx);
    const int b = (int) ((id / mx) % my);
    const long k = id / ((long) mx * my);
    const int c = b * step;
    float s = 0.0f;
    for (int q = -r; q <= r; q++) {
        int j = c + q;
        j = j < 0 ? 0 : (j >= ny ? ny - 1 : j);
        s += w[q + r] * in[(k * ny + j) * mx + a];
    }
    out[id] = s;
}

__kernel void gauss_z(__global const float* in, __global float* out, const int nz, const long plane, const int mz, const int step,
                      __global const float* w, const int r) {
    const long id = get_global_id(0);
    if (id >= plane * mz) {
        return;
    }
    const long x = id % plane;
    const int c = (int) (id / plane) * step;
    float s = 0.0f;
    for (int q = -r; q <= r; q++) {
        int k = c + q;
        k = k < 0 ? 0 : (k >= nz ? nz - 1 : k);
        s += w[q + r] * in[k * plane + x];
    }
    out[id] = s;
}

#if ORGAN3D_FP64
#define PI_REAL M_PI
#else
#define PI_REAL M_PI_F
#endif

static real abs_real(real v) {
    return v < 0 ? -v : v;
}

__kernel void hessian_blob(__global const float* sm, __global const uchar* mask, __global float* out, const int nx, const int ny,
                           const int nz, const real ixx, const real iyy, const real izz, const real ixy, const real ixz,
                           const real iyz, const real s2, const int selectivity, const int useMask) {
    const long id = get_global_id(0);
    const long plane = (long) nx * ny;
    if (id >= plane * nz) {
        return;
    }
    if (useMask && mask[id] == 0) {
        out[id] = 0.0f;
        return;
    }
    const int i = (int) (id % nx);
    const int j = (int) ((id / nx) % ny);
    const int k = (int) (id / plane);
    const int im = i > 0 ? i - 1 : 0;
    const int ip = i < nx - 1 ? i + 1 : nx - 1;
    const long jm = (long) (j > 0 ? j - 1 : 0) * nx;
    const long jp = (long) (j < ny - 1 ? j + 1 : ny - 1) * nx;
    const long r = (long) j * nx;
    __global const float* c = sm + (long) k * plane;
    __global const float* dn = sm + (long) (k > 0 ? k - 1 : 0) * plane;
    __global const float* up = sm + (long) (k < nz - 1 ? k + 1 : nz - 1) * plane;
    const real f = c[r + i];
    const real xx = ((real) c[r + ip] - 2 * f + (real) c[r + im]) * ixx;
    const real yy = ((real) c[jp + i] - 2 * f + (real) c[jm + i]) * iyy;
    const real zz = ((real) up[r + i] - 2 * f + (real) dn[r + i]) * izz;
    const real xy = ((real) c[jp + ip] - (real) c[jm + ip] - (real) c[jp + im] + (real) c[jm + im]) * ixy;
    const real xz = ((real) up[r + ip] - (real) dn[r + ip] - (real) up[r + im] + (real) dn[r + im]) * ixz;
    const real yz = ((real) up[jp + i] - (real) dn[jp + i] - (real) up[jm + i] + (real) dn[jm + i]) * iyz;
    const real m2 = xx * yy - xy * xy;
    const real det = xx * (yy * zz - yz * yz) - xy * (xy * zz - yz * xz) + xz * (xy * yz - yy * xz);
    real sign;
    if (xx < 0 && m2 > 0 && det < 0) {
        sign = 1;
    } else if (xx > 0 && m2 > 0 && det > 0) {
        sign = -1;
    } else {
        out[id] = 0.0f;
        return;
    }
    const real p1 = xy * xy + xz * xz + yz * yz;
    const real q = (xx + yy + zz) / 3;
    real e1;
    real e2;
    real e3;
    if (p1 == 0) {
        e1 = xx;
        e2 = yy;
        e3 = zz;
    } else {
        const real a = xx - q;
        const real b = yy - q;
        const real cc = zz - q;
        const real p2 = a * a + b * b + cc * cc + 2 * p1;
        const real p = sqrt(p2 / 6);
        const real detB = (a * (b * cc - yz * yz) - xy * (xy * cc - yz * xz) + xz * (xy * yz - b * xz)) / (p * p * p);
        real rr = detB / 2;
        rr = rr < -1 ? -1 : (rr > 1 ? 1 : rr);
        const real phi = acos(rr) / 3;
        e1 = q + 2 * p * cos(phi);
        e3 = q + 2 * p * cos(phi + 2 * PI_REAL / 3);
        e2 = 3 * q - e1 - e3;
    }
    const real a1 = abs_real(e1);
    const real a2 = abs_real(e2);
    const real a3 = abs_real(e3);
    const real big = fmax(a1, fmax(a2, a3));
    const real small = fmin(a1, fmin(a2, a3));
    real v;
    if (selectivity == 0) {
        v = sign * small;
    } else {
        v = big == 0 ? 0 : sign * small * small / big;
    }
    out[id] = (float) (s2 * v);
}
