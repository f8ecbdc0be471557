package org.organ3d.opencl;

import org.jocl.cl_kernel;

/** Typed wrappers of {@code reduce.cl} and {@code mesh_measure.cl}. Not thread-safe (one context). */
final class ReductionKernels {

    private final OpenClContext ctx;
    private final boolean fp64;

    ReductionKernels(OpenClContext ctx) {
        this.ctx = ctx;
        this.fp64 = ctx.device().hasFp64();
    }

    /**
     * {@code reduce_mask_rows(mask, vol, rsA, rsB, hasVol, nx, rows, rowInts, rowReals)}, one work item per row;
     * {@code vol} holds samples of {@code sf}.
     */
    void reduceMaskRows(DeviceBuffer mask, DeviceBuffer vol, SampleFormat sf, boolean hasVol, int nx, int rows,
                        DeviceBuffer rowInts, DeviceBuffer rowReals) {
        cl_kernel k = ctx.kernel("reduce.cl", sf.options(), "reduce_mask_rows");
        KernelArgs.of(k).mem(mask).mem(vol).real(sf.slope(), fp64).real(sf.intercept(), fp64).i(hasVol ? 1 : 0).i(nx).i(rows)
                .mem(rowInts).mem(rowReals);
        ctx.run(k, rows, 64);
    }

    /** {@code mesh_partials(pos, tri, nt, rx, ry, rz, partial, scratch)} with work-groups of {@code local}. */
    void meshPartials(DeviceBuffer pos, DeviceBuffer tri, int nt, double rx, double ry, double rz, DeviceBuffer partial,
                      int local) {
        cl_kernel k = ctx.kernel("mesh_measure.cl", "mesh_partials");
        KernelArgs.of(k).mem(pos).mem(tri).i(nt).real(rx, fp64).real(ry, fp64).real(rz, fp64).mem(partial)
                .local(5L * local * (fp64 ? 8 : 4));
        ctx.run(k, nt, local);
    }

    /**
     * {@code mesh_partials_groups(pos, tri, groupFirst, groupCount, groupRef, partial, scratch)}: {@code groups}
     * work-groups of {@code local}.
     */
    void meshPartialsGroups(DeviceBuffer pos, DeviceBuffer tri, DeviceBuffer first, DeviceBuffer count, DeviceBuffer ref,
                            DeviceBuffer partial, int groups, int local) {
        cl_kernel k = ctx.kernel("mesh_measure.cl", "mesh_partials_groups");
        KernelArgs.of(k).mem(pos).mem(tri).mem(first).mem(count).mem(ref).mem(partial).local(5L * local * (fp64 ? 8 : 4));
        ctx.run(k, (long) groups * local, local);
    }

    boolean fp64() {
        return fp64;
    }
}
