package org.organ3d.opencl;

import org.jocl.cl_kernel;

/**
 * Typed wrappers of {@code label_stats.cl}, arguments in kernel order; {@code options} are the build
 * options choosing the label type, sample type and kind ({@link LabelStatisticsCl#options}). Not
 * thread-safe (one context).
 */
final class LabelKernels {

    private static final String SOURCE = "label_stats.cl";
    private static final long LOCAL = 64;

    private final OpenClContext ctx;

    LabelKernels(OpenClContext ctx) {
        this.ctx = ctx;
    }

    /** {@code ls_count_runs(lab, nx, ny, halo, rows, counts)}, one work item per row. */
    void countRuns(String options, DeviceBuffer lab, int nx, int ny, int halo, int rows, DeviceBuffer counts) {
        cl_kernel k = ctx.kernel(SOURCE, options, "ls_count_runs");
        KernelArgs.of(k).mem(lab).i(nx).i(ny).i(halo).i(rows).mem(counts);
        ctx.run(k, rows, LOCAL);
    }

    /** {@code ls_emit_runs(lab, vol, nx, ny, slices, k0, nz, halo, offsets, ints, vals)}, one work item per row. */
    void emitRuns(String options, DeviceBuffer lab, DeviceBuffer vol, int nx, int ny, int slices, int k0, int nz, int halo,
                  DeviceBuffer offsets, DeviceBuffer ints, DeviceBuffer vals) {
        cl_kernel k = ctx.kernel(SOURCE, options, "ls_emit_runs");
        KernelArgs.of(k).mem(lab).mem(vol).i(nx).i(ny).i(slices).i(k0).i(nz).i(halo).mem(offsets).mem(ints).mem(vals);
        ctx.run(k, (long) slices * ny, LOCAL);
    }

    /**
     * {@code ls_histogram(lab, vol, nx, ny, halo, rows, index, nIndex, first, lo, shift, bins, offset, counts)}, one
     * work item per row.
     */
    void histogram(String options, DeviceBuffer lab, DeviceBuffer vol, int nx, int ny, int halo, int rows,
                   DeviceBuffer index, int nIndex, DeviceBuffer first, DeviceBuffer lo, DeviceBuffer shift, DeviceBuffer bins,
                   DeviceBuffer offset, DeviceBuffer counts) {
        cl_kernel k = ctx.kernel(SOURCE, options, "ls_histogram");
        KernelArgs.of(k).mem(lab).mem(vol).i(nx).i(ny).i(halo).i(rows).mem(index).i(nIndex).mem(first).mem(lo).mem(shift).mem(bins)
                .mem(offset).mem(counts);
        ctx.run(k, rows, LOCAL);
    }
}
