/*
 * flying_edges.cl — flying-edges isosurface extraction (Schroeder, Maynard, Geveci, LDAV 2015) on one
 * z-brick of the extraction grid. Mirrors org.organ3d.mesh.FlyingEdges (host: org.organ3d.opencl.FlyingEdgesCl).
 *
 * Grid: gx * gy points per plane, nzb planes in this brick; plane kl is global grid plane gk0 + kl.
 * Grid point (i, j, k) reads volume voxel (i + ox, j + oy, k + oz); voxels outside the volume read
 * `pad` (ox = oy = oz = -1 and pad = background when the surface is capped, else 0).
 * A "row" r = kl * gy + j is one x-line of grid points; it owns its x-edges (i, i+1), its y-edges
 * (to row j+1) and z-edges (to plane kl+1). Inside means value >= iso.
 *
 * Common arguments:
 *   vol   __global const SAMPLE_T* volume slices dz0 .. dz0+n-1 (nx*ny each, i fastest), stored samples
 *   rsA, rsB  real                 rescale slope and intercept (see Samples below)
 *   gp    __global const int*    GP_* integer parameters below
 *   xcase __global uchar*        per row, gx-1 x-edge cases: bit0 = inside(i), bit1 = inside(i+1)
 *   meta  __global int*          per row, META ints (M_* below)
 *
 * Passes (one work item per row, global = gy * nzb):
 *   fe_classify_x_edges(vol, rsA, rsB, gp, xcase, meta, isoF, pad)      pass 1: x-edge cases, count, trim xL/xR
 *   fe_count_yz_edges(gp, xcase, meta, vcount, tcount, caseTab, stride, cornerTab)
 *                                                            pass 2: y/z-edge counts and ranges, cell
 *                                                            trim, triangle count per row
 *   (pass 3, prefix sums of vcount and tcount into voff and toff: scan.cl)
 *   fe_generate_vertices(vol, rsA, rsB, gp, xcase, meta, voff, fp, pos, nrm, isoF, pad)
 *                                                            pass 4a: one shared vertex per intersected
 *                                                            edge, index-space interpolation
 *                                                            t = (isoF - a) / (b - a) (float), then the patient
 *                                                            affine (LPS mm); normals from central-
 *                                                            difference gradients, outward
 *   fe_generate_triangles(gp, xcase, meta, voff, toff, caseTab, stride, cornerTab, edgeTab, tri)
 *                                                            pass 4b: triangles of every cell row into
 *                                                            the exactly allocated index buffer
 * caseTab (MarchingCubesCases.flatTable(): `stride` ints per case, [count, e0, e1, e2, ...]),
 * cornerTab[8*3] (dx, dy, dz per cube corner) and edgeTab[12*4] (axis, dx, dy, dz of the edge's lower
 * corner) are uploaded from org.organ3d.mesh.MarchingCubesCases so that both backends use the very
 * same table.
 * fp: 12 reals patient affine (3x4, row-major), 9 reals normal matrix (inverse transpose, row-major).
 * isoF is (float) iso, as in the Java pass; gp[GP_FLIP] = 1 when the affine is left-handed.
 */

/* NB: no fused multiply-add contraction, so that float and double results round as in Java. */
#pragma OPENCL FP_CONTRACT OFF

#include "samples.clh"

/* The volume and its rescale, as parameters and as arguments of the helpers below. */
#define VOL_PARAMS __global const SAMPLE_T* vol, const real rsA, const real rsB
#define VOL vol, rsA, rsB

#define GP_GX 0
#define GP_GY 1
#define GP_NZB 2
#define GP_GK0 3
#define GP_OX 4
#define GP_OY 5
#define GP_OZ 6
#define GP_NX 7
#define GP_NY 8
#define GP_NZ 9
#define GP_DZ0 10
#define GP_NORMALS 11
#define GP_FLIP 12

#define META 16
#define M_XL 0
#define M_XR 1
#define M_XCNT 2
#define M_YCNT 3
#define M_ZCNT 4
#define M_TCNT 5
#define M_YA 6
#define M_YB 7
#define M_ZA 8
#define M_ZB 9
#define M_CL 10
#define M_CR 11

