package org.organ3d.opencl;

/**
 * Device time of one or more passes as reported by OpenCL profiling events, in nanoseconds.
 *
 * @param uploadNanos   host→device copies
 * @param kernelNanos   kernels and fills
 * @param downloadNanos device→host copies
 */
public record DeviceTimings(long uploadNanos, long kernelNanos, long downloadNanos) {

    /** Sum of the three. */
    public long totalNanos() {
        return uploadNanos + kernelNanos + downloadNanos;
    }
}
