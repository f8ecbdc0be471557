package org.organ3d.opencl;

import org.jocl.cl_kernel;

/**
 * Typed wrappers of {@code threshold.cl}, {@code components.cl} and {@code distance.cl}, arguments in
 * kernel order. Not thread-safe (one context).
 */
final class SegmentationKernels {

    private static final long LOCAL = 64;

    private final OpenClContext ctx;
    private final boolean fp64;

    SegmentationKernels(OpenClContext ctx) {
        this.ctx = ctx;
        this.fp64 = ctx.device().hasFp64();
    }

    /** {@code threshold_mask(vol, rsA, rsB, mask, n, loF, hiF)}; {@code vol} holds samples of {@code sf}. */
    void thresholdMask(DeviceBuffer vol, SampleFormat sf, DeviceBuffer mask, long n, float loF, float hiF) {
        cl_kernel k = ctx.kernel("threshold.cl", sf.options(), "threshold_mask");
        KernelArgs.of(k).mem(vol).real(sf.slope(), fp64).real(sf.intercept(), fp64).mem(mask).l(n).f(loF).f(hiF);
        ctx.run(k, n, LOCAL);
    }

    /** {@code cc_init(mask, L, n)}. */
    void ccInit(DeviceBuffer mask, DeviceBuffer labels, int n) {
        cl_kernel k = ctx.kernel("components.cl", "cc_init");
        KernelArgs.of(k).mem(mask).mem(labels).i(n);
        ctx.run(k, n, LOCAL);
    }

    /** {@code cc_merge(mask, L, nx, ny, nz, offs, m)}. */
    void ccMerge(DeviceBuffer mask, DeviceBuffer labels, int nx, int ny, int nz, DeviceBuffer offsets, int m) {
        cl_kernel k = ctx.kernel("components.cl", "cc_merge");
        KernelArgs.of(k).mem(mask).mem(labels).i(nx).i(ny).i(nz).mem(offsets).i(m);
        ctx.run(k, (long) nx * ny * nz, LOCAL);
    }

    /** {@code cc_compress(L, n)}. */
    void ccCompress(DeviceBuffer labels, int n) {
        cl_kernel k = ctx.kernel("components.cl", "cc_compress");
        KernelArgs.of(k).mem(labels).i(n);
        ctx.run(k, n, LOCAL);
    }

    /** {@code cc_root_flags(L, flags, n)}. */
    void ccRootFlags(DeviceBuffer labels, DeviceBuffer flags, int n) {
        cl_kernel k = ctx.kernel("components.cl", "cc_root_flags");
        KernelArgs.of(k).mem(labels).mem(flags).i(n);
        ctx.run(k, n, LOCAL);
    }

    /** {@code cc_sizes(L, ids, size, nx, rows)}, one work item per x-row. */
    void ccSizes(DeviceBuffer labels, DeviceBuffer ids, DeviceBuffer size, int nx, int rows) {
        cl_kernel k = ctx.kernel("components.cl", "cc_sizes");
        KernelArgs.of(k).mem(labels).mem(ids).mem(size).i(nx).i(rows);
        ctx.run(k, rows, LOCAL);
    }

    /** {@code cc_final(L, ids, rank, n)}. */
    void ccFinal(DeviceBuffer labels, DeviceBuffer ids, DeviceBuffer rank, int n) {
        cl_kernel k = ctx.kernel("components.cl", "cc_final");
        KernelArgs.of(k).mem(labels).mem(ids).mem(rank).i(n);
        ctx.run(k, n, LOCAL);
    }

    /** {@code edt_rows(src, g, nx, lines, sx2, cap2)}. */
    void edtRows(DeviceBuffer src, DeviceBuffer g, int nx, int lines, double sx2, double cap2) {
        cl_kernel k = ctx.kernel("distance.cl", "edt_rows");
        KernelArgs.of(k).mem(src).mem(g).i(nx).i(lines).real(sx2, fp64).real(cap2, fp64);
        ctx.run(k, lines, LOCAL);
    }

    /**
     * {@code edt_columns(in, out, n, stride, lineStride, inner, firstLine, count, w, cap2, v, z, finalPass,
     * within)}.
     */
    void edtColumns(DeviceBuffer in, DeviceBuffer out, int n, long stride, long lineStride, int inner, int firstLine,
                    int count, double w, double cap2, DeviceBuffer v, DeviceBuffer z, boolean finalPass, boolean within) {
        cl_kernel k = ctx.kernel("distance.cl", "edt_columns");
        KernelArgs.of(k).mem(in).mem(out).i(n).l(stride).l(lineStride).i(inner).i(firstLine).i(count).real(w, fp64)
                .real(cap2, fp64).mem(v).mem(z).i(finalPass ? 1 : 0).i(within ? 1 : 0);
        ctx.run(k, count, LOCAL);
    }

    boolean fp64() {
        return fp64;
    }
}
