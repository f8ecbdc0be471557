package org.organ3d.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jocl.Pointer;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.MarchingCubesCases;
import org.organ3d.mesh.Mesh;
import org.organ3d.volume.Volume;

/**
 * Host side of flying-edges extraction on an OpenCL device ({@code flying_edges.cl}, mirroring
 * {@link org.organ3d.mesh.FlyingEdges}): uploads z-bricks of the volume as stored samples (through
 * pinned staging filled on all cores; the kernels rescale, see {@link SampleFormat}), runs the passes (x-edge
 * classification with trimming, y/z-edge and triangle counting, prefix sums, generation into exactly
 * allocated buffers) and stitches the bricks into one indexed mesh in LPS mm.
 *
 * <p>Bricking: the extraction grid is cut into z-slabs of {@code nzb} planes that overlap by one
 * plane (brick b covers planes [k0, k1], brick b+1 starts at k1), sized so that no buffer exceeds
 * {@link OpenClContext#maxAlloc()} and the brick's buffers fit {@link OpenClContext#memoryBudget()}.
 * The volume slab carries one more slice each side (halo) so that gradients match the unbricked run.
 * Every edge row is owned by exactly one brick: the shared plane k1 belongs to brick b+1 (which also
 * owns its z-edges); brick b's vertices on that plane are dropped and its triangles remapped to brick
 * b+1's vertices by row and position within the row. The stitched mesh is therefore identical (same
 * vertex order, triangles and values) to an unbricked extraction: no duplicate vertices, no cracks.
 * A brick whose output would not fit is split in two and retried.
 *
 * <p>Caveats: bricks are z-slabs only, so one slice of the volume (nx × ny samples, times three for
 * the slab and halos) must fit in one allocation; 65 536 × 65 536 slices are far beyond that anyway.
 * Not thread-safe: the caller serialises on the context.
 */
final class FlyingEdgesCl {

    private static final int META = 16;
    /** Roles of the reusable output buffers (positions, normals, triangles). */
    private static final String[] OUTPUT_ROLES = {"fe.pos", "fe.nrm", "fe.tri"};

    private final OpenClContext ctx;
    private final FlyingEdgesKernels fe;
    private final ScanKernels scan;
    private int lastBrickCount;

    FlyingEdgesCl(OpenClContext ctx) {
        this.ctx = ctx;
        this.fe = new FlyingEdgesKernels(ctx);
        this.scan = new ScanKernels(ctx);
    }

    /** Number of bricks the last extraction used. */
    int lastBrickCount() {
        return lastBrickCount;
    }

    /** One extracted brick before stitching. */
    private record Brick(int k0, int k1, float[] pos, float[] nrm, int[] tri, int[] firstPlaneVoff, int tailStart,
                         int[] lastPlaneVoff) {
    }

    /** Value of the padding samples when capping: the Java pass's background, below every iso value. */
    static final float BACKGROUND = -Float.MAX_VALUE;

