/*
 * threshold.cl — global threshold: mask = (lo <= value <= hi), both bounds inclusive.
 * Mirrors org.organ3d.segment.Threshold (host: org.organ3d.opencl.SegmentationCl).
 *
 * threshold_mask(vol, mask, n, loF, hiF)
 *   vol   __global const float*  n rescaled values (float32, as Volume.sliceValues gives them)
 *   mask  __global uchar*        n outputs, 1 inside the range, else 0
 *   n     long                   voxel count of this slab
 *   loF   float                  smallest float >= the double lower bound (-INFINITY for none)
 *   hiF   float                  largest float <= the double upper bound (+INFINITY for none)
 *   work size: global = n (rounded up to the local size), one work item per voxel.
 * NB: the host rounds the double bounds inwards to floats, which makes the float comparison
 * equivalent to Java's comparison of the float value with the double bounds. NaN is outside.
 */
__kernel void threshold_mask(__global const float* vol, __global uchar* mask, const long n, const float loF,
                             const float hiF) {
    const long x = get_global_id(0);
    if (x >= n) {
        return;
    }
    const float v = vol[x];
    mask[x] = (uchar)(v >= loF && v <= hiF ? 1 : 0);
}
