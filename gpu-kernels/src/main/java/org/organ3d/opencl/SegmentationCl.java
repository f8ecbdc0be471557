package org.organ3d.opencl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.jocl.CL;
import org.jocl.Pointer;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * Host side of the segmentation passes on the device, each mirroring its Java class so that the
 * answers are identical:
 *
 * <p><b>Threshold</b> ({@code threshold.cl}, {@link org.organ3d.segment.Threshold}): z-slabs sized
 * from the allocation limit; the double bounds are rounded inwards to floats, which makes the float
 * comparison on the device equivalent to Java's double comparison.
 *
 * <p><b>Connected components</b> ({@code components.cl},
 * {@link org.organ3d.segment.ConnectedComponents}): union-find with {@code atomic_min} on the device
 * gives every voxel its component's first voxel (linear index) as root; the device numbers the roots
 * in linear order (flags and a prefix sum) and counts sizes, the host ranks them by (size descending,
 * first voxel ascending) — Java's numbering ({@link ComponentNumbering}) — and the device writes the
 * final labels, which come back in one staged transfer. Caveat: the whole mask and three ints per
 * voxel (labels, root flags, ids) must fit the device (no bricking; below
 * 2³¹ voxels), otherwise a typed resource failure sends {@code auto} to Java.
 *
 * <p><b>Distance transform</b> ({@code distance.cl}, {@link org.organ3d.segment.DistanceTransform}):
 * the same bounding box of the sources grown by the radius, the same three passes with the same
 * box-relative indices, float storage between passes and cap, so {@code withinMm} and
 * {@code squaredMm} agree bit for bit on a device with {@code cl_khr_fp64}. Caveat: the box must fit
 * the device (three floats per voxel plus scratch), else a typed resource failure.
 *
 * <p>Host path: volumes go up as stored samples ({@link SampleFormat}, rescaled in the kernel), masks
 * and results move in large chunks through the context's pinned {@link HostStaging}, packed and
 * unpacked on all cores; the large device buffers are the context's reusable ones.
 *
 * <p>Not thread-safe: the caller serialises on the context.
 */
final class SegmentationCl {

    private final OpenClContext ctx;
    private final SegmentationKernels k;
    private final ScanKernels scan;

    SegmentationCl(OpenClContext ctx) {
        this.ctx = ctx;
        this.k = new SegmentationKernels(ctx);
        this.scan = new ScanKernels(ctx);
    }

    byte[][] threshold(Volume volume, ThresholdRange range) {
        int nz = volume.nz();
        int slice = volume.dimensions().sliceSize();
        float lo = (float) range.lower();
        if (lo < range.lower()) {
            lo = Math.nextUp(lo);
        }
        float hi = (float) range.upper();
        if (hi > range.upper()) {
            hi = Math.nextDown(hi);
        }
        SampleFormat sf = SampleFormat.of(volume, ctx.device().hasFp64());
        long perSlice = (long) sf.bytes() * slice;
        requireFits(perSlice, "one slice");
        int slab = (int) Math.max(1, Math.min(nz, Math.min(ctx.maxAlloc() / perSlice,
                ctx.memoryBudget() / ((sf.bytes() + 1L) * slice))));
        byte[][] out = new byte[nz][];
        ctx.keepReusable("seg.", "thr.");
        // NB: samples as stored through pinned staging (filled on all cores), rescaled in the kernel; the
        // mask comes back in large chunks, copied into the slices on all cores.
        DeviceBuffer v = ctx.reusable("thr.vol", perSlice * slab);
        DeviceBuffer m = ctx.reusable("seg.mask", (long) slice * slab);
        for (int k0 = 0; k0 < nz; k0 += slab) {
            int n = Math.min(slab, nz - k0);
            final int z0 = k0;
            ctx.staging().upload(v, 0, n, perSlice, (chunk, first, count) -> sf.fill(volume, chunk, z0 + (int) first, count));
            k.thresholdMask(v, sf, m, (long) slice * n, lo, hi);
            ctx.staging().download(m, 0, n, slice, (chunk, first, count) -> IntStream.range(0, count).parallel().forEach(q -> {
                byte[] dst = new byte[slice];
                chunk.duplicate().position(q * slice).get(dst);
                out[z0 + (int) first + q] = dst;
            }));
        }
        ctx.finish();
        return out;
    }

