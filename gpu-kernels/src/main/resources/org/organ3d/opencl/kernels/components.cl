/*
 * components.cl — connected components of a 0/1 mask by union-find with atomics on the device
 * (after Playne & Hawick, "A new algorithm for parallel connected-component labelling on GPUs",
 * IEEE TPDS 29(6), 2018): every link points to a smaller voxel index, so each component's root is
 * its first voxel in linear order (i + nx*(j + ny*k)). Mirrors org.organ3d.segment.ConnectedComponents
 * (host: org.organ3d.opencl.SegmentationCl), which numbers components by decreasing size, ties by
 * that first voxel: the device numbers the roots in linear order (flags + scan.cl), counts sizes and,
 * once the host has ranked the sizes (ComponentNumbering), writes the final labels.
 *
 * cc_init(mask, L, n)              L[x] = x for mask voxels, -1 elsewhere; global = n
 * cc_merge(mask, L, nx, ny, nz, offs, m)
 *   mask __global const uchar*  n = nx*ny*nz voxels (non-zero = foreground)
 *   L    __global int*          labels (links), updated with atomic_min
 *   offs __global const int*    m neighbour offsets (di, dj, dk) of the backward half of the
 *                               neighbourhood (6/18/26-connectivity from Connectivity.offsets())
 *   global = n, one work item per voxel
 * cc_compress(L, n)                L[x] = root of x; global = n
 * cc_root_flags(L, flags, n)       flags[x] = 1 where L[x] == x (a root), else 0; global = n
 *   (the host's exclusive scan of flags gives ids: ids[r] = provisional id of root r, linear order)
 * cc_sizes(L, ids, size, nx, rows) size[ids[L[x]]] += 1 for every foreground voxel, one atomic_add per
 *                                  run of equal ids along x; size zero-filled by the host;
 *                                  global = rows (= ny*nz), one work item per x-row
 * cc_final(L, ids, rank, n)        L[x] = rank[ids[L[x]]] (final label, 1 = largest), 0 for background;
 *                                  global = n (in place: each item reads and writes only its own L[x])
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

__kernel void cc_root_flags(__global const int* L, __global uint* flags, const int n) {
    const int x = get_global_id(0);
    if (x < n) {
        flags[x] = L[x] == x ? 1u : 0u;
    }
}

__kernel void cc_sizes(__global const int* L, __global const uint* ids, volatile __global uint* size, const int nx,
                       const int rows) {
    const int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    const long base = (long)r * nx;
    uint run = 0, len = 0;
    for (int i = 0; i < nx; i++) {
        const int l = L[base + i];
        if (l < 0) {
            continue;
        }
        const uint id = ids[l];
        if (len > 0 && id != run) {
            atomic_add(&size[run], len);
            len = 0;
        }
        run = id;
        len++;
    }
    if (len > 0) {
        atomic_add(&size[run], len);
    }
}

__kernel void cc_final(__global int* L, __global const uint* ids, __global const int* rank, const int n) {
    const int x = get_global_id(0);
    if (x < n) {
        const int l = L[x];
        L[x] = l < 0 ? 0 : rank[ids[l]];
    }
}
