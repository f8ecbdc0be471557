/*
 * threshold.cl — global threshold: mask = (lo <= value <= hi), both bounds inclusive.
 * Mirrors org.organ3d.segment.Threshold (host: org.organ3d.opencl.SegmentationCl).
 *
 * threshold_mask(vol, rsA, rsB, mask, n, loF, hiF)
 *   vol   __global const SAMPLE_T*  n stored samples, made floats as Volume.sliceValues does (below)
 *   rsA, rsB  real                 rescale slope and intercept
 *   mask  __global uchar*        n outputs, 1 inside the range, else 0
 *   n     long                   voxel count of this slab
 *   loF   float                  smallest float >= the double lower bound (-INFINITY for none)
 *   hiF   float                  largest float <= the double upper bound (+INFINITY for none)
 *   work size: global = n (rounded up to the local size), one work item per voxel.
 * NB: the host rounds the double bounds inwards to floats, which makes the float comparison
 * equivalent to Java's comparison of the float value with the double bounds. NaN is outside.
 */
#pragma OPENCL FP_CONTRACT OFF
#include "samples.clh"

__kernel void threshold_mask(__global const SAMPLE_T* vol, const real rsA, const real rsB, __global uchar* mask, const long n, const float loF,
                             const float hiF) {
    const long x = get_global_id(0);
    if (x >= n) {
        return;
    }
    const float v = SAMPLE_VALUE(vol[x], rsA, rsB);
    mask[x] = (uchar)(v >= loF && v <= hiF ? 1 : 0);
}
