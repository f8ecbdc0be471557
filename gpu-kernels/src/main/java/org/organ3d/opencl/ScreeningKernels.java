package org.organ3d.opencl;

import org.jocl.cl_kernel;

/** Typed wrappers of {@code screening.cl}, arguments in kernel order. Not thread-safe (one context). */
final class ScreeningKernels {

    private static final long LOCAL = 64;

    private final OpenClContext ctx;
    private final boolean fp64;

    ScreeningKernels(OpenClContext ctx) {
        this.ctx = ctx;
        this.fp64 = ctx.device().hasFp64();
    }

    boolean fp64() {
        return fp64;
    }

    /** {@code gauss_x(in, out, nx, rows, mx, step, w, r)}. */
    void gaussX(DeviceBuffer in, DeviceBuffer out, int nx, int rows, int mx, int step, DeviceBuffer w, int r) {
        cl_kernel k = ctx.kernel("screening.cl", "gauss_x");
        KernelArgs.of(k).mem(in).mem(out).i(nx).i(rows).i(mx).i(step).mem(w).i(r);
        ctx.run(k, (long) rows * mx, LOCAL);
    }

    /** {@code gauss_y(in, out, ny, planes, mx, my, step, w, r)}. */
    void gaussY(DeviceBuffer in, DeviceBuffer out, int ny, int planes, int mx, int my, int step, DeviceBuffer w, int r) {
        cl_kernel k = ctx.kernel("screening.cl", "gauss_y");
        KernelArgs.of(k).mem(in).mem(out).i(ny).i(planes).i(mx).i(my).i(step).mem(w).i(r);
        ctx.run(k, (long) planes * my * mx, LOCAL);
    }

    /** {@code gauss_z(in, out, nz, plane, mz, step, w, r)}. */
    void gaussZ(DeviceBuffer in, DeviceBuffer out, int nz, long plane, int mz, int step, DeviceBuffer w, int r) {
        cl_kernel k = ctx.kernel("screening.cl", "gauss_z");
        KernelArgs.of(k).mem(in).mem(out).i(nz).l(plane).i(mz).i(step).mem(w).i(r);
        ctx.run(k, plane * mz, LOCAL);
    }

    /** {@code hessian_blob(sm, mask, out, nx, ny, nz, ixx, iyy, izz, ixy, ixz, iyz, s2, selectivity, useMask)}. */
    void hessianBlob(DeviceBuffer sm, DeviceBuffer mask, DeviceBuffer out, int nx, int ny, int nz, double[] inv, double s2,
            int selectivity, boolean useMask) {
        cl_kernel k = ctx.kernel("screening.cl", "hessian_blob");
        KernelArgs a = KernelArgs.of(k).mem(sm).mem(mask).mem(out).i(nx).i(ny).i(nz);
        for (double v : inv) {
            a.real(v, fp64);
        }
        a.real(s2, fp64).i(selectivity).i(useMask ? 1 : 0);
        ctx.run(k, (long) nx * ny * nz, LOCAL);
    }
}
