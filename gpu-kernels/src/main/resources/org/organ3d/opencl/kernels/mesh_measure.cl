/*
 * mesh_measure.cl — enclosed volume (divergence theorem), area and centroid sums of a triangle mesh.
 * Mirrors org.organ3d.mesh.MeshProperties (host: org.organ3d.opencl.ReductionCl): per triangle, with
 * r the reference point (bounding-box centre) and a, b, c the corners minus r,
 *   six = a . (b x c),  cx += six * (ax + bx + cx) (and y, z),  area += 0.5 |(b - a) x (c - a)|,
 * summed per work-group in local memory (tree order) and per group on the host (group order), so the
 * sums agree with Java to rounding (1e-6 relative is the contract; summation order differs).
 *
 * mesh_partials(pos, tri, nt, rx, ry, rz, partial, scratch)
 *   pos     __global const float*  x, y, z per vertex (LPS mm)
 *   tri     __global const int*    3 vertex indices per triangle
 *   nt      int                    triangles
 *   rx..rz  real                   reference point
 *   partial __global real*         5 per work-group: six-volume, cx, cy, cz, area
 *   scratch __local real*          5 * local size
 *   work size: global = nt rounded up to the local size L (a power of two), local = L.
 * mesh_partials_groups(pos, tri, groupFirst, groupCount, groupRef, partial, scratch)
 *   many meshes in one launch (their vertices and triangles concatenated, indices global): work-group g
 *   sums triangles groupFirst[g] .. groupFirst[g] + groupCount[g] - 1 (at most L, all of one mesh) about
 *   that mesh's reference point groupRef[3g..3g+2]; the host sums each mesh's groups in order. Each mesh
 *   starts a new group, so a mesh's partials are those mesh_partials gives for it alone.
 *   work size: global = groups * L, local = L.
 */
#pragma OPENCL FP_CONTRACT OFF
#if ORGAN3D_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif

/* One triangle's six-volume, centroid terms and area about r (acc[5]). */
inline void triangleTerms(__global const float* pos, __global const int* tri, const long t, const real rx, const real ry,
                          const real rz, real* acc) {
    long a = 3 * (long)tri[3 * t], b = 3 * (long)tri[3 * t + 1], c = 3 * (long)tri[3 * t + 2];
    real ax = (real)pos[a] - rx, ay = (real)pos[a + 1] - ry, az = (real)pos[a + 2] - rz;
    real bx = (real)pos[b] - rx, by = (real)pos[b + 1] - ry, bz = (real)pos[b + 2] - rz;
    real qx = (real)pos[c] - rx, qy = (real)pos[c + 1] - ry, qz = (real)pos[c + 2] - rz;
    real six = ax * (by * qz - bz * qy) - ay * (bx * qz - bz * qx) + az * (bx * qy - by * qx);
    acc[0] = six;
    acc[1] = six * (ax + bx + qx);
    acc[2] = six * (ay + by + qy);
    acc[3] = six * (az + bz + qz);
    real ux = bx - ax, uy = by - ay, uz = bz - az;
    real wx = qx - ax, wy = qy - ay, wz = qz - az;
    real nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
    acc[4] = (real)0.5 * sqrt(nx * nx + ny * ny + nz * nz);
}

/* Tree sum of acc[5] over the work-group; work item 0 writes the group's five partials. */
inline void groupSum(real* acc, __local real* scratch, __global real* partial, const long group) {
    const int lid = get_local_id(0);
    const int L = get_local_size(0);
    for (int q = 0; q < 5; q++) {
        scratch[q * L + lid] = acc[q];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int off = L / 2; off > 0; off >>= 1) {
        if (lid < off) {
            for (int q = 0; q < 5; q++) {
                scratch[q * L + lid] += scratch[q * L + lid + off];
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        for (int q = 0; q < 5; q++) {
            partial[5 * group + q] = scratch[q * L];
        }
    }
}

__kernel void mesh_partials_groups(__global const float* pos, __global const int* tri, __global const int* groupFirst,
                                   __global const int* groupCount, __global const real* groupRef,
                                   __global real* partial, __local real* scratch) {
    const long g = get_group_id(0);
    const int lid = get_local_id(0);
    real acc[5] = {0, 0, 0, 0, 0};
    if (lid < groupCount[g]) {
        triangleTerms(pos, tri, (long)groupFirst[g] + lid, groupRef[3 * g], groupRef[3 * g + 1], groupRef[3 * g + 2], acc);
    }
    groupSum(acc, scratch, partial, g);
}

__kernel void mesh_partials(__global const float* pos, __global const int* tri, const int nt, const real rx,
                            const real ry, const real rz, __global real* partial, __local real* scratch) {
    const int t = get_global_id(0);
    const int lid = get_local_id(0);
    const int L = get_local_size(0);
    real acc[5] = {0, 0, 0, 0, 0};
    if (t < nt) {
        long a = 3 * (long)tri[3 * (long)t], b = 3 * (long)tri[3 * (long)t + 1], c = 3 * (long)tri[3 * (long)t + 2];
        real ax = (real)pos[a] - rx, ay = (real)pos[a + 1] - ry, az = (real)pos[a + 2] - rz;
        real bx = (real)pos[b] - rx, by = (real)pos[b + 1] - ry, bz = (real)pos[b + 2] - rz;
        real qx = (real)pos[c] - rx, qy = (real)pos[c + 1] - ry, qz = (real)pos[c + 2] - rz;
        real six = ax * (by * qz - bz * qy) - ay * (bx * qz - bz * qx) + az * (bx * qy - by * qx);
        acc[0] = six;
        acc[1] = six * (ax + bx + qx);
        acc[2] = six * (ay + by + qy);
        acc[3] = six * (az + bz + qz);
        real ux = bx - ax, uy = by - ay, uz = bz - az;
        real wx = qx - ax, wy = qy - ay, wz = qz - az;
        real nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
        acc[4] = (real)0.5 * sqrt(nx * nx + ny * ny + nz * nz);
    }
    for (int q = 0; q < 5; q++) {
        scratch[q * L + lid] = acc[q];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int off = L / 2; off > 0; off >>= 1) {
        if (lid < off) {
            for (int q = 0; q < 5; q++) {
                scratch[q * L + lid] += scratch[q * L + lid + off];
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        for (int q = 0; q < 5; q++) {
            partial[5 * (long)get_group_id(0) + q] = scratch[q * L];
        }
    }
}
