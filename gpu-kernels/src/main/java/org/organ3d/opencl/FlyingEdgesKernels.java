package org.organ3d.opencl;

import org.jocl.cl_kernel;

/**
 * Typed wrappers of {@code flying_edges.cl}, one method per kernel, arguments in kernel order. Each
 * runs one work item per grid row ({@code rows = gy * nzb}). Not thread-safe (one context).
 */
final class FlyingEdgesKernels {

    private static final String SOURCE = "flying_edges.cl";
    private static final long LOCAL = 64;

    private final OpenClContext ctx;
    private final boolean fp64;

    FlyingEdgesKernels(OpenClContext ctx) {
        this.ctx = ctx;
        this.fp64 = ctx.device().hasFp64();
    }

    /** Pass 1: {@code fe_classify_x_edges(vol, rsA, rsB, gp, xcase, meta, isoF, pad)}; {@code vol} holds samples of {@code sf}. */
    void classifyXEdges(DeviceBuffer vol, SampleFormat sf, DeviceBuffer gp, DeviceBuffer xcase, DeviceBuffer meta, float isoF,
                        float pad, int rows) {
        cl_kernel k = ctx.kernel(SOURCE, sf.options(), "fe_classify_x_edges");
        KernelArgs.of(k).mem(vol).real(sf.slope(), fp64).real(sf.intercept(), fp64).mem(gp).mem(xcase).mem(meta).f(isoF).f(pad);
        ctx.run(k, rows, LOCAL);
    }

    /** Pass 2: {@code fe_count_yz_edges(gp, xcase, meta, vcount, tcount, caseTab, stride, cornerTab)}. */
    void countYzEdges(SampleFormat sf, DeviceBuffer gp, DeviceBuffer xcase, DeviceBuffer meta, DeviceBuffer vcount,
                      DeviceBuffer tcount, DeviceBuffer caseTab, int stride, DeviceBuffer cornerTab, int rows) {
        cl_kernel k = ctx.kernel(SOURCE, sf.options(), "fe_count_yz_edges");
        KernelArgs.of(k).mem(gp).mem(xcase).mem(meta).mem(vcount).mem(tcount).mem(caseTab).i(stride).mem(cornerTab);
        ctx.run(k, rows, LOCAL);
    }

    /** Pass 4a: {@code fe_generate_vertices(vol, rsA, rsB, gp, xcase, meta, voff, fp, pos, nrm, isoF, pad)}. */
    void generateVertices(DeviceBuffer vol, SampleFormat sf, DeviceBuffer gp, DeviceBuffer xcase, DeviceBuffer meta,
                          DeviceBuffer voff, DeviceBuffer fp, DeviceBuffer pos, DeviceBuffer nrm, float isoF, float pad,
                          int rows) {
        cl_kernel k = ctx.kernel(SOURCE, sf.options(), "fe_generate_vertices");
        KernelArgs.of(k).mem(vol).real(sf.slope(), fp64).real(sf.intercept(), fp64).mem(gp).mem(xcase).mem(meta).mem(voff)
                .mem(fp).mem(pos).mem(nrm).f(isoF).f(pad);
        ctx.run(k, rows, LOCAL);
    }

    /**
     * Pass 4b: {@code fe_generate_triangles(gp, xcase, meta, voff, toff, caseTab, stride, cornerTab, edgeTab,
     * tri)}.
     */
    void generateTriangles(SampleFormat sf, DeviceBuffer gp, DeviceBuffer xcase, DeviceBuffer meta, DeviceBuffer voff, DeviceBuffer toff,
                           DeviceBuffer caseTab, int stride, DeviceBuffer cornerTab, DeviceBuffer edgeTab,
                           DeviceBuffer tri, int rows) {
        cl_kernel k = ctx.kernel(SOURCE, sf.options(), "fe_generate_triangles");
        KernelArgs.of(k).mem(gp).mem(xcase).mem(meta).mem(voff).mem(toff).mem(caseTab).i(stride).mem(cornerTab)
                .mem(edgeTab).mem(tri);
        ctx.run(k, rows, LOCAL);
    }

    /** True when the kernels compute in double ({@code real} = double). */
    boolean fp64() {
        return fp64;
    }
}
