package org.organ3d.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jocl.Pointer;
import org.organ3d.compute.MaskMoments;
import org.organ3d.compute.MaskReduction;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Host side of the reductions ({@code reduce.cl}, {@code mesh_measure.cl}): mask moments over
 * z-slabs sized from the allocation limit (one work item per row, rows combined on the host in the
 * Java order by {@link MaskReduction#fromRows}), and mesh volume/area/centroid (per work-group
 * partial sums, groups summed on the host in order). Not thread-safe: the caller serialises.
 */
final class ReductionCl {

    private final OpenClContext ctx;
    private final ReductionKernels k;

    ReductionCl(OpenClContext ctx) {
        this.ctx = ctx;
        this.k = new ReductionKernels(ctx);
    }

    MaskMoments maskMoments(byte[][] mask, Dimensions d, Volume image) {
        if (mask.length != d.nz() || image != null && !image.dimensions().equals(d)) {
            throw new IllegalArgumentException("mask and image must match " + d);
        }
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        long slice = (long) nx * ny;
        SampleFormat sf = image == null ? SampleFormat.FLOATS : SampleFormat.of(image, k.fp64());
        long perSlice = slice * sf.bytes() + 32L * ny;
        int slab = (int) Math.max(1, Math.min(nz, Math.min(ctx.maxAlloc() / perSlice, ctx.memoryBudget() / (perSlice + slice))));
        if (slice * sf.bytes() > ctx.maxAlloc()) {
            throw new OpenClException("one " + nx + "x" + ny + " slice exceeds the device allocation limit", org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
        long[] rowInts = new long[4 * ny * nz];
        double[] rowReals = new double[4 * ny * nz];
        int realBytes = k.fp64() ? 8 : 4;
        ctx.keepReusable("seg.", "red.");
        DeviceBuffer m = ctx.reusable("seg.mask", slice * slab);
        // NB: samples as stored (rescaled in the kernel), both inputs through pinned staging filled on all cores.
        DeviceBuffer v = ctx.reusable("red.vol", image == null ? 4 : slice * sf.bytes() * slab);
        try (DeviceBuffer ri = ctx.allocate(32L * ny * slab);
             DeviceBuffer rr = ctx.allocate(4L * realBytes * ny * slab)) {
            for (int k0 = 0; k0 < nz; k0 += slab) {
                int n = Math.min(slab, nz - k0);
                final int z0 = k0;
                ctx.staging().upload(m, 0, n, slice, (chunk, first, count) -> IntStream.range(0, count).parallel()
                        .forEach(q -> chunk.duplicate().position((int) (q * slice)).put(mask[z0 + (int) first + q])));
                if (image != null) {
                    ctx.staging().upload(v, 0, n, slice * sf.bytes(), (chunk, first, count) -> sf.fill(image, chunk,
                            z0 + (int) first, count));
                }
                int rows = n * ny;
                k.reduceMaskRows(m, v, sf, image != null, nx, rows, ri, rr);
                long[] li = new long[4 * rows];
                ctx.read(ri, 0, 32L * rows, Pointer.to(li));
                System.arraycopy(li, 0, rowInts, 4 * k0 * ny, li.length);
                if (k.fp64()) {
                    double[] lr = new double[4 * rows];
                    ctx.read(rr, 0, 32L * rows, Pointer.to(lr));
                    System.arraycopy(lr, 0, rowReals, 4 * k0 * ny, lr.length);
                } else {
                    float[] lr = new float[4 * rows];
                    ctx.read(rr, 0, 16L * rows, Pointer.to(lr));
                    for (int x = 0; x < lr.length; x++) {
                        rowReals[4 * k0 * ny + x] = lr[x];
                    }
                }
            }
            ctx.finish();
        }
        return MaskReduction.fromRows(rowInts, rowReals, ny, nz);
    }

    /**
     * Properties of many meshes in one launch ({@code mesh_partials_groups}): vertices and triangles
     * concatenated, work-groups never span two meshes, each mesh about its own bounding-box centre, the
     * group partials summed per mesh in order on the host. Empty meshes are measured on the host.
     */
    List<MeshProperties> meshProperties(List<Mesh> meshes) {
        int local = localSize();
        long nv = 0;
        long nt = 0;
        long groups = 0;
        for (Mesh m : meshes) {
            nv += m.vertexCount();
            nt += m.triangleCount();
            groups += (m.triangleCount() + local - 1) / local;
        }
        if (3 * nv > Integer.MAX_VALUE - 8 || 3 * nt > Integer.MAX_VALUE - 8 || 5 * groups > Integer.MAX_VALUE - 8) {
            // NB: a batch too large for one launch is measured in two halves.
            int half = meshes.size() / 2;
            if (half == 0) {
                throw new OpenClException("one mesh of " + nt + " triangles is too large to measure on the device",
                        org.jocl.CL.CL_INVALID_BUFFER_SIZE);
            }
            List<MeshProperties> out = new ArrayList<>(meshProperties(meshes.subList(0, half)));
            out.addAll(meshProperties(meshes.subList(half, meshes.size())));
            return out;
        }
        float[] pos = new float[(int) (3 * nv)];
        int[] tri = new int[(int) (3 * nt)];
        int[] first = new int[(int) groups];
        int[] count = new int[(int) groups];
        double[] ref = new double[(int) (3 * groups)];
        double[][] refs = new double[meshes.size()][];
        int v0 = 0;
        int t0 = 0;
        int g = 0;
        for (int q = 0; q < meshes.size(); q++) {
            Mesh m = meshes.get(q);
            float[] p = m.positionsCopy();
            System.arraycopy(p, 0, pos, 3 * v0, p.length);
            int[] ix = m.indicesCopy();
            for (int x = 0; x < ix.length; x++) {
                tri[3 * t0 + x] = ix[x] + v0;
            }
            refs[q] = referencePoint(p, m.vertexCount());
            for (int a = 0; a < m.triangleCount(); a += local) {
                first[g] = t0 + a;
                count[g] = Math.min(local, m.triangleCount() - a);
                System.arraycopy(refs[q], 0, ref, 3 * g, 3);
                g++;
            }
            v0 += m.vertexCount();
            t0 += m.triangleCount();
        }
        double[] partial = new double[5 * g];
        if (g > 0) {
            int realBytes = k.fp64() ? 8 : 4;
            try (DeviceBuffer p = ctx.upload(pos);
                 DeviceBuffer t = ctx.upload(tri);
                 DeviceBuffer gf = ctx.upload(first);
                 DeviceBuffer gc = ctx.upload(count);
                 DeviceBuffer gr = ctx.uploadReals(ref);
                 DeviceBuffer out = ctx.allocate(5L * realBytes * g)) {
                k.meshPartialsGroups(p, t, gf, gc, gr, out, g, local);
                readReals(out, partial);
                ctx.finish();
            }
        }
        List<MeshProperties> out = new ArrayList<>(meshes.size());
        int gg = 0;
        for (int q = 0; q < meshes.size(); q++) {
            Mesh m = meshes.get(q);
            if (m.triangleCount() == 0) {
                out.add(MeshProperties.of(m));
                continue;
            }
            double[] sum = new double[5];
            for (int a = 0; a < m.triangleCount(); a += local, gg++) {
                for (int x = 0; x < 5; x++) {
                    sum[x] += partial[5 * gg + x];
                }
            }
            out.add(properties(sum, refs[q], m.triangleCount()));
        }
        return out;
    }

    private int localSize() {
        int local = 1;
        while (local * 2 <= Math.min(256, ctx.device().maxWorkGroup())) {
            local *= 2;
        }
        return local;
    }

    /** The bounding-box centre of the first {@code nv} vertices (x, y, z floats). */
    private static double[] referencePoint(float[] pos, int nv) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int v = 0; v < nv; v++) {
            for (int c = 0; c < 3; c++) {
                double x = pos[3 * v + c];
                lo[c] = Math.min(lo[c], x);
                hi[c] = Math.max(hi[c], x);
            }
        }
        return new double[] {0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1]), 0.5 * (lo[2] + hi[2])};
    }

    private static MeshProperties properties(double[] sum, double[] r, int nt) {
        double s = sum[0] == 0 ? Double.NaN : 1.0 / (4.0 * sum[0]);
        return new MeshProperties(sum[0] / 6.0, sum[4], r[0] + sum[1] * s, r[1] + sum[2] * s, r[2] + sum[3] * s, nt);
    }

    private void readReals(DeviceBuffer b, double[] dst) {
        if (k.fp64()) {
            ctx.read(b, 0, 8L * dst.length, Pointer.to(dst));
            return;
        }
        float[] f = new float[dst.length];
        ctx.read(b, 0, 4L * dst.length, Pointer.to(f));
        for (int x = 0; x < f.length; x++) {
            dst[x] = f[x];
        }
    }

    MeshProperties meshProperties(Mesh mesh) {
        int nv = mesh.vertexCount();
        int nt = mesh.triangleCount();
        if (nt == 0) {
            return MeshProperties.of(mesh);
        }
        float[] pos = mesh.positionsCopy();
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int v = 0; v < nv; v++) {
            for (int c = 0; c < 3; c++) {
                double x = pos[3 * v + c];
                lo[c] = Math.min(lo[c], x);
                hi[c] = Math.max(hi[c], x);
            }
        }
        double rx = 0.5 * (lo[0] + hi[0]);
        double ry = 0.5 * (lo[1] + hi[1]);
        double rz = 0.5 * (lo[2] + hi[2]);
        int local = 1;
        while (local * 2 <= Math.min(256, ctx.device().maxWorkGroup())) {
            local *= 2;
        }
        int groups = (nt + local - 1) / local;
        int realBytes = k.fp64() ? 8 : 4;
        double[] partial = new double[5 * groups];
        try (DeviceBuffer p = ctx.upload(pos);
             DeviceBuffer t = ctx.upload(mesh.indicesCopy());
             DeviceBuffer out = ctx.allocate(5L * realBytes * groups)) {
            k.meshPartials(p, t, nt, rx, ry, rz, out, local);
            if (k.fp64()) {
                ctx.read(out, 0, 40L * groups, Pointer.to(partial));
            } else {
                float[] f = new float[5 * groups];
                ctx.read(out, 0, 20L * groups, Pointer.to(f));
                for (int x = 0; x < f.length; x++) {
                    partial[x] = f[x];
                }
            }
            ctx.finish();
        }
        double[] sum = new double[5];
        for (int g = 0; g < groups; g++) {
            for (int q = 0; q < 5; q++) {
                sum[q] += partial[5 * g + q];
            }
        }
        double s = sum[0] == 0 ? Double.NaN : 1.0 / (4.0 * sum[0]);
        return new MeshProperties(sum[0] / 6.0, sum[4], rx + sum[1] * s, ry + sum[2] * s, rz + sum[3] * s, nt);
    }
}
