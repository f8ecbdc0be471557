package org.organ3d.mesh;

import java.util.List;
import java.util.Objects;
import org.organ3d.parallel.Parallelism;
import org.organ3d.volume.Volume;

/**
 * Isosurface extraction by flying edges: W. Schroeder, R. Maynard, B. Geveci, "Flying Edges: A
 * High-Performance Scalable Isocontouring Algorithm", IEEE LDAV 2015 (the algorithm of VTK's
 * vtkFlyingEdges3D), with organ3d's own case table ({@link MarchingCubesCases}).
 *
 * <p>Samples sit at voxel centres. A sample is inside when its rescaled value (single precision, as
 * {@link Volume#sliceValues} gives it) is {@code >= (float) iso}. Grid rows run along i (x); a row is
 * identified by (j, k). Work is split into slabs of whole slices that run in parallel on the common
 * fork-join pool (or a pool of the requested size); every count and offset depends only on the data,
 * so the output is identical for any number of threads.
 *
 * <p><b>Pass 1 (inside bits, x edges).</b> Slabs of slices in parallel. Each row is classified into
 * inside bits, one bit per sample, 64 samples per long ({@link EdgeRows}): for 8/16-bit volumes the
 * stored values are read a row at a time from the volume's own slice and tested against an interval
 * of stored values that is derived from, and equivalent to, the inside table built with
 * {@link Volume#sliceValues} (a threshold for any rescale slope; a table look-up otherwise, see
 * {@link SampleGrid}); other volumes, and capped grids, are read as floats with
 * {@link Volume#sliceValues}. The row's cut x edges are counted with bit operations
 * ({@code a ^ (a >>> 1)}). The bits of the whole grid take one bit per sample; they replace both
 * the per-x-edge case bytes of VTK and its trim bounds: an empty stretch of a row costs one word
 * operation per 64 samples.
 *
 * <p><b>Pass 2 (y and z edges, triangles).</b> For each row of cubes (bounded by rows (j, k), (j+1, k),
 * (j, k+1), (j+1, k+1)) the cubes whose eight corners are not all alike are found 64 at a time from
 * the four rows' words ({@link EdgeRows#mixed}); only those are visited, their case is read from the
 * bits and their triangles counted. Cut y and z edges of row (j, k) are popcounts of
 * {@code a ^ b} and {@code a ^ c}. Rows that bound no row of cubes (the last row, the last slice)
 * count their y or z edges alone. Pass 2 runs inside pass 1's slabs: a layer is counted as soon as
 * both its slices are classified, while their bits are in cache; each slab's last layer, which needs
 * the next slab's first slice, is counted after them (about 3 % faster than two separate passes).
 *
 * <p><b>Pass 3 (prefix sum).</b> Counts become per-row offsets of each row's x, y and z vertices and
 * triangles, so the output arrays are allocated once with their exact size.
 *
 * <p><b>Pass 4 (generation).</b> Slabs of slices chosen so that each holds about the same number of
 * vertices and triangles run in parallel; each reads the slices it needs into a rolling window of
 * per-thread buffers (only slices with surface; k-1 and k+2 only for normals). The same mixed-cube
 * sweep as in pass 2 writes, per cube, the vertices of row (j, k)'s own cut x, y and z edges (each cut
 * edge gets exactly one vertex, written by the row that owns it, at the row's offset plus the edge's
 * rank) and the cube's triangles; triangle vertex indices come from per-edge rank counters carried
 * along the row (a skipped cube has no cut edge, so the counters stay exact). No hashing, no welding.
 * Vertices are interpolated linearly in index space and mapped through the full index→LPS affine
 * (oblique and sheared grids included). Normals come from the central-difference gradient (one-sided
 * at the border), interpolated along the edge, mapped to patient space with the inverse transpose of
 * the affine's 3×3 part, negated (outward) and normalized. When the affine flips handedness the
 * winding is reversed so that triangles stay counter-clockwise seen from outside in LPS.
 *
 * <p><b>Capping.</b> With {@link IsoSurfaceOptions#cap()} the grid is padded with one layer of
 * background ({@link SampleGrid#BACKGROUND}) so that an object cut by the field of view is closed by
 * a cap lying in the plane of the border voxel centres; the mesh is flagged capped.
 *
 * <p>Caveats: the surface is exactly watertight for a closed object; without capping, surfaces cut by
 * the border are open there. Degenerate (zero-area) triangles occur when a sample equals the iso
 * value exactly; they keep distinct vertex indices, so topology is unaffected. A sample that is NaN
 * is outside. Gradients next to the padding are dominated by the pad (cap rims get cap normals).
 * Memory: the volume's own slices, one bit per sample, eight ints per row, four slices (float or
 * stored type) per pass-4 slab, and the output; never a float copy of the whole volume.
 */
