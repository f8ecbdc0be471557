/*
 * components.cl — connected components of a 0/1 mask by union-find with atomics on the device
 * (after Playne & Hawick, "A new algorithm for parallel connected-component labelling on GPUs",
 * IEEE TPDS 29(6), 2018): every link points to a smaller voxel index, so each component's root is
 * its first voxel in linear order (i + nx*(j + ny*k)). Mirrors org.organ3d.segment.ConnectedComponents
 * (host: org.organ3d.opencl.SegmentationCl), which numbers components by decreasing size, ties by
 * that first voxel; the host does that final relabel from the roots.
 *
 * cc_init(mask, L, n)              L[x] = x for mask voxels, -1 elsewhere; global = n
 * cc_merge(mask, L, nx, ny, nz, offs, m)
 *   mask __global const uchar*  n = nx*ny*nz voxels (non-zero = foreground)
 *   L    __global int*          labels (links), updated with atomic_min
 *   offs __global const int*    m neighbour offsets (di, dj, dk) of the backward half of the
 *                               neighbourhood (6/18/26-connectivity from Connectivity.offsets())
 *   global = n, one work item per voxel
 * cc_compress(L, n)                L[x] = root of x; global = n
 */

inline int findRoot(volatile __global int* L, int x) {
    int p = L[x];
    while (p != x) {
        x = p;
        p = L[x];
    }
    return x;
}

inline void unite(volatile __global int* L, int a, int b) {
    int done = 0;
    while (!done) {
        a = findRoot(L, a);
        b = findRoot(L, b);
        if (a < b) {
            int old = atomic_min(&L[b], a);
            done = old == b;
            b = old;
        } else if (b < a) {
            int old = atomic_min(&L[a], b);
            done = old == a;
            a = old;
        } else {
            done = 1;
        }
    }
}

__kernel void cc_init(__global const uchar* mask, __global int* L, const int n) {
    const int x = get_global_id(0);
    if (x < n) {
        L[x] = mask[x] ? x : -1;
    }
}

__kernel void cc_merge(__global const uchar* mask, volatile __global int* L, const int nx, const int ny, const int nz,
                       __global const int* offs, const int m) {
    const int x = get_global_id(0);
    const int n = nx * ny * nz;
    if (x >= n || !mask[x]) {
        return;
    }
    const int i = x % nx, j = (x / nx) % ny, k = x / (nx * ny);
    for (int q = 0; q < m; q++) {
        int ii = i + offs[3 * q], jj = j + offs[3 * q + 1], kk = k + offs[3 * q + 2];
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) {
            continue;
        }
        int y = (kk * ny + jj) * nx + ii;
        if (mask[y]) {
            unite(L, x, y);
        }
    }
}

__kernel void cc_compress(volatile __global int* L, const int n) {
    const int x = get_global_id(0);
    if (x < n && L[x] >= 0) {
        L[x] = findRoot(L, x);
    }
}
