package org.organ3d.opencl;

/**
 * Device faults this package's tests inject to prove the Java fallback: a kernel source that fails
 * to build, allocations that fail, no platform. NB: package-private fields that only those tests
 * set; no system property or public method reaches them, so a production run never sees one.
 */
final class Faults {

    /** A kernel source (e.g. {@code flying_edges.cl}) that gets a syntax error appended, or null. */
    static volatile String brokenKernel;

    /** Allocations above this many bytes fail as {@code CL_MEM_OBJECT_ALLOCATION_FAILURE}. */
    static volatile long failAllocAbove = Long.MAX_VALUE;

    /** True: platform discovery reports none. */
    static volatile boolean hidePlatforms;

    private Faults() {
    }

    /** Clears every fault. */
    static void clear() {
        brokenKernel = null;
        failAllocAbove = Long.MAX_VALUE;
        hidePlatforms = false;
    }
}