public final class FlyingEdges {

    private FlyingEdges() {
    }

    /**
     * Isosurface of {@code volume} at {@code options.iso()}: an indexed, watertight (for closed
     * objects or when capped), outward-wound mesh in LPS mm, on all cores.
     */
    public static Mesh extract(Volume volume, IsoSurfaceOptions options) {
        return extract(volume, options, 0);
    }

    /**
     * As {@link #extract(Volume, IsoSurfaceOptions)} on {@code threads} threads ({@code 0} or less:
     * the common fork-join pool). The result does not depend on the number of threads.
     */
    public static Mesh extract(Volume volume, IsoSurfaceOptions options, int threads) {
        Objects.requireNonNull(volume);
        Objects.requireNonNull(options);
        SampleGrid grid = new SampleGrid(volume, options.cap(), (float) options.iso());
        if (grid.gx < 2 || grid.gy < 2 || grid.gz < 2) {
            return Mesh.empty();
        }
        EdgeRows rows = new EdgeRows(grid);
        int slabs = slabCount(grid.gz, threads);
        int gz = grid.gz;
        // passes 1 and 2 together: a slab counts each cube layer as soon as both its slices are classified
        // (bits still in cache); the last layer of each slab needs the next slab's first slice
        SlabRunner.run(threads, slabs,
                s -> rows.classifyAndCount(SlabRunner.start(s, slabs, gz), SlabRunner.start(s + 1, slabs, gz)));
        for (int s = 1; s <= slabs; s++) {
            int last = SlabRunner.start(s, slabs, gz) - 1;
            if (last >= 0) {
                rows.count(last, last + 1);
            }
        }
        long[] totals = rows.prefixSum();
        long nv = totals[0];
        long nt = totals[1];
        if (3 * nv > Integer.MAX_VALUE - 8 || 3 * nt > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("surface too large for one mesh: " + nv + " vertices, " + nt + " triangles");
        }
        if (nt == 0) {
            return Mesh.empty();
        }
        // NB: the output arrays (tens of MB for a dense head or CT) are allocated on separate threads:
        // the JVM zeroes a new array on the allocating thread and that first touch faults in fresh
        // heap pages, which in a fresh JVM costs as much as a third of the extraction
        int n3v = (int) (3 * nv);
        int n3t = (int) (3 * nt);
        boolean withNormals = options.normals();
        List<Object> out = SlabRunner.map(threads, withNormals ? 3 : 2,
                s -> s == 0 ? new int[n3t] : new float[n3v]);
        int[] indices = (int[]) out.get(0);
        float[] positions = (float[]) out.get(1);
        float[] normals = withNormals ? (float[]) out.get(2) : null;
        EdgeGeneration gen = new EdgeGeneration(grid, rows, positions, normals, indices);
        int[] cuts = balancedSlabs(rows, slabs);
        SlabRunner.run(threads, slabs, s -> gen.generate(cuts[s], cuts[s + 1]));
        // NB: every index is a row's prefix-sum offset plus a rank below its count (FlyingEdgesChecksumTest
        // pins them all), so Mesh.adopt's range pass over the indices is skipped
        return Mesh.adoptTrusted(positions, normals, indices, options.cap());
    }

    private static int slabCount(int gz, int threads) {
        int p = threads > 0 ? threads : Parallelism.current();
        // NB: a few slabs per thread balance uneven surfaces; each slab re-reads at most 3 slices.
        return Math.max(1, Math.min(gz, 4 * Math.max(1, p)));
    }

    /**
     * Pass-4 slab boundaries (slabs + 1 slice indices) that split the work evenly: each slice costs its
     * vertices and triangles plus a small amount per row.
     */
    private static int[] balancedSlabs(EdgeRows rows, int slabs) {
        int gy = rows.g.gy;
        int gz = rows.g.gz;
        long[] cum = new long[gz + 1];
        for (int k = 0; k < gz; k++) {
            long c = 0;
            for (int r = gy * k; r < gy * (k + 1); r++) {
                c += rows.xCut[r] + rows.yCut[r] + rows.zCut[r] + 2L * rows.tris[r] + rows.words;
            }
            cum[k + 1] = cum[k] + c;
        }
        int[] cuts = new int[slabs + 1];
        int k = 0;
        for (int s = 1; s < slabs; s++) {
            long target = cum[gz] * s / slabs;
            while (k < gz && cum[k] < target) {
                k++;
            }
            cuts[s] = Math.max(k, cuts[s - 1]);
        }
        cuts[slabs] = gz;
        return cuts;
    }
}
