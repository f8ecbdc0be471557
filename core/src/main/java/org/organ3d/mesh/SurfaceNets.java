package org.organ3d.mesh;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.joml.Matrix4d;
import org.organ3d.parallel.Parallelism;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Surfaces of every label of a label map in one pass, by surface nets: S. Frisken Gibson,
 * "Constrained Elastic Surface Nets: Generating Smooth Surfaces from Binary Segmented Data",
 * MICCAI 1998; multi-label as in VTK's vtkSurfaceNets3D (Schroeder et al. 2024). Output in LPS mm.
 *
 * <p><b>Why surface nets and not discrete marching cubes.</b> Discrete marching cubes meshes each
 * label from its own inside/outside pattern; where three labels meet in a cube the two labels'
 * surfaces are cut differently, leaving slivers of gap or overlap between touching organs. Surface
 * nets puts the surface between two labels on quads that <em>both</em> labels' meshes use, with the
 * same vertex positions, so touching organs share their interface exactly: no gaps, no overlaps,
 * and the mesh volumes of touching labels add up to the volume of their union.
 *
 * <p><b>Cells and vertices.</b> The label map is padded with background (0) so that every label's
 * surface closes at the border. A dual cell is the cube between 2×2×2 voxel centres. A cell whose
 * corners carry more than one label gets one position: the mean of the midpoints of its edges whose
 * two ends differ, in index space, mapped by the index→LPS affine. For each label L in the cell, L's
 * mesh gets one vertex per surface sheet of L in the cell: the closed polygons of marching-cubes case
 * "corners equal to L" ({@link MarchingCubesCases}, inside corners kept separate). All of these
 * vertices sit at the cell's one position. Splitting the vertex per sheet makes each label's mesh a
 * 2-manifold where two parts of the label touch only along an edge or at a corner (they then share
 * positions but not vertices).
 *
 * <p><b>Quads.</b> Every grid edge between two voxels of different labels a and b is dual to the quad
 * through the vertices of the four cells around it; a's mesh gets the quad facing from a towards b,
 * b's mesh the same quad facing the other way (background is not meshed). Each quad is split into two
 * triangles along a fixed diagonal. The dual of a closed marching-cubes surface is closed, so each
 * label's mesh is watertight and consistently oriented (outward, counter-clockwise seen from outside
 * in LPS; the winding is reversed for left-handed affines).
 *
 * <p><b>Bias.</b> No smoothing is applied here. Where the boundary is flat the surface lies on the
 * voxel faces, so the enclosed volume equals the voxel volume; convex edges and corners are
 * chamfered (volume slightly below the voxel count × voxel volume), concave ones filled (above).
 * For a digitized sphere of radius 10 voxels the mesh volume is about 1 % below the voxel volume and
 * close to the analytic sphere; the area is far closer to the true area than the staircase area of
 * the voxel faces (which is about 1.5 × too large). Smoothing (in the post-processing classes) then
 * moves the surface towards the true shape.
 *
 * <p><b>Threads.</b> All labels in one sweep of two slices at a time, over slabs of cell layers in
 * parallel; the slabs' meshes are joined by {@link Growing#merge}, so the result is the same for any
 * number of threads (identical arrays).
 *
 * <p>Caveats: no vertex normals (they are left to smoothing/export). Where a label forms a one-voxel
 * ring around a thread of another label the same two cell sheets are joined across both segments of
 * an ambiguous face, which would use one index edge four times; {@link DoubleEdgeSplit} subdivides the second copy so every edge is used
 * exactly twice (the surface itself is unchanged). Memory per slab: two label slices, two layers of
 * cell records, and the growing output; the merge copies each label's parts once.
 */
public final class SurfaceNets {

    private SurfaceNets() {
    }

    /** The surface of one label (empty when the label is absent). */
    public static Mesh extract(LabelMap labels, int label) {
        return extract(labels, Set.of(label)).getOrDefault(label, Mesh.empty());
    }