    Mesh extract(Volume volume, IsoSurfaceOptions options) {
        int pad1 = options.cap() ? 1 : 0;
        int gx = volume.nx() + 2 * pad1;
        int gy = volume.ny() + 2 * pad1;
        int gz = volume.nz() + 2 * pad1;
        lastBrickCount = 0;
        if (gx < 2 || gy < 2 || gz < 2) {
            return Mesh.empty();
        }
        // NB: as in the Java pass, a sample is inside when its float value is >= (float) iso.
        float isoF = (float) options.iso();
        float pad = BACKGROUND;
        int[] table = MarchingCubesCases.flatTable();
        int[] corners = new int[24];
        for (int c = 0; c < 8; c++) {
            corners[3 * c] = c & 1;
            corners[3 * c + 1] = (c >> 1) & 1;
            corners[3 * c + 2] = (c >> 2) & 1;
        }
        int[] edges = new int[48];
        for (int e = 0; e < 12; e++) {
            int lo = MarchingCubesCases.edgeCorner(e, 0);
            int hi = MarchingCubesCases.edgeCorner(e, 1);
            edges[4 * e] = Integer.numberOfTrailingZeros(lo ^ hi);
            edges[4 * e + 1] = lo & 1;
            edges[4 * e + 2] = (lo >> 1) & 1;
            edges[4 * e + 3] = (lo >> 2) & 1;
        }
        double[] fp = affineParameters(volume);
        SampleFormat sf = SampleFormat.of(volume, ctx.device().hasFp64());
        long sliceBytes = (long) sf.bytes() * volume.nx() * volume.ny();
        long perPlane = Math.max(sliceBytes, Math.max((long) (gx - 1) * gy, 4L * META * gy));
        long sumPerPlane = sliceBytes + (long) (gx - 1) * gy + 4L * (META + 4) * gy;
        // NB: half of the budget is left for the outputs, which are only known after counting.
        long byAlloc = ctx.maxAlloc() / perPlane - 2;
        long byBudget = ctx.memoryBudget() / 2 / sumPerPlane - 2;
        // NB: the device sums counts in uint: keep (max triangles per cube) x (cubes per brick) below 2^32.
        long byCounts = (1L << 32) / ((long) MarchingCubesCases.MAX_TRIANGLES * gx * gy) - 1;
        int nzb = (int) Math.min(gz, Math.min(Math.min(byAlloc, byBudget), byCounts));
        if (nzb < 2) {
            throw new OpenClException("a " + volume.nx() + "x" + volume.ny() + " slice does not fit the device's allocation limit ("
                    + ctx.maxAlloc() + " bytes) for z-bricking", org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
        List<Brick> bricks = new ArrayList<>();
        ctx.keepReusable("fe.");
        ctx.startLaps();
        try (DeviceBuffer caseTab = ctx.upload(table);
             DeviceBuffer cornerTab = ctx.upload(corners);
             DeviceBuffer edgeTab = ctx.upload(edges);
             DeviceBuffer fpBuf = ctx.uploadReals(fp)) {
            Tables tabs = new Tables(caseTab, cornerTab, edgeTab, fpBuf, MarchingCubesCases.STRIDE);
            int k0 = 0;
            while (true) {
                int k1 = Math.min(gz - 1, k0 + nzb - 1);
                extractRange(volume, sf, options, tabs, gx, gy, gz, pad1, k0, k1, isoF, pad, bricks);
                if (k1 == gz - 1) {
                    break;
                }
                k0 = k1;
            }
        }
        lastBrickCount = bricks.size();
        Mesh m = stitch(bricks, options.normals(), gy, options.cap());
        ctx.lap("fe.stitch");
        return m;
    }

    private record Tables(DeviceBuffer caseTab, DeviceBuffer cornerTab, DeviceBuffer edgeTab, DeviceBuffer fp, int stride) {
    }

    /** Extracts planes [k0, k1], splitting the range when its output does not fit. */
    private void extractRange(Volume volume, SampleFormat sf, IsoSurfaceOptions options, Tables tabs, int gx, int gy, int gz, int pad1,
                              int k0, int k1, float isoF, float pad, List<Brick> out) {
        Brick b = extractBrick(volume, sf, options, tabs, gx, gy, gz, pad1, k0, k1, isoF, pad);
        if (b != null) {
            out.add(b);
            return;
        }
        if (k1 - k0 < 2) {
            throw new OpenClException("the mesh of planes " + k0 + ".." + k1 + " does not fit the device's allocation limit ("
                    + ctx.maxAlloc() + " bytes)", org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
        int mid = (k0 + k1) / 2;
        extractRange(volume, sf, options, tabs, gx, gy, gz, pad1, k0, mid, isoF, pad, out);
        extractRange(volume, sf, options, tabs, gx, gy, gz, pad1, mid, k1, isoF, pad, out);
    }

    /** One brick, or null when its outputs would exceed the allocation limit or budget. */
    private Brick extractBrick(Volume volume, SampleFormat sf, IsoSurfaceOptions options, Tables tabs, int gx, int gy, int gz, int pad1,
                               int k0, int k1, float isoF, float pad) {
        int nx = volume.nx();
        int ny = volume.ny();
        int nz = volume.nz();
        int nzb = k1 - k0 + 1;
        int rows = gy * nzb;
        // Volume slices for grid planes k0-1 .. k1+1 (halo for gradients), clamped to the volume.
        int dz0 = Math.max(0, k0 - 1 - pad1);
        int dz1 = Math.min(nz - 1, k1 + 1 - pad1);
        int nd = Math.max(1, dz1 - dz0 + 1);
        int flip = volume.geometry().indexToLps().determinant3x3() < 0 ? 1 : 0;
        int[] gp = {gx, gy, nzb, k0, -pad1, -pad1, -pad1, nx, ny, nz, dz0, options.normals() ? 1 : 0, flip};
        long sliceBytes = (long) sf.bytes() * nx * ny;
        // NB: the large work buffers are kept by the context between calls (same study size: no allocation).
        DeviceBuffer vol = ctx.reusable("fe.vol", sliceBytes * nd);
        DeviceBuffer xcase = ctx.reusable("fe.xcase", (long) (gx - 1) * rows);
        DeviceBuffer meta = ctx.reusable("fe.meta", 4L * META * rows);
        // NB: the per-row counts and offsets are reused too (four buffers of 1 MiB each for 512^3 were
        // created and released on every call).
        DeviceBuffer vcount = ctx.reusable("fe.vcount", 4L * rows);
        DeviceBuffer tcount = ctx.reusable("fe.tcount", 4L * rows);
        DeviceBuffer voff = ctx.reusable("fe.voff", 4L * rows);
        DeviceBuffer toff = ctx.reusable("fe.toff", 4L * rows);
        try (DeviceBuffer gpBuf = ctx.upload(gp)) {
            // NB: samples as stored, through pinned staging filled on all cores; the kernels rescale.
            ctx.staging().upload(vol, 0, nd, sliceBytes, (chunk, first, count) -> sf.fill(volume, chunk, dz0 + (int) first,
                    count));
            ctx.lap("fe.upload");
            fe.classifyXEdges(vol, sf, gpBuf, xcase, meta, isoF, pad, rows);
            fe.countYzEdges(sf, gpBuf, xcase, meta, vcount, tcount, tabs.caseTab(), tabs.stride(), tabs.cornerTab(), rows);
            long nv = scan.exclusiveScan(vcount, voff, rows);
            long nt = scan.exclusiveScan(tcount, toff, rows);
            long posBytes = 12L * nv;
            long triBytes = 12L * nt;
            long outBytes = posBytes * (options.normals() ? 2 : 1) + triBytes;
            if (posBytes > ctx.maxAlloc() || triBytes > ctx.maxAlloc() || 3 * nv > Integer.MAX_VALUE - 8
                    || 3 * nt > Integer.MAX_VALUE - 8
                    || ctx.allocatedBytes() - ctx.reusableBytes(OUTPUT_ROLES) + outBytes > ctx.memoryBudget()) {
                return null;
            }
            ctx.lap("fe.count");
            int v = (int) nv;
            int t = (int) nt;
            float[] pos = new float[3 * v];
            float[] nrm = options.normals() ? new float[3 * v] : null;
            int[] tri = new int[3 * t];
            DeviceBuffer posBuf = ctx.reusable(OUTPUT_ROLES[0], posBytes);
            DeviceBuffer nrmBuf = ctx.reusable(OUTPUT_ROLES[1], options.normals() ? posBytes : 4);
            DeviceBuffer triBuf = ctx.reusable(OUTPUT_ROLES[2], triBytes);
            if (v > 0) {
                fe.generateVertices(vol, sf, gpBuf, xcase, meta, voff, tabs.fp(), posBuf, nrmBuf, isoF, pad, rows);
            }
            if (t > 0) {
                fe.generateTriangles(sf, gpBuf, xcase, meta, voff, toff, tabs.caseTab(), tabs.stride(), tabs.cornerTab(),
                        tabs.edgeTab(), triBuf, rows);
            }
            // NB: through pinned staging, copied out on all cores (a pageable read runs at a fraction of the bus speed).
            ctx.staging().download(posBuf, pos);
            if (nrm != null) {
                ctx.staging().download(nrmBuf, nrm);
            }
            ctx.staging().download(triBuf, tri);
            ctx.lap("fe.generate+read");
            // Seam bookkeeping: vertex offsets of the first and last plane's rows, and x+y counts.
            int[] firstVoff = new int[gy];
            int[] lastVoff = new int[gy + 1];
            ctx.read(voff, 0, 4L * gy, Pointer.to(firstVoff));
            int lastRow = (nzb - 1) * gy;
            ctx.read(voff, 4L * lastRow, 4L * gy, Pointer.to(lastVoff));
            lastVoff[gy] = v;
            ctx.finish();
            return new Brick(k0, k1, pos, nrm, tri, firstVoff, k1 == gz - 1 ? v : lastVoff[0], lastVoff);
        }
    }

    /**
     * Joins the bricks: brick b keeps its vertices below its last plane (all of them for the last
     * brick); its triangles' references to the last plane go to brick b+1's first-plane vertices.
     */
    private static Mesh stitch(List<Brick> bricks, boolean normals, int gy, boolean capped) {
        int n = bricks.size();
        if (n == 1) {
            // NB: one brick: its arrays are the mesh (no copy).
            Brick b = bricks.get(0);
            return b.tri().length == 0 ? Mesh.empty() : Mesh.adopt(b.pos(), b.nrm(), b.tri(), capped);
        }
        long[] base = new long[n + 1];
        for (int b = 0; b < n; b++) {
            base[b + 1] = base[b] + bricks.get(b).tailStart();
        }
        long total = base[n];
        long tris = bricks.stream().mapToLong(b -> b.tri().length).sum();
        if (tris == 0) {
            return Mesh.empty();
        }
        if (3 * total > Integer.MAX_VALUE - 8 || tris > Integer.MAX_VALUE - 8) {
            throw new OpenClException("mesh too large for one Mesh (" + total + " vertices, " + tris / 3 + " triangles)", 0);
        }
        float[] pos = new float[(int) (3 * total)];
        float[] nrm = normals ? new float[pos.length] : null;
        int[] tri = new int[(int) tris];
        int tOff = 0;
        for (int b = 0; b < n; b++) {
            Brick br = bricks.get(b);
            int keep = br.tailStart();
            System.arraycopy(br.pos(), 0, pos, (int) (3 * base[b]), 3 * keep);
            if (normals) {
                System.arraycopy(br.nrm(), 0, nrm, (int) (3 * base[b]), 3 * keep);
            }
            final int vb = (int) base[b];
            final int[] src = br.tri();
            final int dst = tOff;
            if (b == n - 1) {
                IntStream.range(0, src.length).parallel().forEach(x -> tri[dst + x] = vb + src[x]);
            } else {
                Brick next = bricks.get(b + 1);
                final int nb = (int) base[b + 1];
                final int[] lastVoff = br.lastPlaneVoff();
                final int[] nextFirst = next.firstPlaneVoff();
                IntStream.range(0, src.length).parallel().forEach(x -> {
                    int v = src[x];
                    if (v < keep) {
                        tri[dst + x] = vb + v;
                    } else {
                        int row = rowOf(lastVoff, v, gy);
                        tri[dst + x] = nb + nextFirst[row] + (v - lastVoff[row]);
                    }
                });
            }
            tOff += src.length;
        }
        return Mesh.adopt(pos, nrm, tri, capped);
    }

    /** The row j whose vertex block [voff[j], voff[j+1]) holds v (voff has gy + 1 entries). */
    private static int rowOf(int[] voff, int v, int gy) {
        int lo = 0;
        int hi = gy - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (voff[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Affine (3×4 row-major), normal matrix (3×3 row-major, inverse transpose). */
    private static double[] affineParameters(Volume volume) {
        Matrix4d m = volume.geometry().indexToLps();
        double[] fp = new double[21];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                fp[4 * r + c] = m.getRowColumn(r, c);
            }
        }
        Matrix3d lin = new Matrix3d();
        m.get3x3(lin);
        Matrix3d nm = lin.invert().transpose();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                fp[12 + 3 * r + c] = nm.getRowColumn(r, c);
            }
        }
        return fp;
    }
}