    Components components(byte[][] mask, Dimensions d, Geometry geometry, Connectivity connectivity) {
        checkShape(mask, d);
        long nvox = d.voxelCount();
        if (nvox > Integer.MAX_VALUE - 8) {
            throw new OpenClException("connected components on the device take below 2^31 voxels (" + nvox + ")",
                    CL.CL_INVALID_BUFFER_SIZE);
        }
        int n = (int) nvox;
        int slice = d.sliceSize();
        requireFits(4L * n, "a label per voxel");
        List<int[]> back = new ArrayList<>();
        for (int[] o : connectivity.offsets()) {
            if (o[2] < 0 || o[2] == 0 && (o[1] < 0 || o[1] == 0 && o[0] < 0)) {
                back.add(o);
            }
        }
        int[] offs = new int[3 * back.size()];
        for (int q = 0; q < back.size(); q++) {
            System.arraycopy(back.get(q), 0, offs, 3 * q, 3);
        }
        ctx.keepReusable("seg.", "cc.");
        DeviceBuffer m = ctx.reusable("seg.mask", n);
        DeviceBuffer l = ctx.reusable("cc.labels", 4L * n);
        DeviceBuffer flags = ctx.reusable("cc.flags", 4L * n);
        DeviceBuffer ids = ctx.reusable("cc.ids", 4L * n);
        int[][] out = new int[d.nz()][];
        ComponentNumbering.Ranking ranking;
        ctx.startLaps();
        try (DeviceBuffer o = ctx.upload(offs)) {
            // NB: one transfer through pinned staging each way, the host side copied on all cores.
            ctx.staging().upload(m, 0, d.nz(), slice, (chunk, first, count) -> IntStream.range(0, count).parallel()
                    .forEach(q -> chunk.duplicate().position(q * slice).put(mask[(int) first + q])));
            ctx.lap("cc.upload");
            k.ccInit(m, l, n);
            k.ccMerge(m, l, d.nx(), d.ny(), d.nz(), o, back.size());
            k.ccCompress(l, n);
            ctx.finish();
            ctx.lap("cc.union-find");
            // Numbering on the device: roots in linear order (flags + scan), sizes; the host ranks the sizes.
            k.ccRootFlags(l, flags, n);
            long count = scan.exclusiveScan(flags, ids, n);
            int[] size = new int[(int) count];
            try (DeviceBuffer sz = ctx.allocate(4L * count)) {
                ctx.fill(sz, 0);
                k.ccSizes(l, ids, sz, d.nx(), d.ny() * d.nz());
                if (count > 0) {
                    ctx.read(sz, 0, 4L * count, Pointer.to(size));
                }
            }
            ctx.lap("cc.number");
            ranking = ComponentNumbering.rank(size);
            ctx.lap("cc.rank");
            try (DeviceBuffer rank = ctx.upload(ranking.finalLabel().length == 0 ? new int[1] : ranking.finalLabel())) {
                k.ccFinal(l, ids, rank, n);
                ctx.finish();
                ctx.lap("cc.final");
                ctx.staging().download(l, 0, d.nz(), 4L * slice, (chunk, first, cnt) -> IntStream.range(0, cnt).parallel()
                        .forEach(q -> {
                            int[] s = new int[slice];
                            chunk.duplicate().order(ByteOrder.nativeOrder()).position(q * 4 * slice).asIntBuffer().get(s);
                            out[(int) first + q] = s;
                        }));
            }
            ctx.finish();
            ctx.lap("cc.download");
        }
        return Components.of(out, ranking.sizes(), d, geometry);
    }

