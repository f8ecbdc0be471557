package org.organ3d.opencl;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.organ3d.compute.LabelRunScan;
import org.organ3d.compute.LabelRuns;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.OrderStatistics;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Host side of the multi-label pass on the device ({@code label_stats.cl}), mirroring
 * {@link LabelRunScan}: the label map (and image) go up as stored samples in z-slabs (each with one
 * halo slice of labels on either side, for the faces along k), the device counts each row's runs,
 * scans the counts and writes the runs with their sums in row order; the runs come down and are merged
 * by the shared {@link LabelStatistics#merge}. The percentile rounds count on the device too
 * ({@code ls_histogram}, one {@code atomic_inc} per voxel into the label's own bins).
 *
 * <p>Design (why not per-label accumulators): a work-group-private table of accumulators does not fit
 * local memory for thousands of labels, and global atomics on one label's sums serialise on a large
 * organ and make double sums order-dependent. Runs need neither: every row is independent, the output
 * is exact and ordered, its size is the number of runs (a few per row for organ atlases), and the
 * host merge is linear in it. The histogram's atomics are spread over the label's value bins, and
 * counts are integers, so their order does not matter.
 *
 * <p>Memory: per slab, the stored labels and samples plus 24 bytes per run (64 with an image); a slab
 * whose runs do not fit is split. Int32 and float32 images need {@code cl_khr_fp64} (Welford sums in
 * double), else a typed failure sends {@code auto} to Java. Not thread-safe: the caller serialises.
 */
final class LabelStatisticsCl {

    private final OpenClContext ctx;
    private final LabelKernels k;
    private final ScanKernels scan;

    LabelStatisticsCl(OpenClContext ctx) {
        this.ctx = ctx;
        this.k = new LabelKernels(ctx);
        this.scan = new ScanKernels(ctx);
    }

    /** The build options for labels of {@code labels} and samples of {@code image} (or none). */
    static String options(Volume labels, Volume image) {
        String lt = labels.type() == VoxelType.UINT8 ? "uchar" : "ushort";
        if (image == null) {
            return "-DLABEL_T=" + lt + " -DSAMPLE_KIND=0";
        }
        SampleFormat sf = SampleFormat.of(image, true);
        int kind = LabelRuns.exactSums(image.type()) ? 1 : 2;
        return "-DLABEL_T=" + lt + " -DSAMPLE_T=" + sf.clType() + " -DSAMPLE_KIND=" + kind + " -DSAMPLE_FLOAT="
                + (image.type() == VoxelType.FLOAT32 ? 1 : 0);
    }

    LabelStatistics statistics(LabelMap map, Volume image, LabelStatistics.Options options) {
        LabelRunScan.requireSameGrid(map, image);
        if (image != null && !LabelRuns.exactSums(image.type()) && !ctx.device().hasFp64()) {
            throw new OpenClException("intensity statistics of " + image.type().label() + " samples need double precision "
                    + "(cl_khr_fp64), which " + ctx.device().name() + " lacks", CL.CL_INVALID_DEVICE);
        }
        Volume lv = map.labels();
        Dimensions d = lv.dimensions();
        String opts = options(lv, image);
        ctx.keepReusable("ls.");
        ctx.startLaps();
        Slabs slabs = new Slabs(lv, image);
        LabelRuns runs = runs(lv, image, opts, slabs);
        ctx.lap("ls.concat");
        LabelStatistics s = LabelStatistics.merge(runs, map, image, options,
                index -> windows -> histogram(lv, image, opts, slabs, index, windows), OrderStatistics.DEFAULT_BUDGET);
        ctx.lap("ls.merge");
        return s;
    }

    /** Slab planning and the uploaded slab (kept when the whole volume is one slab). */
    private final class Slabs {
        final Volume lv;
        final Volume image;
        final Dimensions d;
        final SampleFormat lf;
        final SampleFormat vf;
        final int size;
        int residentK0 = -1;
        int residentN;
        int residentHalo;

        Slabs(Volume lv, Volume image) {
            this.lv = lv;
            this.image = image;
            this.d = lv.dimensions();
            this.lf = SampleFormat.of(lv, true);
            this.vf = image == null ? null : SampleFormat.of(image, true);
            long slice = d.sliceSize();
            long perSlice = slice * (lf.bytes() + (vf == null ? 0 : vf.bytes()));
            long labelSlice = slice * lf.bytes();
            if (labelSlice * 3 > ctx.maxAlloc() || vf != null && slice * vf.bytes() > ctx.maxAlloc()) {
                throw new OpenClException("one " + d.nx() + "x" + d.ny() + " slice exceeds the device allocation limit",
                        CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
            }
            // NB: half the budget for the samples, the rest for counts, offsets and runs.
            long bySamples = ctx.memoryBudget() / 2 / perSlice;
            long byAlloc = Math.min(ctx.maxAlloc() / labelSlice - 2, vf == null ? Long.MAX_VALUE : ctx.maxAlloc() / (slice * vf.bytes()));
            this.size = (int) Math.max(1, Math.min(d.nz(), Math.min(bySamples, byAlloc)));
        }

        /**
         * Uploads slices [k0, k0 + n) (labels with a halo slice on each side that exists when {@code halo});
         * returns the halo below (0/1). A slab already on the device is not sent again (one slab: the
         * percentile rounds reuse the runs pass's upload).
         */
        int upload(int k0, int n, boolean halo) {
            int below = halo && k0 > 0 ? 1 : 0;
            int above = halo && k0 + n < d.nz() ? 1 : 0;
            if (residentK0 == k0 && residentN == n && residentHalo == below) {
                return below;
            }
            long slice = d.sliceSize();
            int first = k0 - below;
            int count = n + below + above;
            DeviceBuffer lab = ctx.reusable("ls.lab", slice * lf.bytes() * (size + 2));
            ctx.staging().upload(lab, 0, count, slice * lf.bytes(), (chunk, f, c) -> lf.fill(lv, chunk, first + (int) f, c));
            if (image != null) {
                DeviceBuffer vol = ctx.reusable("ls.vol", slice * vf.bytes() * size);
                ctx.staging().upload(vol, 0, n, slice * vf.bytes(), (chunk, f, c) -> vf.fill(image, chunk, k0 + (int) f, c));
            }
            residentK0 = k0;
            residentN = n;
            residentHalo = below;
            ctx.lap("ls.upload");
            return below;
        }

        DeviceBuffer labels() {
            return ctx.reusable("ls.lab", (long) d.sliceSize() * lf.bytes() * (size + 2));
        }

        DeviceBuffer samples() {
            return image == null ? ctx.reusable("ls.dummy", 8) : ctx.reusable("ls.vol", (long) d.sliceSize() * vf.bytes() * size);
        }
    }

    private LabelRuns runs(Volume lv, Volume image, String opts, Slabs slabs) {
        Dimensions d = lv.dimensions();
        List<int[]> ints = new ArrayList<>();
        List<long[]> vals = new ArrayList<>();
        long total = 0;
        for (int k0 = 0; k0 < d.nz(); k0 += slabs.size) {
            total += emit(lv, image, opts, slabs, k0, Math.min(slabs.size, d.nz() - k0), ints, vals);
            if (total > LabelRuns.maxRuns()) {
                throw new IllegalArgumentException("the label map has more than " + LabelRuns.maxRuns() + " runs");
            }
        }
        int n = (int) total;
        int[] allInts = new int[LabelRuns.INTS * n];
        long[] allVals = image == null ? null : new long[LabelRuns.VALUES * n];
        int at = 0;
        for (int p = 0; p < ints.size(); p++) {
            int[] a = ints.get(p);
            System.arraycopy(a, 0, allInts, at, a.length);
            if (allVals != null) {
                System.arraycopy(vals.get(p), 0, allVals, at / LabelRuns.INTS * LabelRuns.VALUES, vals.get(p).length);
            }
            at += a.length;
        }
        return new LabelRuns(d, n, allInts, allVals);
    }

    /** Runs of slices [k0, k0 + n), appended to the lists; splits the slab when its runs do not fit. */
    private long emit(Volume lv, Volume image, String opts, Slabs slabs, int k0, int n, List<int[]> ints, List<long[]> vals) {
        Dimensions d = lv.dimensions();
        int rows = n * d.ny();
        int halo = slabs.upload(k0, n, true);
        DeviceBuffer counts = ctx.reusable("ls.counts", 4L * rows);
        DeviceBuffer offsets = ctx.reusable("ls.offsets", 4L * rows);
        k.countRuns(opts, slabs.labels(), d.nx(), d.ny(), halo, rows, counts);
        long runs = scan.exclusiveScan(counts, offsets, rows);
        long perRun = 4L * LabelRuns.INTS + (image == null ? 0 : 8L * LabelRuns.VALUES);
        if (runs * 8L * LabelRuns.VALUES > ctx.maxAlloc() || runs * perRun > ctx.memoryBudget() / 2 || runs > Integer.MAX_VALUE / 8) {
            if (n == 1) {
                throw new OpenClException("the runs of one slice (" + runs + ") do not fit the device",
                        CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
            }
            int half = n / 2;
            return emit(lv, image, opts, slabs, k0, half, ints, vals) + emit(lv, image, opts, slabs, k0 + half, n - half, ints, vals);
        }
        int[] hi = new int[(int) (LabelRuns.INTS * runs)];
        long[] hv = image == null ? null : new long[(int) (LabelRuns.VALUES * runs)];
        if (runs > 0) {
            try (DeviceBuffer ri = ctx.allocate(4L * LabelRuns.INTS * runs);
                 DeviceBuffer rv = image == null ? ctx.allocate(8) : ctx.allocate(8L * LabelRuns.VALUES * runs)) {
                k.emitRuns(opts, slabs.labels(), slabs.samples(), d.nx(), d.ny(), n, k0, d.nz(), halo, offsets, ri, rv);
                ctx.read(ri, 0, 4L * hi.length, Pointer.to(hi));
                if (hv != null) {
                    ctx.read(rv, 0, 8L * hv.length, Pointer.to(hv));
                }
            }
        }
        ctx.finish();
        ints.add(hi);
        vals.add(hv == null ? new long[0] : hv);
        ctx.lap("ls.runs");
        return runs;
    }

    /**
     * One histogram round of {@link OrderStatistics} on the device, slab by slab; windows in chunks whose
     * counts and tables fit one allocation (a round's windows of thousands of labels may not).
     */
    private int[] histogram(Volume lv, Volume image, String opts, Slabs slabs, int[] index, OrderStatistics.HistogramWindows w) {
        Dimensions d = lv.dimensions();
        int[] out = new int[w.totalBins()];
        int top = 0;
        for (int l = 0; l < index.length; l++) {
            top = index[l] >= 0 ? l : top;
        }
        int[] idx = java.util.Arrays.copyOf(index, top + 1);
        int m = w.first().length - 1;
        long maxItems = Math.max(1, ctx.maxAlloc() / 8);
        int wa = 0;
        try (DeviceBuffer ib = ctx.upload(idx)) {
            while (wa < w.size()) {
                int wb = wa + 1;
                while (wb < w.size() && wb - wa < maxItems && (long) w.offset()[wb + 1] - w.offset()[wa] <= 2 * maxItems) {
                    wb++;
                }
                histogramChunk(d, opts, slabs, ib, idx.length, w, m, wa, wb, out);
                wa = wb;
            }
        }
        return out;
    }

    /** Windows [wa, wb) of one round: tables rebased to the chunk, counts copied into {@code out}. */
    private void histogramChunk(Dimensions d, String opts, Slabs slabs, DeviceBuffer index, int nIndex,
            OrderStatistics.HistogramWindows w, int m, int wa, int wb, int[] out) {
        int[] first = new int[m + 1];
        for (int c = 0; c <= m; c++) {
            first[c] = Math.min(Math.max(w.first()[c], wa), wb) - wa;
        }
        int n = wb - wa;
        long[] lo = java.util.Arrays.copyOfRange(w.lo(), wa, wb);
        int[] shift = java.util.Arrays.copyOfRange(w.shift(), wa, wb);
        int[] bins = java.util.Arrays.copyOfRange(w.bins(), wa, wb);
        int[] offset = new int[n + 1];
        for (int x = 0; x <= n; x++) {
            offset[x] = w.offset()[wa + x] - w.offset()[wa];
        }
        int[] counts = new int[offset[n]];
        try (DeviceBuffer fb = ctx.upload(first);
             DeviceBuffer lb = ctx.upload(lo);
             DeviceBuffer sb = ctx.upload(shift);
             DeviceBuffer bb = ctx.upload(bins);
             DeviceBuffer ob = ctx.upload(offset);
             DeviceBuffer cb = ctx.allocate(4L * Math.max(1, counts.length))) {
            ctx.fill(cb, 0);
            for (int k0 = 0; k0 < d.nz(); k0 += slabs.size) {
                int s = Math.min(slabs.size, d.nz() - k0);
                int halo = slabs.upload(k0, s, true);
                k.histogram(opts, slabs.labels(), slabs.samples(), d.nx(), d.ny(), halo, s * d.ny(), index, nIndex, fb, lb, sb, bb,
                        ob, cb);
            }
            if (counts.length > 0) {
                ctx.read(cb, 0, 4L * counts.length, Pointer.to(counts));
            }
            ctx.finish();
        }
        System.arraycopy(counts, 0, out, w.offset()[wa], counts.length);
        ctx.lap("ls.histogram");
    }
}
