package org.organ3d.opencl;

import org.jocl.Pointer;
import org.organ3d.filter.GaussianFilter;
import org.organ3d.volume.Dimensions;

/**
 * Host side of lesion screening's passes on the device ({@code screening.cl}), mirroring
 * {@link org.organ3d.filter.GaussianFilter} and {@link org.organ3d.filter.HessianBlobFilter}: the
 * float slices go up once, the three 1D passes of the Gaussian run on the device with only the
 * sampled outputs of each pass computed, and the result comes back; the Hessian response uploads
 * the smoothed slices (and the mask) and brings the response back. The Gaussian is identical to
 * Java (same float sums in the same order, contraction off); the response agrees to a few ulps
 * (device acos/cos). Caveat: the whole box and two intermediate arrays must fit the device (no
 * slabs): otherwise a typed resource failure, and {@code auto} runs the pass in Java.
 *
 * <p>Not thread-safe: the caller serialises on the context.
 */
final class ScreeningCl {

    private final OpenClContext ctx;
    private final ScreeningKernels k;

    ScreeningCl(OpenClContext ctx) {
        this.ctx = ctx;
        this.k = new ScreeningKernels(ctx);
    }

    float[][] gaussian(float[][] image, Dimensions d, double[] spacing, double sigmaMm, int[] step) {
        GaussianFilter.checkArguments(image, d, spacing, sigmaMm, step);
        Dimensions o = GaussianFilter.sampledDimensions(d, step);
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        int mx = o.nx();
        int my = o.ny();
        int mz = o.nz();
        float[] wx = GaussianFilter.kernel(sigmaMm, spacing[0]);
        float[] wy = GaussianFilter.kernel(sigmaMm, spacing[1]);
        float[] wz = GaussianFilter.kernel(sigmaMm, spacing[2]);
        long in = 4L * d.voxelCount();
        try (DeviceBuffer bin = ctx.allocate(in);
             DeviceBuffer t1 = ctx.allocate(4L * mx * ny * nz);
             DeviceBuffer t2 = ctx.allocate(4L * mx * my * nz);
             DeviceBuffer res = ctx.allocate(4L * mx * my * mz);
             DeviceBuffer bx = ctx.upload(wx);
             DeviceBuffer by = ctx.upload(wy);
             DeviceBuffer bz = ctx.upload(wz)) {
            upload(bin, image, d.sliceSize());
            k.gaussX(bin, t1, nx, ny * nz, mx, step[0], bx, wx.length / 2);
            k.gaussY(t1, t2, ny, nz, mx, my, step[1], by, wy.length / 2);
            k.gaussZ(t2, res, nz, (long) mx * my, mz, step[2], bz, wz.length / 2);
            return download(res, o);
        }
    }

    float[][] hessianBlobness(float[][] smoothed, Dimensions d, double[] spacing, double sigmaMm, byte[][] mask, int selectivity) {
        if (selectivity != 0 && selectivity != 1) {
            throw new IllegalArgumentException("selectivity must be 0 or 1: " + selectivity);
        }
        if (smoothed.length != d.nz() || mask != null && mask.length != d.nz()) {
            throw new IllegalArgumentException("slices must match " + d);
        }
        double[] inv = {1 / (spacing[0] * spacing[0]), 1 / (spacing[1] * spacing[1]), 1 / (spacing[2] * spacing[2]),
            1 / (4 * spacing[0] * spacing[1]), 1 / (4 * spacing[0] * spacing[2]), 1 / (4 * spacing[1] * spacing[2])};
        int slice = d.sliceSize();
        try (DeviceBuffer sm = ctx.allocate(4L * d.voxelCount());
             DeviceBuffer m = ctx.allocate(mask == null ? 4 : d.voxelCount());
             DeviceBuffer out = ctx.allocate(4L * d.voxelCount())) {
            upload(sm, smoothed, slice);
            if (mask != null) {
                for (int z = 0; z < d.nz(); z++) {
                    if (mask[z].length != slice) {
                        throw new IllegalArgumentException("mask slices must hold " + slice + " values");
                    }
                    ctx.write(m, (long) z * slice, slice, Pointer.to(mask[z]));
                }
            }
            k.hessianBlob(sm, m, out, d.nx(), d.ny(), d.nz(), inv, sigmaMm * sigmaMm, selectivity, mask != null);
            return download(out, d);
        }
    }

    private void upload(DeviceBuffer b, float[][] slices, int slice) {
        for (int z = 0; z < slices.length; z++) {
            if (slices[z] == null || slices[z].length != slice) {
                throw new IllegalArgumentException("every slice must hold " + slice + " values");
            }
            ctx.write(b, 4L * z * slice, 4L * slice, Pointer.to(slices[z]));
        }
    }

    private float[][] download(DeviceBuffer b, Dimensions d) {
        int slice = d.sliceSize();
        float[][] out = new float[d.nz()][slice];
        for (int z = 0; z < d.nz(); z++) {
            ctx.read(b, 4L * z * slice, 4L * slice, Pointer.to(out[z]));
        }
        ctx.finish();
        return out;
    }
}
