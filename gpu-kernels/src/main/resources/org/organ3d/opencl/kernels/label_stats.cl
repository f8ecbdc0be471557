/*
 * label_stats.cl — the multi-label pass: the runs of a label map (maximal runs of one non-zero label
 * along a row) with their per-run sums, and the histograms of the exact percentile rounds.
 * Mirrors org.organ3d.compute.LabelRunScan (runs, histogram pass); the host
 * (org.organ3d.opencl.LabelStatisticsCl) merges the runs with the shared org.organ3d.compute.LabelStatistics.
 *
 * Why runs: no per-label launch, no per-label accumulator on the device and no atomic on a label's
 * sums, so thousands of labels cost what one label costs and the result is deterministic. A row's runs
 * are counted (ls_count_runs), the counts scanned (scan.cl) and the runs written at their offsets
 * (ls_emit_runs), in row order: the canonical order the host merges in, exactly as the Java pass.
 *
 * Build options: LABEL_T (uchar | ushort), SAMPLE_T (uchar, char, short, ushort, int, float),
 * SAMPLE_KIND 0 (no image) | 1 (8/16-bit: exact long sums) | 2 (int32/float32: Welford in double; needs
 * cl_khr_fp64), SAMPLE_FLOAT 1 for float samples (NaN skipped, -0 read as +0).
 *
 * ls_count_runs(lab, nx, ny, halo, rows, counts)
 *   lab    __global const LABEL_T*  the slab's labels as in ls_emit_runs; rows = slices * ny of its own
 *   counts __global uint*           runs of each row
 *   work size: global = rows, one work item per row.
 * ls_emit_runs(lab, vol, nx, ny, slices, k0, nz, halo, offsets, ints, vals)
 *   lab     __global const LABEL_T*  (halo + slices + 1 if k0 + slices < nz) slices: slice k0 - 1 first when
 *                                    halo == 1, then the slab's slices k0 .. k0 + slices - 1, then k0 + slices
 *   vol     __global const SAMPLE_T* the slab's own slices (unused when SAMPLE_KIND == 0)
 *   offsets __global const uint*     exclusive scan of counts (first run of each row, slab-relative)
 *   ints    __global int*            6 per run: row (k * ny + j, global), lo, hi, label, facesJ, facesK
 *   vals    __global long*           5 per run (SAMPLE_KIND 1: n, sum, sum of squares, min, max of the raw
 *                                    values; 2: n, then mean, m2, min, max as double bits)
 *   work size: global = slices * ny, one work item per row.
 * ls_histogram(lab, vol, nx, ny, halo, rows, index, nIndex, first, lo, shift, bins, offset, counts)
 *   index  __global const int*  label value (below nIndex) -> label index 0..m-1, or -1 (not measured)
 *   first  __global const int*  windows of label c: first[c] .. first[c+1]-1
 *   lo, shift, bins, offset     per window (long, int, int, int): bin = (key - lo) >> shift < bins
 *   counts __global uint*       bins, zero-filled by the host; one atomic_inc per counted voxel
 *   work size: global = rows, one work item per row.
 *   Keys (org.organ3d.compute.OrderStatistics.key): the raw integer; float bits with negatives flipped.
 */
#pragma OPENCL FP_CONTRACT OFF
#if ORGAN3D_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#ifndef LABEL_T
#define LABEL_T ushort
#endif
#ifndef SAMPLE_T
#define SAMPLE_T short
#endif
#ifndef SAMPLE_KIND
#define SAMPLE_KIND 0
#endif
#ifndef SAMPLE_FLOAT
#define SAMPLE_FLOAT 0
#endif

__kernel void ls_count_runs(__global const LABEL_T* lab, const int nx, const int ny, const int halo, const int rows,
                            __global uint* counts) {
    const int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    __global const LABEL_T* row = lab + ((long)halo * ny + r) * nx;
    uint n = 0;
    int prev = 0;
    for (int i = 0; i < nx; i++) {
        int c = row[i];
        n += (c != 0 && c != prev) ? 1u : 0u;
        prev = c;
    }
    counts[r] = n;
}

#if SAMPLE_KIND == 2
/* -0 as +0 (x + 0.0), as the Java pass reads it. */
inline double sampleReal(SAMPLE_T s) {
    return (double)s + 0.0;
}
#endif

