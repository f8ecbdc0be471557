package org.organ3d.screen;

import org.organ3d.filter.HessianBlobFilter;
import org.organ3d.volume.Dimensions;

/**
 * One candidate's segmentation and features, on the box cut out around it (see
 * {@link LesionSegmentation}). Mutable only through its builder; then read-only. The mask and the
 * box's smoothed values are kept for the label map and the sub-voxel volume.
 */
final class LesionRegion {

    final int[] box;
    final Dimensions boxDims;
    final double background;
    String rejected;
    boolean[] mask;
    float[] smoothed;
    long voxels;
    /** Centroid as a fractional voxel index of the full grid. */
    double ci;
    double cj;
    double ck;
    double level;
    double threshold;
    double solidFraction;
    double meanHu;
    double maxHu;
    double elongation;
    boolean touchesBorder;
    double attachedFraction;
    double innerRadiusMm;
    double offsetMm;
    double fieldDistanceMm;
    double volumeMm3;
    double peakHu;
    /** Pieces of the attached structure (cut away by the opening) that run on to the box's border: vessels continuing. */
    int stubs;
    /** Fraction of the region's surface voxels that touch attached structure cut away from it. */
    double attachedContact;
    /** Fraction of the region's surface voxels that touch the outside of the field (the pleura, the liver capsule). */
    double fieldContact;

    private LesionRegion(int[] box, Dimensions boxDims, double background) {
        this.box = box;
        this.boxDims = boxDims;
        this.background = background;
    }

    boolean found() {
        return rejected == null;
    }

    /** Equivalent-sphere diameter of the voxel volume, mm. */
    double diameterMm() {
        return Math.cbrt(6 * volumeMm3 / Math.PI);
    }

    /** Collects a region's numbers. */
    static final class Builder {
        private final LesionRegion r;

        Builder(int[] box, Dimensions d, double background) {
            r = new LesionRegion(box, d, background);
        }

        LesionRegion reject(String why) {
            r.rejected = why;
            return r;
        }