    /**
     * Surfaces of the given labels (null or empty: every non-zero label present), all in one pass.
     * Labels without any voxel are absent from the result. Sorted by label; meshes in LPS mm.
     */
    public static Map<Integer, Mesh> extract(LabelMap labels, Set<Integer> wanted) {
        return extract(labels, wanted, 0);
    }

    /**
     * As {@link #extract(LabelMap, Set)} on {@code threads} threads ({@code 0} or less: the common
     * fork-join pool). The meshes do not depend on the number of threads.
     */
    public static Map<Integer, Mesh> extract(LabelMap labels, Set<Integer> wanted, int threads) {
        Objects.requireNonNull(labels);
        boolean[] want = new boolean[65536];
        if (wanted == null || wanted.isEmpty()) {
            Arrays.fill(want, true);
        } else {
            for (int l : wanted) {
                if (l > 0 && l < 65536) {
                    want[l] = true;
                }
            }
        }
        want[0] = false;
        int layers = labels.labels().nz() + 1;
        int p = threads > 0 ? threads : Parallelism.current();
        // NB: a few slabs per thread balance uneven label maps; each slab recomputes one cell layer
        return extract(labels.labels(), want, threads, Math.max(1, Math.min(layers / 4, 4 * Math.max(1, p))));
    }

    /** The sweep over {@code slabs} slabs of cell layers (1 to nz + 1), joined label by label. */
    static Map<Integer, Mesh> extract(Volume vol, boolean[] want, int threads, int slabs) {
        int layers = vol.nz() + 1;
        if (slabs < 1 || slabs > layers) {
            throw new IllegalArgumentException("slabs must be in 1.." + layers + ": " + slabs);
        }
        List<Growing[]> parts = SlabRunner.map(threads, slabs,
                s -> new Sweep(vol, want, SlabRunner.start(s, slabs, layers), SlabRunner.start(s + 1, slabs, layers)).run());
        int[] present = IntStream.range(1, 65536).filter(l -> parts.stream().anyMatch(g -> g[l] != null)).toArray();
        List<Mesh> meshes = SlabRunner.map(threads, present.length, i -> Growing.merge(parts, present[i]).toMesh());
        Map<Integer, Mesh> result = new TreeMap<>();
        for (int i = 0; i < present.length; i++) {
            result.put(present[i], meshes.get(i));
        }
        return result;
    }

    /**
     * One sweep over cell layers [k0, k1) of the padded label grid (layer k lies between grid slices k
     * and k+1). A slab after the first also computes the cells of layer k0-1 first, as ghosts: the
     * quads of grid slice k0 need their vertices, which belong to the previous slab and are mapped to
     * it by {@link Growing#merge}. Not thread-safe; used once.
     */
    private static final class Sweep {
        private final Volume vol;
        private final boolean[] want;
        private final int gx;
        private final int gy;
        private final int gz;
        private final double[] m = new double[12];
        private final boolean flip;
        private final Growing[] out = new Growing[65536];
        private final int k0;
        private final int k1;
        /** Cell records of the previous and current cell layers. */
        private Layer prev;
        private Layer cur;