inline float voxel(VOL_PARAMS, __global const int* gp, int vx, int vy, int vz, float pad) {
    if (vx < 0 || vy < 0 || vz < 0 || vx >= gp[GP_NX] || vy >= gp[GP_NY] || vz >= gp[GP_NZ]) {
        return pad;
    }
    return SAMPLE_VALUE(vol[((long)(vz - gp[GP_DZ0]) * gp[GP_NY] + vy) * gp[GP_NX] + vx], rsA, rsB);
}

/* Value at grid point (i, j, local plane kl). */
inline float gridValue(VOL_PARAMS, __global const int* gp, int i, int j, int kl, float pad) {
    return voxel(VOL, gp, i + gp[GP_OX], j + gp[GP_OY], kl + gp[GP_GK0] + gp[GP_OZ], pad);
}

/* Inside state of grid point i of row r, from the x-edge cases. */
inline int state(__global const uchar* xcase, int gx, int r, int i) {
    __global const uchar* row = xcase + (long)r * (gx - 1);
    return i < gx - 1 ? (row[i] & 1) : ((row[gx - 2] >> 1) & 1);
}

__kernel void fe_classify_x_edges(VOL_PARAMS, __global const int* gp, __global uchar* xcase,
                                  __global int* meta, const float isoF, const float pad) {
    const int r = get_global_id(0);
    const int gx = gp[GP_GX], gy = gp[GP_GY];
    if (r >= gy * gp[GP_NZB]) {
        return;
    }
    const int j = r % gy, kl = r / gy;
    __global uchar* row = xcase + (long)r * (gx - 1);
    int xl = gx - 1, xr = 0, cnt = 0;
    int a = gridValue(VOL, gp, 0, j, kl, pad) >= isoF;
    for (int i = 0; i < gx - 1; i++) {
        int b = gridValue(VOL, gp, i + 1, j, kl, pad) >= isoF;
        uchar c = (uchar)(a | (b << 1));
        row[i] = c;
        if (c == 1 || c == 2) {
            cnt++;
            xl = min(xl, i);
            xr = i + 1;
        }
        a = b;
    }
    __global int* m = meta + (long)r * META;
    m[M_XL] = xl;
    m[M_XR] = xr;
    m[M_XCNT] = cnt;
}

/* Range [lo, hi] of grid points whose edge between rows r0 and r1 may be intersected (empty: lo > hi). */
inline int2 pairRange(__global const uchar* xcase, __global const int* meta, int gx, int r0, int r1) {
    __global const int* m0 = meta + (long)r0 * META;
    __global const int* m1 = meta + (long)r1 * META;
    int lo = state(xcase, gx, r0, 0) == state(xcase, gx, r1, 0) ? min(m0[M_XL], m1[M_XL]) : 0;
    int hi = state(xcase, gx, r0, gx - 1) == state(xcase, gx, r1, gx - 1) ? max(m0[M_XR], m1[M_XR]) : gx - 1;
    return (int2)(lo, hi);
}

inline int countPair(__global const uchar* xcase, int gx, int r0, int r1, int2 range) {
    int n = 0;
    for (int i = range.x; i <= range.y; i++) {
        n += state(xcase, gx, r0, i) != state(xcase, gx, r1, i);
    }
    return n;
}