        /**
         * Measures {@code region} (within {@code attached}, the thresholded region before the
         * opening) on the box {@code grid}.
         */
        LesionRegion measure(boolean[] region, boolean[] attached, float[][] raw, float[][] sm, Grid grid, Blob blob, double level,
                double threshold, double innerRadius, boolean[] field, double solidHu, int polarity) {
            Dimensions d = grid.d();
            int plane = d.sliceSize();
            double[] sp = grid.sp();
            long n = 0;
            long solid = 0;
            long near = 0;
            double si = 0;
            double sj = 0;
            double sk = 0;
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            boolean border = false;
            for (int v = 0; v < region.length; v++) {
                if (attached[v]) {
                    near++;
                }
                if (!region[v]) {
                    continue;
                }
                int i = grid.i(v);
                int j = grid.j(v);
                int k = grid.k(v);
                n++;
                si += i;
                sj += j;
                sk += k;
                float raw1 = raw[k][v - k * plane];
                sum += raw1;
                max = Math.max(max, raw1);
                if (!Double.isNaN(solidHu) && sm[k][v - k * plane] >= solidHu) {
                    solid++;
                }
                border |= i == 0 || j == 0 || k == 0 || i == d.nx() - 1 || j == d.ny() - 1 || k == d.nz() - 1;
            }
            if (n == 0) {
                return reject("empty region");
            }
            double mi = si / n;
            double mj = sj / n;
            double mk = sk / n;
            double[][] cov = new double[3][3];
            for (int v = 0; v < region.length; v++) {
                if (!region[v]) {
                    continue;
                }
                double[] p = {(grid.i(v) - mi) * sp[0], (grid.j(v) - mj) * sp[1], (grid.k(v) - mk) * sp[2]};
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        cov[a][b] += p[a] * p[b];
                    }
                }
            }
            // NB: each voxel adds the second moment of its own box (h²/12 per axis), so one voxel is not a line.
            double[] hcov = {cov[0][0] / n + sp[0] * sp[0] / 12, cov[1][1] / n + sp[1] * sp[1] / 12, cov[2][2] / n + sp[2] * sp[2] / 12,
                cov[0][1] / n, cov[0][2] / n, cov[1][2] / n};
            double[] e = HessianBlobFilter.eigenvalues(hcov);
            double emax = Math.max(e[0], Math.max(e[1], e[2]));
            double emin = Math.min(e[0], Math.min(e[1], e[2]));
            double fd = Double.POSITIVE_INFINITY;
            int ic = (int) Math.round(mi);
            int jc = (int) Math.round(mj);
            int kc = (int) Math.round(mk);
            for (int v = 0; v < field.length; v++) {
                if (!field[v]) {
                    double dx = (grid.i(v) - ic) * sp[0];
                    double dy = (grid.j(v) - jc) * sp[1];
                    double dz = (grid.k(v) - kc) * sp[2];
                    fd = Math.min(fd, dx * dx + dy * dy + dz * dz);
                }
            }
            LesionRegion out = r;
            out.mask = region;
            out.smoothed = flat(sm, plane);
            out.voxels = n;
            out.ci = r.box[0] + mi;
            out.cj = r.box[2] + mj;
            out.ck = r.box[4] + mk;
            out.level = level;
            out.threshold = threshold;
            out.solidFraction = Double.isNaN(solidHu) ? Double.NaN : solid / (double) n;
            out.meanHu = sum / n;
            out.maxHu = max;
            out.elongation = emax <= 0 ? 0 : Math.sqrt(Math.max(0, emin) / emax);
            out.touchesBorder = border;
            out.attachedFraction = near == 0 ? 0 : (near - n) / (double) near;
            out.innerRadiusMm = innerRadius;
            double dx = (out.ci - blob.i()) * sp[0];
            double dy = (out.cj - blob.j()) * sp[1];
            double dz = (out.ck - blob.k()) * sp[2];
            out.offsetMm = Math.sqrt(dx * dx + dy * dy + dz * dz);
            out.fieldDistanceMm = Math.sqrt(fd);
            out.volumeMm3 = n * sp[0] * sp[1] * sp[2];
            out.peakHu = r.background + polarity * level;
            contacts(out, region, attached, field, grid);
            return out;
        }

        /**
         * The region's contacts: the pieces of {@code attached} outside it that reach the box border
         * (a vessel segment has two, a bifurcation three, a juxta-vascular nodule one or two, an
         * isolated nodule none) and the fractions of its surface voxels (those with a 6-neighbour
         * outside it) touching the cut-away structure or the outside of the field.
         */
        private static void contacts(LesionRegion out, boolean[] region, boolean[] attached, boolean[] field, Grid grid) {
            Dimensions d = grid.d();
            int nx = d.nx();
            int ny = d.ny();
            int nz = d.nz();
            int plane = d.sliceSize();
            long surface = 0;
            long toAttached = 0;
            long toOutside = 0;
            int[] nb = new int[6];
            for (int v = 0; v < region.length; v++) {
                if (!region[v]) {
                    continue;
                }
                int count = neighbours(v, grid, nx, ny, nz, plane, nb);
                boolean edge = count < 6;
                boolean a = false;
                boolean o = false;
                for (int q = 0; q < count; q++) {
                    int w = nb[q];
                    if (!region[w]) {
                        edge = true;
                        a |= attached[w];
                        o |= !field[w];
                    }
                }
                if (edge) {
                    surface++;
                    toAttached += a ? 1 : 0;
                    toOutside += o ? 1 : 0;
                }
            }
            out.attachedContact = surface == 0 ? 0 : toAttached / (double) surface;
            out.fieldContact = surface == 0 ? 0 : toOutside / (double) surface;
            boolean[] seen = new boolean[region.length];
            int[] queue = new int[64];
            int stubs = 0;
            for (int s = 0; s < region.length; s++) {
                if (seen[s] || !attached[s] || region[s]) {
                    continue;
                }
                int head = 0;
                int tail = 0;
                queue[tail++] = s;
                seen[s] = true;
                boolean border = false;
                while (head < tail) {
                    int v = queue[head++];
                    int count = neighbours(v, grid, nx, ny, nz, plane, nb);
                    border |= count < 6;
                    for (int q = 0; q < count; q++) {
                        int w = nb[q];
                        if (!seen[w] && attached[w] && !region[w]) {
                            seen[w] = true;
                            if (tail == queue.length) {
                                queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                            }
                            queue[tail++] = w;
                        }
                    }
                }
                stubs += border ? 1 : 0;
            }
            out.stubs = stubs;
        }

        /** The in-box 6-neighbours of {@code v} into {@code nb}; their count (below 6 on the box's faces). */
        private static int neighbours(int v, Grid grid, int nx, int ny, int nz, int plane, int[] nb) {
            int i = grid.i(v);
            int j = grid.j(v);
            int k = grid.k(v);
            int c = 0;
            if (i > 0) {
                nb[c++] = v - 1;
            }
            if (i < nx - 1) {
                nb[c++] = v + 1;
            }
            if (j > 0) {
                nb[c++] = v - nx;
            }
            if (j < ny - 1) {
                nb[c++] = v + nx;
            }
            if (k > 0) {
                nb[c++] = v - plane;
            }
            if (k < nz - 1) {
                nb[c++] = v + plane;
            }
            return c;
        }

        private static float[] flat(float[][] s, int plane) {
            float[] out = new float[s.length * plane];
            for (int k = 0; k < s.length; k++) {
                System.arraycopy(s[k], 0, out, k * plane, plane);
            }
            return out;
        }
    }
}