__kernel void ls_emit_runs(__global const LABEL_T* lab, __global const SAMPLE_T* vol, const int nx, const int ny,
                           const int slices, const int k0, const int nz, const int halo,
                           __global const uint* offsets, __global int* ints, __global long* vals) {
    const int r = get_global_id(0);
    if (r >= slices * ny) {
        return;
    }
    const int kk = r / ny;           /* slab-relative slice */
    const int j = r - kk * ny;
    const int k = k0 + kk;
    const long plane = (long)nx * ny;
    __global const LABEL_T* cur = lab + (long)(kk + halo) * plane + (long)j * nx;
    const int hasPrev = k > 0;
    const int hasNext = k < nz - 1;
    __global const LABEL_T* prevSlice = cur - plane;
    __global const LABEL_T* nextSlice = cur + plane;
    __global const SAMPLE_T* v = vol + (long)r * nx;
    long o = offsets[r];
    int i = 0;
    while (i < nx) {
        const int c = cur[i];
        const int a = i;
        while (i < nx && cur[i] == c) {
            i++;
        }
        if (c == 0) {
            continue;
        }
        const int b = i - 1;
        int fj = 0;
        int fk = 0;
        for (int x = a; x <= b; x++) {
            fj += (j == 0 || cur[x - nx] != c) ? 1 : 0;
            fj += (j == ny - 1 || cur[x + nx] != c) ? 1 : 0;
            fk += (!hasPrev || prevSlice[x] != c) ? 1 : 0;
            fk += (!hasNext || nextSlice[x] != c) ? 1 : 0;
        }
        __global int* e = ints + 6 * o;
        e[0] = k * ny + j;
        e[1] = a;
        e[2] = b;
        e[3] = c;
        e[4] = fj;
        e[5] = fk;
#if SAMPLE_KIND == 1
        long s1 = 0, s2 = 0, lo = LONG_MAX, hi = LONG_MIN;
        for (int x = a; x <= b; x++) {
            long s = (long)v[x];
            s1 += s;
            s2 += s * s;
            lo = min(lo, s);
            hi = max(hi, s);
        }
        __global long* w = vals + 5 * o;
        w[0] = b - a + 1;
        w[1] = s1;
        w[2] = s2;
        w[3] = lo;
        w[4] = hi;
#elif SAMPLE_KIND == 2
        long cnt = 0;
        double mean = 0.0, m2 = 0.0, lo = (double)INFINITY, hi = -(double)INFINITY;
        for (int x = a; x <= b; x++) {
            double s = sampleReal(v[x]);
#if SAMPLE_FLOAT
            if (isnan(s)) {
                continue;
            }
#endif
            cnt++;
            double delta = s - mean;
            mean += delta / (double)cnt;
            m2 += delta * (s - mean);
            lo = s < lo ? s : lo;
            hi = s > hi ? s : hi;
        }
        __global long* w = vals + 5 * o;
        w[0] = cnt;
        w[1] = as_long(mean);
        w[2] = as_long(m2);
        w[3] = as_long(lo);
        w[4] = as_long(hi);
#endif
        o++;
    }
}

#if SAMPLE_KIND != 0
inline long sampleKey(SAMPLE_T s) {
#if SAMPLE_FLOAT
    float f = (float)s == 0.0f ? 0.0f : (float)s;
    int b = as_int(f);
    return (long)(b >= 0 ? b : b ^ 0x7fffffff);
#else
    return (long)s;
#endif
}

__kernel void ls_histogram(__global const LABEL_T* lab, __global const SAMPLE_T* vol, const int nx, const int ny,
                           const int halo, const int rows,
                           __global const int* index, const int nIndex, __global const int* first, __global const long* lo,
                           __global const int* shift, __global const int* bins, __global const int* offset,
                           volatile __global uint* counts) {
    const int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    __global const LABEL_T* row = lab + ((long)halo * ny + r) * nx;
    __global const SAMPLE_T* v = vol + (long)r * nx;
    for (int i = 0; i < nx; i++) {
        const int l = row[i];
        if (l == 0 || l >= nIndex) {
            continue;
        }
        const int c = index[l];
        if (c < 0) {
            continue;
        }
#if SAMPLE_FLOAT
        if (isnan(v[i])) {
            continue;
        }
#endif
        const long x = sampleKey(v[i]);
        for (int w = first[c]; w < first[c + 1]; w++) {
            if (x >= lo[w]) {
                const long b = (x - lo[w]) >> shift[w];
                if (b < bins[w]) {
                    atomic_inc(&counts[offset[w] + (int)b]);
                    break;
                }
            }
        }
    }
}
#endif