__kernel void fe_count_yz_edges(__global const int* gp, __global const uchar* xcase, __global int* meta,
                                __global uint* vcount, __global uint* tcount, __global const int* caseTab,
                                const int stride, __global const int* cornerTab) {
    const int r = get_global_id(0);
    const int gx = gp[GP_GX], gy = gp[GP_GY], nzb = gp[GP_NZB];
    if (r >= gy * nzb) {
        return;
    }
    const int j = r % gy, kl = r / gy;
    __global int* m = meta + (long)r * META;
    int ycnt = 0, zcnt = 0, tcnt = 0;
    int2 yr = (int2)(gx, -1), zr = (int2)(gx, -1);
    if (j < gy - 1) {
        yr = pairRange(xcase, meta, gx, r, r + 1);
        ycnt = countPair(xcase, gx, r, r + 1, yr);
    }
    if (kl < nzb - 1) {
        zr = pairRange(xcase, meta, gx, r, r + gy);
        zcnt = countPair(xcase, gx, r, r + gy, zr);
    }
    int cl = gx, cr = 0;
    if (j < gy - 1 && kl < nzb - 1) {
        int rows[4] = {r, r + 1, r + gy, r + gy + 1};
        int sl = state(xcase, gx, r, 0), sr = state(xcase, gx, r, gx - 1);
        int sameL = 1, sameR = 1, minL = gx - 1, maxR = 0;
        for (int q = 0; q < 4; q++) {
            __global const int* mq = meta + (long)rows[q] * META;
            sameL &= state(xcase, gx, rows[q], 0) == sl;
            sameR &= state(xcase, gx, rows[q], gx - 1) == sr;
            minL = min(minL, mq[M_XL]);
            maxR = max(maxR, mq[M_XR]);
        }
        cl = sameL ? minL : 0;
        cr = sameR ? maxR : gx - 1;
        for (int i = cl; i < cr; i++) {
            int c = 0;
            for (int corner = 0; corner < 8; corner++) {
                int dx = cornerTab[3 * corner], dy = cornerTab[3 * corner + 1], dz = cornerTab[3 * corner + 2];
                uchar e = xcase[(long)rows[dy + 2 * dz] * (gx - 1) + i];
                c |= ((dx ? (e >> 1) : e) & 1) << corner;
            }
            tcnt += caseTab[stride * c];
        }
    }
    m[M_YCNT] = ycnt;
    m[M_ZCNT] = zcnt;
    m[M_TCNT] = tcnt;
    m[M_YA] = yr.x;
    m[M_YB] = yr.y;
    m[M_ZA] = zr.x;
    m[M_ZB] = zr.y;
    m[M_CL] = cl;
    m[M_CR] = cr;
    vcount[r] = (uint)(m[M_XCNT] + ycnt + zcnt);
    tcount[r] = (uint)tcnt;
}

/* Index-space gradient at grid point (gi, gj, gk): central differences, one-sided at the grid border. */
inline void gradient(VOL_PARAMS, __global const int* gp, int gi, int gj, int gk, float pad, real* g) {
    const int gx = gp[GP_GX], gy = gp[GP_GY];
    const int gz = gp[GP_NZ] - 2 * gp[GP_OZ]; /* extent of the whole grid along k */
    const int kl = gk - gp[GP_GK0];
    real at = (real)gridValue(VOL, gp, gi, gj, kl, pad);
    if (gi == 0) {
        g[0] = (real)gridValue(VOL, gp, gi + 1, gj, kl, pad) - at;
    } else if (gi == gx - 1) {
        g[0] = at - (real)gridValue(VOL, gp, gi - 1, gj, kl, pad);
    } else {
        g[0] = (real)0.5 * ((real)gridValue(VOL, gp, gi + 1, gj, kl, pad) - (real)gridValue(VOL, gp, gi - 1, gj, kl, pad));
    }
    if (gj == 0) {
        g[1] = (real)gridValue(VOL, gp, gi, gj + 1, kl, pad) - at;
    } else if (gj == gy - 1) {
        g[1] = at - (real)gridValue(VOL, gp, gi, gj - 1, kl, pad);
    } else {
        g[1] = (real)0.5 * ((real)gridValue(VOL, gp, gi, gj + 1, kl, pad) - (real)gridValue(VOL, gp, gi, gj - 1, kl, pad));
    }
    if (gk == 0) {
        g[2] = (real)gridValue(VOL, gp, gi, gj, kl + 1, pad) - at;
    } else if (gk == gz - 1) {
        g[2] = at - (real)gridValue(VOL, gp, gi, gj, kl - 1, pad);
    } else {
        g[2] = (real)0.5 * ((real)gridValue(VOL, gp, gi, gj, kl + 1, pad) - (real)gridValue(VOL, gp, gi, gj, kl - 1, pad));
    }
}

