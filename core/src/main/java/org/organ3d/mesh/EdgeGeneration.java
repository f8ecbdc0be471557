package org.organ3d.mesh;

import org.joml.Matrix3d;
import org.joml.Matrix4d;

/**
 * Pass 4 of {@link FlyingEdges}: writes vertices (positions in LPS mm, outward unit normals) and
 * triangles into the preallocated output at the offsets of {@link EdgeRows#prefixSum()}.
 *
 * <p>Thread use: {@link #generate} for disjoint slabs may run concurrently; every output element has
 * exactly one writer (the row owning the edge, the cube row owning the triangle).
 */
final class EdgeGeneration {

    private final SampleGrid g;
    private final EdgeRows rows;
    private final float[] pos;
    private final float[] nrm;
    private final int[] idx;
    /** index→LPS affine, row-major 3×4. */
    private final double[] m = new double[12];
    /** Inverse transpose of the affine's 3×3 part (maps index-space gradients to LPS), row-major. */
    private final double[] n = new double[9];
    private final boolean flip;

    EdgeGeneration(SampleGrid g, EdgeRows rows, float[] pos, float[] nrm, int[] idx) {
        this.g = g;
        this.rows = rows;
        this.pos = pos;
        this.nrm = nrm;
        this.idx = idx;
        Matrix4d a = g.volume.geometry().indexToLps();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                m[4 * r + c] = a.getRowColumn(r, c);
            }
        }
        Matrix3d it = a.get3x3(new Matrix3d()).invert().transpose();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                n[3 * r + c] = it.getRowColumn(r, c);
            }
        }
        this.flip = a.determinant3x3() < 0;
    }

    /** Pass 4 for grid slices [k0, k1). */
    void generate(int k0, int k1) {
        if (k0 >= k1) {
            return;
        }
        SampleGrid.Window w = g.new Window();
        int gy = g.gy;
        int[] ids = new int[12];
        double[] grad = new double[6];
        for (int k = k0; k < k1; k++) {
            int r0 = gy * k;
            boolean any = false;
            for (int r = r0; r < r0 + gy && !any; r++) {
                any = rows.tris[r] > 0 || rows.xCut[r] > 0 || rows.yCut[r] > 0 || rows.zCut[r] > 0;
            }
            if (!any) {
                continue;
            }
            SliceSamples sm = w.samples(k - 1);
            SliceSamples s0 = w.samples(k);
            SliceSamples s1 = w.samples(k + 1);
            SliceSamples s2 = w.samples(k + 2);
            boolean zRow = k + 1 < g.gz;
            for (int j = 0; j < gy; j++) {
                int r = r0 + j;
                if (j + 1 < gy && zRow) {
                    if (rows.tris[r] > 0) {
                        cubes(r, j, k, ids, sm, s0, s1, s2, grad);
                    }
                } else {
                    edges(r, j, k, sm, s0, s1, s2, grad);
                }
            }
        }
    }

    /** Vertices of a row that bounds no row of cubes (last row, last slice): its own x, y, z edges. */
    private void edges(int r, int j, int k, SliceSamples sm, SliceSamples s0, SliceSamples s1, SliceSamples s2,
            double[] grad) {
        int words = rows.words;
        long[] bits = rows.bits;
        int gx = g.gx;
        int oa = r * words;
        int a = j * gx;
        if (rows.xCut[r] > 0) {
            int id = rows.xBase[r];
            for (int w = 0; w < words; w++) {
                long cut = (bits[oa + w] ^ EdgeRows.shifted(bits, oa, w, words)) & rows.cubeMask(w);
                while (cut != 0) {
                    int i = 64 * w + Long.numberOfTrailingZeros(cut);
                    cut &= cut - 1;
                    vertex(id++, i, j, k, 0, lerpT(s0.at(a + i), s0.at(a + i + 1)), sm, s0, s1, s2, grad);
                }
            }
        }
        if (rows.yCut[r] > 0) {
            int id = rows.yBase[r];
            int ob = oa + words;
            for (int w = 0; w < words; w++) {
                long cut = bits[oa + w] ^ bits[ob + w];
                while (cut != 0) {
                    int i = 64 * w + Long.numberOfTrailingZeros(cut);
                    cut &= cut - 1;
                    vertex(id++, i, j, k, 1, lerpT(s0.at(a + i), s0.at(a + gx + i)), sm, s0, s1, s2, grad);
                }
            }
        }
        if (rows.zCut[r] > 0) {
            int id = rows.zBase[r];
            int oc = oa + g.gy * words;
            for (int w = 0; w < words; w++) {
                long cut = bits[oa + w] ^ bits[oc + w];
                while (cut != 0) {
                    int i = 64 * w + Long.numberOfTrailingZeros(cut);
                    cut &= cut - 1;
                    vertex(id++, i, j, k, 2, lerpT(s0.at(a + i), s1.at(a + i)), sm, s0, s1, s2, grad);
                }
            }
        }
    }

    private float lerpT(float v0, float v1) {
        float t = (g.iso - v0) / (v1 - v0);
        // NB: NaN samples (outside) and rounding may leave [0, 1]; clamp keeps the vertex on its edge.
        if (!(t >= 0f)) {
            return 0f;
        }
        return Math.min(t, 1f);
    }

    /**
     * Triangles of cube row (j, k) and, in the same sweep, the vertices of row r = (j, k)'s own x, y
     * and z edges (edges 0, 4 and 8 of each cube; the y and z edges at the row's last sample after it).
     * Only cubes with corners on both sides are visited, 64 cubes per step ({@link EdgeRows#mixed});
     * per-edge rank counters give the vertex indices.
     */
    private void cubes(int r, int j, int k, int[] ids, SliceSamples sm, SliceSamples s0, SliceSamples s1,
            SliceSamples s2, double[] grad) {
        int gx = g.gx;
        int gy = g.gy;
        int words = rows.words;
        long[] bits = rows.bits;
        int oa = r * words;
        int ob = oa + words;
        int oc = oa + gy * words;
        int od = oc + words;
        int x0 = rows.xBase[r];
        int x1 = rows.xBase[r + 1];
        int x2 = rows.xBase[r + gy];
        int x3 = rows.xBase[r + gy + 1];
        int y0 = rows.yBase[r];
        int y1 = rows.yBase[r + gy];
        int z0 = rows.zBase[r];
        int z1 = rows.zBase[r + 1];
        int out = 3 * rows.triBase[r];
        int a = j * gx;
        int b = a + gx;
        int[] table = EdgeRows.TABLE;
        int[] cutOf = EdgeRows.CUT;
        int stride = EdgeRows.STRIDE;
        long xn = bits[oa] ^ bits[ob] | bits[oa] ^ bits[oc] | bits[oa] ^ bits[od];
        for (int w = 0; w < words; w++) {
            long wa = bits[oa + w];
            long wb = bits[ob + w];
            long wc = bits[oc + w];
            long wd = bits[od + w];
            long x = xn;
            xn = w + 1 < words ? bits[oa + w + 1] ^ bits[ob + w + 1] | bits[oa + w + 1] ^ bits[oc + w + 1]
                    | bits[oa + w + 1] ^ bits[od + w + 1] : 0L;
            long wa2 = EdgeRows.shifted(bits, oa, w, words);
            long mix = rows.mixed(w, x, xn, wa, wa2);
            if (mix == 0) {
                continue;
            }
            long wb2 = EdgeRows.shifted(bits, ob, w, words);
            long wc2 = EdgeRows.shifted(bits, oc, w, words);
            long wd2 = EdgeRows.shifted(bits, od, w, words);
            do {
                int t = Long.numberOfTrailingZeros(mix);
                mix &= mix - 1;
                int i = 64 * w + t;
                int c = EdgeRows.cubeCase(t, wa, wa2, wb, wb2, wc, wc2, wd, wd2);
                int cut = cutOf[c];
                if ((cut & 1) != 0) {
                    vertex(x0, i, j, k, 0, lerpT(s0.at(a + i), s0.at(a + i + 1)), sm, s0, s1, s2, grad);
                }
                if ((cut & 0x10) != 0) {
                    vertex(y0, i, j, k, 1, lerpT(s0.at(a + i), s0.at(b + i)), sm, s0, s1, s2, grad);
                }
                if ((cut & 0x100) != 0) {
                    vertex(z0, i, j, k, 2, lerpT(s0.at(a + i), s1.at(a + i)), sm, s0, s1, s2, grad);
                }
                int nt = table[c * stride];
                ids[0] = x0;
                ids[1] = x1;
                ids[2] = x2;
                ids[3] = x3;
                ids[4] = y0;
                ids[5] = y0 + (cut >> 4 & 1);
                ids[6] = y1;
                ids[7] = y1 + (cut >> 6 & 1);
                ids[8] = z0;
                ids[9] = z0 + (cut >> 8 & 1);
                ids[10] = z1;
                ids[11] = z1 + (cut >> 10 & 1);
                int base = c * stride + 1;
                for (int e = base, end = base + 3 * nt; e < end; e += 3) {
                    idx[out] = ids[table[e]];
                    if (flip) {
                        idx[out + 1] = ids[table[e + 2]];
                        idx[out + 2] = ids[table[e + 1]];
                    } else {
                        idx[out + 1] = ids[table[e + 1]];
                        idx[out + 2] = ids[table[e + 2]];
                    }
                    out += 3;
                }
                x0 += cut & 1;
                x1 += cut >> 1 & 1;
                x2 += cut >> 2 & 1;
                x3 += cut >> 3 & 1;
                y0 += cut >> 4 & 1;
                y1 += cut >> 6 & 1;
                z0 += cut >> 8 & 1;
                z1 += cut >> 10 & 1;
            } while (mix != 0);
        }
        int hi = gx - 1;
        int wl = hi >>> 6;
        int tl = hi & 63;
        if (((bits[oa + wl] ^ bits[ob + wl]) >>> tl & 1) != 0) {
            vertex(y0, hi, j, k, 1, lerpT(s0.at(a + hi), s0.at(b + hi)), sm, s0, s1, s2, grad);
        }
        if (((bits[oa + wl] ^ bits[oc + wl]) >>> tl & 1) != 0) {
            vertex(z0, hi, j, k, 2, lerpT(s0.at(a + hi), s1.at(a + hi)), sm, s0, s1, s2, grad);
        }
    }

    /**
     * Vertex {@code id} on the edge from grid sample (i, j, k) along {@code axis} at fraction t.
     * {@code sm, s0, s1} are slices k-1, k, k+1; {@code s2} is slice k+2 for z edges (else unused).
     */
    private void vertex(int id, int i, int j, int k, int axis, float t, SliceSamples sm, SliceSamples s0,
            SliceSamples s1, SliceSamples s2, double[] grad) {
        double x = i - g.pad;
        double y = j - g.pad;
        double z = k - g.pad;
        switch (axis) {
            case 0 -> x += t;
            case 1 -> y += t;
            default -> z += t;
        }
        int o = 3 * id;
        pos[o] = (float) (m[0] * x + m[1] * y + m[2] * z + m[3]);
        pos[o + 1] = (float) (m[4] * x + m[5] * y + m[6] * z + m[7]);
        pos[o + 2] = (float) (m[8] * x + m[9] * y + m[10] * z + m[11]);
        if (nrm == null) {
            return;
        }
        gradient(i, j, sm, s0, s1, grad, 0);
        switch (axis) {
            case 0 -> gradient(i + 1, j, sm, s0, s1, grad, 3);
            case 1 -> gradient(i, j + 1, sm, s0, s1, grad, 3);
            default -> gradient(i, j, s0, s1, s2, grad, 3);
        }
        double gx = grad[0] + t * (grad[3] - grad[0]);
        double gy = grad[1] + t * (grad[4] - grad[1]);
        double gz = grad[2] + t * (grad[5] - grad[2]);
        // NB: values grow towards the inside, so the outward normal is minus the gradient.
        double nx = -(n[0] * gx + n[1] * gy + n[2] * gz);
        double ny = -(n[3] * gx + n[4] * gy + n[5] * gz);
        double nz = -(n[6] * gx + n[7] * gy + n[8] * gz);
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len > 0 && Double.isFinite(len)) {
            nrm[o] = (float) (nx / len);
            nrm[o + 1] = (float) (ny / len);
            nrm[o + 2] = (float) (nz / len);
        } else {
            nrm[o] = 0f;
            nrm[o + 1] = 0f;
            nrm[o + 2] = 0f;
        }
    }

    /** Index-space gradient at sample (i, j) of slice {@code at}; central, one-sided at the border. */
    private void gradient(int i, int j, SliceSamples below, SliceSamples at, SliceSamples above, double[] out, int o) {
        int gx = g.gx;
        int gy = g.gy;
        int x = i + j * gx;
        if (i == 0) {
            out[o] = (double) at.at(x + 1) - at.at(x);
        } else if (i == gx - 1) {
            out[o] = (double) at.at(x) - at.at(x - 1);
        } else {
            out[o] = 0.5 * ((double) at.at(x + 1) - at.at(x - 1));
        }
        if (j == 0) {
            out[o + 1] = (double) at.at(x + gx) - at.at(x);
        } else if (j == gy - 1) {
            out[o + 1] = (double) at.at(x) - at.at(x - gx);
        } else {
            out[o + 1] = 0.5 * ((double) at.at(x + gx) - at.at(x - gx));
        }
        if (below == null) {
            out[o + 2] = (double) above.at(x) - at.at(x);
        } else if (above == null) {
            out[o + 2] = (double) at.at(x) - below.at(x);
        } else {
            out[o + 2] = 0.5 * ((double) above.at(x) - below.at(x));
        }
    }
}