        Sweep(Volume vol, boolean[] want, int k0, int k1) {
            this.vol = vol;
            this.want = want;
            this.k0 = k0;
            this.k1 = k1;
            gx = vol.nx() + 2;
            gy = vol.ny() + 2;
            gz = vol.nz() + 2;
            Matrix4d a = vol.geometry().indexToLps();
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    m[4 * r + c] = a.getRowColumn(r, c);
                }
            }
            flip = a.determinant3x3() < 0;
            prev = new Layer((gx - 1) * (gy - 1));
            cur = new Layer((gx - 1) * (gy - 1));
        }

        /** The slab's meshes by label (null where the label has no vertex here). */
        Growing[] run() {
            int[] s0 = new int[gx * gy];
            int[] s1 = new int[gx * gy];
            float[] buf = new float[vol.nx() * vol.ny()];
            int first = Math.max(0, k0 - 1);
            load(first, s0, buf);
            for (int k = first; k < k1; k++) {
                load(k + 1, s1, buf);
                Layer t = prev;
                prev = cur;
                cur = t;
                if (k == k1 - 1) {
                    mark(false);
                }
                cells(k, s0, s1);
                if (k < k0) {
                    mark(true);
                } else {
                    if (k > 0) {
                        inPlaneQuads(k, s0);
                    }
                    zQuads(k, s0, s1);
                }
                int[] x = s0;
                s0 = s1;
                s1 = x;
            }
            return out;
        }

        /** Records every label's vertex count as its ghost count, or as the start of the last layer. */
        private void mark(boolean ghosts) {
            for (Growing g : out) {
                if (g != null) {
                    if (ghosts) {
                        g.ghosts = g.vertexCount();
                    } else {
                        g.lastLayer = g.vertexCount();
                    }
                }
            }
        }

        private void load(int k, int[] dest, float[] buf) {
            Arrays.fill(dest, 0);
            if (k == 0 || k == gz - 1) {
                return;
            }
            vol.sliceValues(k - 1, buf);
            int nx = vol.nx();
            for (int j = 0; j < vol.ny(); j++) {
                int o = (j + 1) * gx + 1;
                for (int i = 0; i < nx; i++) {
                    dest[o + i] = (int) buf[j * nx + i];
                }
            }
        }

        /** Cell records of cell layer k (between grid slices k and k+1). */
        private void cells(int k, int[] s0, int[] s1) {
            Layer lay = cur;
            lay.reset();
            int[] c = new int[8];
            int cx = gx - 1;
            for (int j = 0; j + 1 < gy; j++) {
                if (uniformRowOfCells(s0, s1, gx * j)) {
                    Arrays.fill(lay.start, cx * j, cx * (j + 1), lay.n);
                    continue;
                }
                for (int i = 0; i + 1 < gx; i++) {
                    int cell = i + cx * j;
                    lay.start[cell] = lay.n;
                    int a = i + gx * j;
                    c[0] = s0[a];
                    c[1] = s0[a + 1];
                    c[2] = s0[a + gx];
                    c[3] = s0[a + gx + 1];
                    c[4] = s1[a];
                    c[5] = s1[a + 1];
                    c[6] = s1[a + gx];
                    c[7] = s1[a + gx + 1];
                    int l0 = c[0];
                    if (l0 == c[1] && l0 == c[2] && l0 == c[3] && l0 == c[4] && l0 == c[5] && l0 == c[6] && l0 == c[7]) {
                        continue;
                    }
                    boolean any = false;
                    for (int q = 0; q < 8; q++) {
                        any |= want[c[q]];
                    }
                    if (!any) {
                        continue;
                    }
                    float[] p = position(i, j, k, c);
                    int done = 0;
                    for (int q = 0; q < 8; q++) {
                        int l = c[q];
                        if (!want[l] || (done & (1 << q)) != 0) {
                            continue;
                        }
                        int cs = 0;
                        for (int r = q; r < 8; r++) {
                            if (c[r] == l) {
                                cs |= 1 << r;
                            }
                        }
                        done |= cs;
                        Growing mb = out[l];
                        if (mb == null) {
                            mb = new Growing();
                            out[l] = mb;
                        }
                        int polys = MarchingCubesCases.polygonCount(cs);
                        int base = mb.vertexCount();
                        for (int v = 0; v < polys; v++) {
                            mb.addVertex(p[0], p[1], p[2]);
                        }
                        lay.add(l, cs, base);
                    }
                }
            }
            lay.start[cx * (gy - 1)] = lay.n;
        }

        /**
         * True when the row of cells whose first sample is {@code a} has one label at all its corners:
         * its four sample rows are equal and constant (most rows of a CT label map are background).
         * {@link Arrays#mismatch} compares them with SIMD, far faster than eight loads per cell.
         */
        private boolean uniformRowOfCells(int[] s0, int[] s1, int a) {
            return Arrays.mismatch(s0, a, a + gx - 1, s0, a + 1, a + gx) < 0
                    && Arrays.mismatch(s0, a, a + gx, s0, a + gx, a + 2 * gx) < 0
                    && Arrays.mismatch(s0, a, a + 2 * gx, s1, a, a + 2 * gx) < 0;
        }

        /** Mean of the midpoints of the cell's edges whose ends differ, in LPS mm. */
        private float[] position(int i, int j, int k, int[] c) {
            double sx = 0;
            double sy = 0;
            double sz = 0;
            int n = 0;
            for (int e = 0; e < 12; e++) {
                int a = MarchingCubesCases.edgeCorner(e, 0);
                int b = MarchingCubesCases.edgeCorner(e, 1);
                if (c[a] != c[b]) {
                    sx += (a & 1) + (b & 1);
                    sy += (a >> 1 & 1) + (b >> 1 & 1);
                    sz += (a >> 2 & 1) + (b >> 2 & 1);
                    n++;
                }
            }
            // padded index → volume index: minus one
            double x = i - 1 + sx / (2.0 * n);
            double y = j - 1 + sy / (2.0 * n);
            double z = k - 1 + sz / (2.0 * n);
            return new float[] {
                (float) (m[0] * x + m[1] * y + m[2] * z + m[3]),
                (float) (m[4] * x + m[5] * y + m[6] * z + m[7]),
                (float) (m[8] * x + m[9] * y + m[10] * z + m[11])};
        }

        // NB: the edge loops jump from one differing pair of samples to the next with Arrays.mismatch
        // (SIMD), in the order of a plain scan, so the quads come out in the same order

        /** Quads of the x and y edges of grid slice k (their cells are in layers k-1 and k). */
        private void inPlaneQuads(int k, int[] s) {
            for (int j = 1; j + 1 < gy; j++) {
                // x edges (i, i+1), i = 0 .. gx-2; around +x: cells (i, j-1, k-1), (i, j, k-1), (i, j, k), (i, j-1, k)
                int row = gx * j;
                for (int i = next(s, row, s, row + 1, 0, gx - 1); i >= 0; i = next(s, row, s, row + 1, i + 1, gx - 1)) {
                    quad(s[row + i], s[row + i + 1], 0, i, j, k);
                }
            }
            for (int j = 0; j + 1 < gy; j++) {
                // y edges (j, j+1), i = 1 .. gx-2
                int row = gx * j;
                for (int i = next(s, row, s, row + gx, 1, gx - 1); i >= 0; i = next(s, row, s, row + gx, i + 1, gx - 1)) {
                    quad(s[row + i], s[row + gx + i], 1, i, j, k);
                }
            }
        }

        /** Quads of the z edges between grid slices k and k+1 (their cells are all in layer k). */
        private void zQuads(int k, int[] s0, int[] s1) {
            for (int j = 1; j + 1 < gy; j++) {
                int row = gx * j;
                for (int i = next(s0, row, s1, row, 1, gx - 1); i >= 0; i = next(s0, row, s1, row, i + 1, gx - 1)) {
                    quad(s0[row + i], s1[row + i], 2, i, j, k);
                }
            }
        }

        /** The first i in [from, to) with {@code a[ao + i] != b[bo + i]}, or -1. */
        private static int next(int[] a, int ao, int[] b, int bo, int from, int to) {
            if (from >= to) {
                return -1;
            }
            int d = Arrays.mismatch(a, ao + from, ao + to, b, bo + from, bo + to);
            return d < 0 ? -1 : from + d;
        }

        private final int[] qc = new int[4];
        private final int[] qe = new int[4];
        private final Layer[] ql = new Layer[4];

        /**
         * The quad dual to the grid edge along {@code axis} from padded sample (i, j, k) (k implied by
         * the layers: x/y edges of slice k use layers k-1 and k, z edges to slice k+1 use layer k), with
         * label la at its lower end and lb at its upper end. Its four cells are listed
         * counter-clockwise around +axis, each with the local number of the edge in that cell.
         */
        private void quad(int la, int lb, int axis, int i, int j, int k) {
            int cx = gx - 1;
            switch (axis) {
                case 0 -> {
                    // cells (i, j-1, k-1) (i, j, k-1) (i, j, k) (i, j-1, k); local edge y + 2z
                    set(0, prev, i + cx * (j - 1), 3);
                    set(1, prev, i + cx * j, 2);
                    set(2, cur, i + cx * j, 0);
                    set(3, cur, i + cx * (j - 1), 1);
                }
                case 1 -> {
                    // cells (i-1, j, k-1) (i-1, j, k) (i, j, k) (i, j, k-1); local edge 4 + x + 2z
                    set(0, prev, i - 1 + cx * j, 7);
                    set(1, cur, i - 1 + cx * j, 5);
                    set(2, cur, i + cx * j, 4);
                    set(3, prev, i + cx * j, 6);
                }
                default -> {
                    // cells (i-1, j-1, k) (i, j-1, k) (i, j, k) (i-1, j, k); local edge 8 + x + 2y
                    set(0, cur, i - 1 + cx * (j - 1), 11);
                    set(1, cur, i + cx * (j - 1), 10);
                    set(2, cur, i + cx * j, 8);
                    set(3, cur, i - 1 + cx * j, 9);
                }
            }
            long lower = i + (long) gx * (j + (long) gy * k);
            long upper = lower + (axis == 0 ? 1 : axis == 1 ? gx : (long) gx * gy);
            if (want[la]) {
                emit(la, !flip, lower);
            }
            if (want[lb]) {
                emit(lb, flip, upper);
            }
        }

        private void set(int q, Layer lay, int cell, int edge) {
            ql[q] = lay;
            qc[q] = cell;
            qe[q] = edge;
        }

        /** Adds the quad to label l's mesh, counter-clockwise around +axis when {@code ccw}. */
        private void emit(int l, boolean ccw, long side) {
            int[] v = new int[4];
            for (int q = 0; q < 4; q++) {
                Layer lay = ql[q];
                int e = lay.find(qc[q], l);
                if (e < 0) {
                    throw new IllegalStateException("surface nets: no cell record for label " + l);
                }
                int poly = MarchingCubesCases.edgePolygon(lay.cases[e], qe[q]);
                if (poly < 0) {
                    throw new IllegalStateException("surface nets: edge not cut in cell case " + lay.cases[e]);
                }
                v[q] = lay.base[e] + poly;
            }
            Growing mb = out[l];
            if (ccw) {
                mb.addTriangle(v[0], v[1], v[2], side);
                mb.addTriangle(v[0], v[2], v[3], side);
            } else {
                mb.addTriangle(v[0], v[2], v[1], side);
                mb.addTriangle(v[0], v[3], v[2], side);
            }
        }
    }

    /** Cell records of one layer: per cell a run of (label, case, first vertex) entries. */
    private static final class Layer {
        final int[] start;
        int[] labels = new int[1024];
        int[] cases = new int[1024];
        int[] base = new int[1024];
        int n;

        Layer(int cells) {
            start = new int[cells + 1];
        }

        void reset() {
            n = 0;
        }

        void add(int label, int cs, int first) {
            if (n == labels.length) {
                labels = Arrays.copyOf(labels, 2 * n);
                cases = Arrays.copyOf(cases, 2 * n);
                base = Arrays.copyOf(base, 2 * n);
            }
            labels[n] = label;
            cases[n] = cs;
            base[n] = first;
            n++;
        }

        int find(int cell, int label) {
            for (int e = start[cell], end = start[cell + 1]; e < end; e++) {
                if (labels[e] == label) {
                    return e;
                }
            }
            return -1;
        }
    }

    /** A growing indexed mesh of one label (of one slab, or merged). */
    private static final class Growing {
        private float[] pos = new float[3 * 256];
        private int[] idx = new int[3 * 512];
        /** Per triangle: the padded linear index of the label's voxel at the quad's grid edge. */
        private long[] sides = new long[512];
        private int nv;
        private int ni;
        /** Vertices 0..ghosts-1 are the previous slab's last layer (recomputed here). */
        int ghosts;
        /** First vertex of the slab's last cell layer. */
        int lastLayer;

        /**
         * Label l's parts of consecutive slabs joined into one mesh: each slab's own vertices in slab
         * order, its ghost vertices mapped to the previous slab's last layer (computed there in the
         * same order), triangles in slab order. The result equals a single sweep's. Null when no
         * slab has label l.
         */
        static Growing merge(List<Growing[]> parts, int l) {
            int nv = 0;
            int ni = 0;
            int found = 0;
            for (Growing[] p : parts) {
                Growing g = p[l];
                if (g != null) {
                    nv += g.nv - g.ghosts;
                    ni += g.ni;
                    found++;
                }
            }
            if (found == 0) {
                return null;
            }
            Growing first = parts.get(0)[l];
            if (found == 1 && first != null) {
                return first;
            }
            Growing m = new Growing();
            m.pos = new float[3 * nv];
            m.idx = new int[ni];
            m.sides = new long[ni / 3];
            int offset = 0;
            int prevLastLayer = 0;
            int prevCount = 0;
            for (Growing[] p : parts) {
                Growing g = p[l];
                if (g == null) {
                    prevLastLayer = offset;
                    prevCount = 0;
                    continue;
                }
                if (g.ghosts != prevCount) {
                    throw new IllegalStateException("surface nets: slab seam of label " + l + " has " + g.ghosts
                            + " ghost vertices for " + prevCount + " in the previous slab's last layer");
                }
                System.arraycopy(g.pos, 3 * g.ghosts, m.pos, 3 * m.nv, 3 * (g.nv - g.ghosts));
                for (int i = 0; i < g.ni; i++) {
                    int v = g.idx[i];
                    m.idx[m.ni + i] = v < g.ghosts ? prevLastLayer + v : offset + v - g.ghosts;
                }
                System.arraycopy(g.sides, 0, m.sides, m.ni / 3, g.ni / 3);
                m.nv += g.nv - g.ghosts;
                m.ni += g.ni;
                prevLastLayer = offset + g.lastLayer - g.ghosts;
                prevCount = g.nv - g.lastLayer;
                offset = m.nv;
            }
            return m;
        }

        int vertexCount() {
            return nv;
        }

        void addVertex(float x, float y, float z) {
            if (3 * nv + 3 > pos.length) {
                pos = Arrays.copyOf(pos, grow(pos.length));
            }
            pos[3 * nv] = x;
            pos[3 * nv + 1] = y;
            pos[3 * nv + 2] = z;
            nv++;
        }

        void addTriangle(int a, int b, int c, long side) {
            if (ni + 3 > idx.length) {
                idx = Arrays.copyOf(idx, grow(idx.length));
            }
            if (ni / 3 == sides.length) {
                sides = Arrays.copyOf(sides, grow(sides.length));
            }
            sides[ni / 3] = side;
            idx[ni++] = a;
            idx[ni++] = b;
            idx[ni++] = c;
        }

        private static int grow(int n) {
            long g = (long) n * 3 / 2 + 3;
            if (g > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("surface too large for one mesh");
            }
            return (int) g;
        }

        Mesh toMesh() {
            DoubleEdgeSplit split = new DoubleEdgeSplit(Arrays.copyOf(pos, 3 * nv), Arrays.copyOf(idx, ni),
                    Arrays.copyOf(sides, ni / 3));
            return split.run();
        }
    }
}