/*
 * Writes the vertex on the edge from grid point (i, j, gk) (value a) along axis to the next point
 * (value b): t = (iso - a) / (b - a) in single precision, clamped to [0, 1] (NaN -> 0), then the
 * patient affine in `real`; the normal is minus the interpolated gradient through the inverse
 * transpose, divided by its length (zero when the length is 0 or not finite).
 */
inline void emitVertex(VOL_PARAMS, __global const int* gp, __global const real* fp,
                       __global float* pos, __global float* nrm, uint v, int i, int j, int gk, int axis,
                       float a, float b, float isoF, float pad) {
    float tf = (isoF - a) / (b - a);
    tf = !(tf >= 0.0f) ? 0.0f : fmin(tf, 1.0f);
    real t = (real)tf;
    real p[3] = {(real)(i + gp[GP_OX]), (real)(j + gp[GP_OY]), (real)(gk + gp[GP_OZ])};
    p[axis] += t;
    for (int row = 0; row < 3; row++) {
        pos[3 * (long)v + row] = (float)(fp[4 * row] * p[0] + fp[4 * row + 1] * p[1] + fp[4 * row + 2] * p[2] + fp[4 * row + 3]);
    }
    if (gp[GP_NORMALS]) {
        real g0[3], g1[3], n[3];
        gradient(VOL, gp, i, j, gk, pad, g0);
        gradient(VOL, gp, i + (axis == 0), j + (axis == 1), gk + (axis == 2), pad, g1);
        for (int c = 0; c < 3; c++) {
            g0[c] = g0[c] + t * (g1[c] - g0[c]);
        }
#if !ORGAN3D_FP64
        /* NB: float only: gradients next to the cap padding (-FLT_MAX) would overflow in the normal matrix
           product; scaling keeps the direction (the length is divided out below). */
        real big = fmax(fabs(g0[0]), fmax(fabs(g0[1]), fabs(g0[2])));
        if (big > 1e30f && isfinite(big)) {
            for (int c = 0; c < 3; c++) {
                g0[c] /= big;
            }
        }
#endif
        for (int row = 0; row < 3; row++) {
            n[row] = -(fp[12 + 3 * row] * g0[0] + fp[12 + 3 * row + 1] * g0[1] + fp[12 + 3 * row + 2] * g0[2]);
        }
        real len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        int ok = len > 0 && isfinite(len);
        for (int row = 0; row < 3; row++) {
            nrm[3 * (long)v + row] = ok ? (float)(n[row] / len) : 0.0f;
        }
    }
}

__kernel void fe_generate_vertices(VOL_PARAMS, __global const int* gp, __global const uchar* xcase,
                                   __global const int* meta, __global const uint* voff, __global const real* fp,
                                   __global float* pos, __global float* nrm, const float isoF, const float pad) {
    const int r = get_global_id(0);
    const int gx = gp[GP_GX], gy = gp[GP_GY], nzb = gp[GP_NZB];
    if (r >= gy * nzb) {
        return;
    }
    const int j = r % gy, kl = r / gy, gk = kl + gp[GP_GK0];
    __global const int* m = meta + (long)r * META;
    uint v = voff[r];
    __global const uchar* row = xcase + (long)r * (gx - 1);
    for (int i = m[M_XL]; i < m[M_XR]; i++) {
        if (row[i] == 1 || row[i] == 2) {
            emitVertex(VOL, gp, fp, pos, nrm, v++, i, j, gk, 0, gridValue(VOL, gp, i, j, kl, pad),
                       gridValue(VOL, gp, i + 1, j, kl, pad), isoF, pad);
        }
    }
    if (j < gy - 1) {
        for (int i = m[M_YA]; i <= m[M_YB]; i++) {
            if (state(xcase, gx, r, i) != state(xcase, gx, r + 1, i)) {
                emitVertex(VOL, gp, fp, pos, nrm, v++, i, j, gk, 1, gridValue(VOL, gp, i, j, kl, pad),
                           gridValue(VOL, gp, i, j + 1, kl, pad), isoF, pad);
            }
        }
    }
    if (kl < nzb - 1) {
        for (int i = m[M_ZA]; i <= m[M_ZB]; i++) {
            if (state(xcase, gx, r, i) != state(xcase, gx, r + gy, i)) {
                emitVertex(VOL, gp, fp, pos, nrm, v++, i, j, gk, 2, gridValue(VOL, gp, i, j, kl, pad),
                           gridValue(VOL, gp, i, j, kl + 1, pad), isoF, pad);
            }
        }
    }
}

