/*
 * scan.cl — exclusive prefix sum of uint counts: work-group scan + global scan of block sums.
 * Mirrors: the prefix sums of org.organ3d.mesh flying edges (pass 3) and of every compaction.
 *
 * scan_blocks(in, out, blockSums, n, scratch)
 *   in        __global const uint*  n counts
 *   out       __global uint*        n exclusive sums within each work-group block
 *   blockSums __global uint*        one total per work-group
 *   n         uint                  element count
 *   scratch   __local uint*         local size elements
 *   work size: global = n rounded up to the local size L (a power of two), local = L.
 * scan_add(out, blockOffsets, n)
 *   adds the exclusive scan of the block sums (blockOffsets[group]) to every element;
 *   work size: same as scan_blocks.
 * The host scans blockSums recursively with the same two kernels until one block remains.
 */

__kernel void scan_blocks(__global const uint* in, __global uint* out, __global uint* blockSums,
                          const uint n, __local uint* scratch) {
    const uint gid = get_global_id(0);
    const uint lid = get_local_id(0);
    const uint L = get_local_size(0);
    uint v = gid < n ? in[gid] : 0u;
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    /* Hillis-Steele inclusive scan in local memory. */
    for (uint off = 1; off < L; off <<= 1) {
        uint add = lid >= off ? scratch[lid - off] : 0u;
        barrier(CLK_LOCAL_MEM_FENCE);
        scratch[lid] += add;
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (gid < n) {
        out[gid] = scratch[lid] - v;
    }
    if (lid == L - 1) {
        blockSums[get_group_id(0)] = scratch[lid];
    }
}

__kernel void scan_add(__global uint* out, __global const uint* blockOffsets, const uint n) {
    const uint gid = get_global_id(0);
    if (gid < n) {
        out[gid] += blockOffsets[get_group_id(0)];
    }
}