    /** {@link org.organ3d.segment.DistanceTransform#withinMm} on the device. */
    byte[][] withinMm(byte[][] source, Dimensions d, double[] spacing, double rMm) {
        checkEdtArgs(source, d, spacing, rMm);
        byte[][] out = new byte[d.nz()][];
        IntStream.range(0, d.nz()).parallel().forEach(z -> out[z] = new byte[d.sliceSize()]);
        edt(source, d, spacing, rMm, true, out, null);
        return out;
    }

    /** {@link org.organ3d.segment.DistanceTransform#squaredMm} on the device. */
    float[][] squaredMm(byte[][] source, Dimensions d, double[] spacing, double maxMm) {
        checkEdtArgs(source, d, spacing, maxMm);
        float[][] out = new float[d.nz()][];
        IntStream.range(0, d.nz()).parallel().forEach(z -> {
            out[z] = new float[d.sliceSize()];
            Arrays.fill(out[z], Float.POSITIVE_INFINITY);
        });
        edt(source, d, spacing, maxMm, false, null, out);
        return out;
    }

    private void edt(byte[][] source, Dimensions d, double[] sp, double rMm, boolean within, byte[][] outMask,
                     float[][] outDist) {
        int[] box = region(source, d, sp, rMm);
        if (box == null) {
            return;
        }
        double cap2 = Double.isInfinite(rMm) ? Double.POSITIVE_INFINITY : rMm * rMm * (1 + 1e-6);
        int mx = box[1] - box[0];
        int my = box[3] - box[2];
        int mz = box[5] - box[4];
        long mvox = (long) mx * my * mz;
        requireFits(4L * mvox, "the distance-transform box");
        int nx = d.nx();
        int realBytes = k.fp64() ? 8 : 4;
        ctx.keepReusable("edt.");
        DeviceBuffer src = ctx.reusable("edt.src", mvox);
        DeviceBuffer g = ctx.reusable("edt.g", 4L * mvox);
        DeviceBuffer h = ctx.reusable("edt.h", 4L * mvox);
        int plane = mx * my;
        // NB: the box's rows are packed straight into pinned staging, one slice per task.
        ctx.staging().upload(src, 0, mz, plane, (chunk, first, count) -> IntStream.range(0, count).parallel().forEach(q -> {
            ByteBuffer dst = chunk.duplicate();
            byte[] s = source[box[4] + (int) first + q];
            for (int j = 0; j < my; j++) {
                dst.position(q * plane + j * mx);
                dst.put(s, (box[2] + j) * nx + box[0], mx);
            }
        }));
        k.edtRows(src, g, mx, my * mz, sp[0] * sp[0], cap2);
        columns(g, h, my, mx, (long) mx * my, mx, mx * mz, sp[1] * sp[1], cap2, false, false, realBytes);
        columns(h, g, mz, (long) mx * my, 0, mx * my, mx * my, sp[2] * sp[2], cap2, true, within, realBytes);
        ctx.staging().download(g, 0, mz, 4L * plane, (chunk, first, count) -> IntStream.range(0, count).parallel()
                .forEach(q -> {
                    FloatBuffer res = chunk.duplicate().order(ByteOrder.nativeOrder()).position(q * 4 * plane).asFloatBuffer();
                    int z = box[4] + (int) first + q;
                    for (int j = 0; j < my; j++) {
                        int row = (box[2] + j) * nx + box[0];
                        if (!within) {
                            res.get(j * mx, outDist[z], row, mx);
                            continue;
                        }
                        byte[] o = outMask[z];
                        for (int i = 0; i < mx; i++) {
                            o[row + i] = (byte) (res.get(j * mx + i) != 0 ? 1 : 0);
                        }
                    }
                }));
        ctx.finish();
    }