__kernel void fe_generate_triangles(__global const int* gp, __global const uchar* xcase, __global const int* meta,
                                    __global const uint* voff, __global const uint* toff, __global const int* caseTab,
                                    const int stride, __global const int* cornerTab,
                                    __global const int* edgeTab, __global int* tri) {
    const int r = get_global_id(0);
    const int gx = gp[GP_GX], gy = gp[GP_GY], nzb = gp[GP_NZB];
    if (r >= gy * nzb) {
        return;
    }
    const int j = r % gy, kl = r / gy;
    if (j >= gy - 1 || kl >= nzb - 1) {
        return;
    }
    __global const int* m = meta + (long)r * META;
    const int cl = m[M_CL], cr = m[M_CR];
    if (cl >= cr) {
        return;
    }
    int rows[4] = {r, r + 1, r + gy, r + gy + 1};
    uint xb[4], yb[2], zb[2];
    int xc[4] = {0, 0, 0, 0}, yc[2] = {0, 0}, zc[2] = {0, 0};
    for (int q = 0; q < 4; q++) {
        xb[q] = voff[rows[q]];
    }
    /* y-edges of rows (j, kl) and (j, kl+1); z-edges of rows (j, kl) and (j+1, kl). */
    for (int q = 0; q < 2; q++) {
        __global const int* my = meta + (long)rows[2 * q] * META;
        yb[q] = voff[rows[2 * q]] + my[M_XCNT];
        __global const int* mz = meta + (long)rows[q] * META;
        zb[q] = voff[rows[q]] + mz[M_XCNT] + mz[M_YCNT];
    }
    uint t = toff[r];
    for (int i = cl; i < cr; i++) {
        int c = 0;
        for (int corner = 0; corner < 8; corner++) {
            int dx = cornerTab[3 * corner], dy = cornerTab[3 * corner + 1], dz = cornerTab[3 * corner + 2];
            uchar e = xcase[(long)rows[dy + 2 * dz] * (gx - 1) + i];
            c |= ((dx ? (e >> 1) : e) & 1) << corner;
        }
        int xhit[4], yhit[2], zhit[2];
        for (int q = 0; q < 4; q++) {
            uchar e = xcase[(long)rows[q] * (gx - 1) + i];
            xhit[q] = e == 1 || e == 2;
        }
        for (int q = 0; q < 2; q++) {
            yhit[q] = state(xcase, gx, rows[2 * q], i) != state(xcase, gx, rows[2 * q + 1], i);
            zhit[q] = state(xcase, gx, rows[q], i) != state(xcase, gx, rows[q + 2], i);
        }
        const int nt = caseTab[stride * c];
        for (int s = 0; s < 3 * nt; s++) {
            int e = caseTab[stride * c + 1 + s];
            int axis = edgeTab[4 * e], dx = edgeTab[4 * e + 1], dy = edgeTab[4 * e + 2], dz = edgeTab[4 * e + 3];
            uint id;
            if (axis == 0) {
                id = xb[dy + 2 * dz] + xc[dy + 2 * dz];
            } else if (axis == 1) {
                id = yb[dz] + yc[dz] + (dx ? yhit[dz] : 0);
            } else {
                id = zb[dy] + zc[dy] + (dx ? zhit[dy] : 0);
            }
            /* NB: a left-handed affine reverses the winding (corners 0, 2, 1), as the Java pass does. */
            int slot = gp[GP_FLIP] && (s % 3) ? (s % 3 == 1 ? s + 1 : s - 1) : s;
            tri[3 * (long)t + slot] = (int)id;
        }
        t += nt;
        for (int q = 0; q < 4; q++) {
            xc[q] += xhit[q];
        }
        for (int q = 0; q < 2; q++) {
            yc[q] += yhit[q];
            zc[q] += zhit[q];
        }
    }
}
