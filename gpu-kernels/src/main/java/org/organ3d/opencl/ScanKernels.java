package org.organ3d.opencl;

import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * Typed wrappers of {@code scan.cl}: exclusive prefix sums of {@code uint} counts on the device, a
 * work-group scan followed by a recursive scan of the block sums. Not thread-safe (one context).
 */
final class ScanKernels {

    private static final String SOURCE = "scan.cl";

    private final OpenClContext ctx;
    private final int local;

    ScanKernels(OpenClContext ctx) {
        this.ctx = ctx;
        int l = 1;
        while (l * 2 <= Math.min(256, ctx.device().maxWorkGroup())) {
            l *= 2;
        }
        this.local = l;
    }

    /** {@code scan_blocks(in, out, blockSums, n, scratch)}. */
    void scanBlocks(DeviceBuffer in, DeviceBuffer out, DeviceBuffer blockSums, int n) {
        var k = ctx.kernel(SOURCE, "scan_blocks");
        KernelArgs.of(k).mem(in).mem(out).mem(blockSums).i(n).local((long) local * Sizeof.cl_uint);
        ctx.run(k, n, local);
    }

    /** {@code scan_add(out, blockOffsets, n)}. */
    void scanAdd(DeviceBuffer out, DeviceBuffer blockOffsets, int n) {
        var k = ctx.kernel(SOURCE, "scan_add");
        KernelArgs.of(k).mem(out).mem(blockOffsets).i(n);
        ctx.run(k, n, local);
    }

    /**
     * Writes the exclusive prefix sum of the first {@code n} uints of {@code in} into {@code out} and
     * returns the total (as a long; the caller checks it against its limits).
     */
    long exclusiveScan(DeviceBuffer in, DeviceBuffer out, int n) {
        if (n == 0) {
            return 0;
        }
        int blocks = (n + local - 1) / local;
        try (DeviceBuffer sums = ctx.allocate((long) blocks * Sizeof.cl_uint);
             DeviceBuffer offs = ctx.allocate((long) blocks * Sizeof.cl_uint)) {
            scanBlocks(in, out, sums, n);
            if (blocks > 1) {
                exclusiveScan(sums, offs, blocks);
                scanAdd(out, offs, n);
            }
        }
        int[] last = new int[1];
        int[] lastIn = new int[1];
        ctx.read(out, (long) (n - 1) * Sizeof.cl_uint, Sizeof.cl_uint, Pointer.to(last));
        ctx.read(in, (long) (n - 1) * Sizeof.cl_uint, Sizeof.cl_uint, Pointer.to(lastIn));
        // NB: the sums are uint on the device; callers size their bricks so that no total reaches 2^32.
        return Integer.toUnsignedLong(last[0]) + Integer.toUnsignedLong(lastIn[0]);
    }
}