    private void columns(DeviceBuffer in, DeviceBuffer out, int n, long stride, long lineStride, int inner, int lines,
                         double w, double cap2, boolean last, boolean within, int realBytes) {
        long perLine = 4L * n + (long) realBytes * (n + 1);
        int chunk = (int) Math.max(1, Math.min(lines, Math.min(1 << 20, ctx.maxAlloc() / perLine)));
        DeviceBuffer v = ctx.reusable("edt.v", 4L * n * chunk);
        DeviceBuffer z = ctx.reusable("edt.z", (long) realBytes * (n + 1) * chunk);
        for (int first = 0; first < lines; first += chunk) {
            k.edtColumns(in, out, n, stride, lineStride, inner, first, Math.min(chunk, lines - first), w, cap2, v, z,
                    last, within);
        }
    }

    /** The sources' bounding box grown by r along each axis, clipped ({i0, i1, j0, j1, k0, k1}, ends exclusive). */
    static int[] region(byte[][] source, Dimensions d, double[] spacing, double rMm) {
        int nx = d.nx();
        int ny = d.ny();
        // NB: one slice per task (all cores), then the slices' boxes are combined.
        int[][] perSlice = new int[d.nz()][];
        IntStream.range(0, d.nz()).parallel().forEach(z -> {
            byte[] s = source[z];
            int[] b = {nx, -1, ny, -1};
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                for (int i = 0; i < nx; i++) {
                    if (s[row + i] != 0) {
                        b[0] = Math.min(b[0], i);
                        b[1] = Math.max(b[1], i);
                        b[2] = Math.min(b[2], j);
                        b[3] = j;
                    }
                }
            }
            perSlice[z] = b[1] < 0 ? null : b;
        });
        int[] b = {nx, -1, ny, -1, d.nz(), -1};
        for (int z = 0; z < d.nz(); z++) {
            int[] q = perSlice[z];
            if (q != null) {
                b[0] = Math.min(b[0], q[0]);
                b[1] = Math.max(b[1], q[1]);
                b[2] = Math.min(b[2], q[2]);
                b[3] = Math.max(b[3], q[3]);
                b[4] = Math.min(b[4], z);
                b[5] = z;
            }
        }
        if (b[1] < 0) {
            return null;
        }
        int[] n = {nx, ny, d.nz()};
        int[] box = new int[6];
        for (int a = 0; a < 3; a++) {
            long grow = Double.isInfinite(rMm) ? n[a] : (long) Math.floor(rMm * (1 + 1e-6) / spacing[a]);
            box[2 * a] = (int) Math.max(0, b[2 * a] - grow);
            box[2 * a + 1] = (int) Math.min(n[a], b[2 * a + 1] + 1 + grow);
        }
        return box;
    }

    private void requireFits(long bytes, String what) {
        if (bytes > ctx.maxAlloc()) {
            throw new OpenClException(what + " (" + bytes + " bytes) exceeds the device allocation limit (" + ctx.maxAlloc()
                    + " bytes)", CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
    }

    private static void checkShape(byte[][] mask, Dimensions d) {
        if (mask.length != d.nz()) {
            throw new IllegalArgumentException("mask has " + mask.length + " slices, dimensions say " + d.nz());
        }
        for (byte[] s : mask) {
            if (s == null || s.length != d.sliceSize()) {
                throw new IllegalArgumentException("mask slices must hold " + d.sliceSize() + " voxels");
            }
        }
    }

    private static void checkEdtArgs(byte[][] source, Dimensions d, double[] spacing, double r) {
        checkShape(source, d);
        if (spacing.length != 3 || !(spacing[0] > 0 && spacing[1] > 0 && spacing[2] > 0)
                || !Double.isFinite(spacing[0] + spacing[1] + spacing[2])) {
            throw new IllegalArgumentException("spacing must be 3 positive finite steps in mm");
        }
        if (!(r >= 0)) {
            throw new IllegalArgumentException("distance must be >= 0 mm: " + r);
        }
    }
}
