package org.organ3d.screen;

import org.organ3d.segment.DistanceTransform;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * Segments one candidate blob and measures the features its score is made of: an adaptive
 * threshold at the candidate's own levels, then separation from attached vessels by an opening at
 * the candidate's own size (after Kostis, Reeves, Yankelevitz and Henschke, "Three-dimensional
 * segmentation and growth-rate estimation of small pulmonary nodules in helical CT images", IEEE
 * TMI 22, 2003).
 *
 * <ol>
 *   <li>A box of about 2.2 blob radii (σ√3) plus 3 mm around the blob is cut out and smoothed by a
 *       Gaussian of 0.5 mm (noise). Contrast is {@code polarity·(value − B)}, B the median of the
 *       box's background voxels (lung air, or the organ), so the lesion is positive either way.</li>
 *   <li>Level: the region of contrast ≥ {@code lowContrast} connected to the brightest voxel near
 *       the blob; its in-plane interior gives the lesion's level L (median). In the lung, if a
 *       quarter of the interior lies in the ground-glass band (150 HU above B up to −300 HU), L is
 *       the median of that band: the outer boundary of a part-solid nodule is its ground glass.</li>
 *   <li>Boundary: the region of contrast ≥ L/2 (the half-way, partial-volume-unbiased level)
 *       inside the field, connected to the start voxel.</li>
 *   <li>Vessels: the largest inscribed ball radius r near the blob (Euclidean distance transform
 *       in mm) sets an opening radius 0.6·r: the region is eroded by it, the part nearest the blob
 *       kept and dilated back within the region. Structures thinner than 1.2·r (vessels attached to
 *       a nodule, the stalk of a juxta-pleural nodule) fall away; what was cut is a feature.</li>
 * </ol>
 *
 * <p>Caveats: a vessel at least 0.6 times the lesion's radius stays attached (the region then runs
 * to the box border, which the score penalises); ground glass traversed by a vessel counts the
 * vessel inside it; distances are on the grid's spacing (orthogonal grids). Stateless, thread-safe.
 */
final class LesionSegmentation {

    /** Solid component of lung nodules: at or above this HU (smoothed). */
    static final double SOLID_HU = -300;

    private static final double SMOOTH_MM = 0.5;

    /**
     * How to segment.
     *
     * @param lung        lung nodules (ground-glass logic, solid fraction) rather than organ lesions
     * @param lowContrast minimum contrast of the first region, HU
     * @param relativeLow for organ lesions: the first region's level as a fraction of the peak contrast
     * @param maxCropMm   largest half-size of the box, mm
     */
    record Settings(boolean lung, double lowContrast, double relativeLow, double maxCropMm) {
    }

    private LesionSegmentation() {
    }

    /**
     * Segments around {@code blob}.
     *
     * @param field      the field (non-zero = inside; when {@code fieldCode} > 0 only that code)
     * @param background the background voxels (lung air, or the organ) for the level B
     * @param polarity   +1 for a bright lesion, −1 for a dark one
     */
    static LesionRegion segment(Volume ct, Blob blob, byte[][] field, int fieldCode, byte[][] background, double globalBackground,
            int polarity, Settings s) {
        Dimensions full = ct.dimensions();
        Geometry g = ct.geometry();
        double[] sp = DistanceTransform.spacing(g);
        double r0 = blob.radiusMm();
        double half = Math.max(8, Math.min(s.maxCropMm(), 2.2 * r0 + 3));
        int ci = (int) Math.round(blob.i());
        int cj = (int) Math.round(blob.j());
        int ck = (int) Math.round(blob.k());
        int[] box = Crops.grow(new int[] {ci, ci, cj, cj, ck, ck},
                new int[] {(int) Math.ceil(half / sp[0]), (int) Math.ceil(half / sp[1]), (int) Math.ceil(half / sp[2])}, full);
        Dimensions cd = Crops.dims(box);
        int nx = cd.nx();
        int ny = cd.ny();
        int nz = cd.nz();
        float[][] raw = Crops.values(ct, box);
        float[][] sm = GaussianFilter.smooth(raw, cd, sp, SMOOTH_MM, new int[] {1, 1, 1});
        byte[][] inField = Crops.mask(field, full, box);
        byte[][] bg = Crops.mask(background, full, box);
        int n = cd.sliceSize() * nz;
        boolean[] f = new boolean[n];
        int[] hist = new int[4096];
        long bgCount = 0;
        for (int k = 0; k < nz; k++) {
            for (int x = 0; x < cd.sliceSize(); x++) {
                int v = inField[k][x];
                f[k * cd.sliceSize() + x] = fieldCode > 0 ? v == fieldCode : v != 0;
                if (bg[k][x] != 0) {
                    hist[Math.max(0, Math.min(4095, (int) Math.floor(sm[k][x]) + 2048))]++;
                    bgCount++;
                }
            }
        }
        double b = bgCount >= 50 ? Histograms.median(hist) - 2048 : globalBackground;
        float[] c = new float[n];
        for (int k = 0; k < nz; k++) {
            for (int x = 0; x < cd.sliceSize(); x++) {
                c[k * cd.sliceSize() + x] = (float) (polarity * (sm[k][x] - b));
            }
        }
        Grid grid = new Grid(cd, sp);
        double bi = blob.i() - box[0];
        double bj = blob.j() - box[2];
        double bk = blob.k() - box[4];
        double startR = Math.max(1.0, 0.6 * r0);
        int start = -1;
        float peak = Float.NEGATIVE_INFINITY;
        for (int v : grid.ball(bi, bj, bk, startR)) {
            if (f[v] && c[v] > peak) {
                peak = c[v];
                start = v;
            }
        }
        LesionRegion.Builder out = new LesionRegion.Builder(box, cd, b);
        double low = s.lung() ? s.lowContrast() : Math.max(s.lowContrast(), s.relativeLow() * peak);
        if (start < 0 || peak < low) {
            return out.reject("no structure above " + Math.round(low) + " HU contrast at the blob");
        }
        boolean[] lowRegion = grid.flood(start, v -> f[v] && c[v] >= low);
        double level = level(lowRegion, c, grid, s.lung(), b);
        double t = 0.5 * level;
        if (c[start] < t) {
            return out.reject("the blob's peak is below the half-way level");
        }
        boolean[] m = new boolean[n];
        for (int v = 0; v < n; v++) {
            m[v] = f[v] && c[v] >= t;
        }
        boolean[] c0 = grid.flood(start, v -> m[v]);
        float[] dist2 = grid.squaredDistanceToOutside(m);
        double rIn2 = 0;
        for (int v : grid.ball(bi, bj, bk, Math.max(r0, startR))) {
            if (c0[v]) {
                rIn2 = Math.max(rIn2, dist2[v]);
            }
        }
        double rIn = Math.sqrt(rIn2);
        double rho = 0.6 * rIn;
        boolean[] region = c0;
        if (rho >= 0.75 * Math.min(sp[0], sp[1])) {
            double rho2 = rho * rho;
            int core = -1;
            double best = -1;
            for (int v : grid.ball(bi, bj, bk, Math.max(r0, startR))) {
                if (c0[v] && dist2[v] > rho2 && dist2[v] > best) {
                    best = dist2[v];
                    core = v;
                }
            }
            if (core >= 0) {
                boolean[] eroded = grid.flood(core, v -> c0[v] && dist2[v] > rho2);
                boolean[] grown = grid.dilate(eroded, rho);
                region = new boolean[n];
                for (int v = 0; v < n; v++) {
                    region[v] = grown[v] && c0[v];
                }
            }
        }
        return out.measure(region, c0, raw, sm, grid, blob, level, t, rIn, f, s.lung() ? SOLID_HU : Double.NaN, polarity);
    }

    /**
     * The lesion's level (contrast units) from the first region. Lung: S, the 90th percentile, is
     * the densest level present; if it is solid (at least {@link #SOLID_HU}) and the region holds
     * at least 1.5 times as many voxels between 150 HU contrast and S/2 (ground glass) as at or
     * above S/2, the nodule is part-solid and its level is the median of the ground glass; if solid
     * otherwise, the median of the voxels at or above S/2. Else (ground glass, organ lesions): the
     * median of the region's in-plane interior (all of it when the interior is under 5 voxels).
     */
    private static double level(boolean[] lowRegion, float[] c, Grid grid, boolean lung, double b) {
        int nx = grid.d().nx();
        int ny = grid.d().ny();
        int plane = grid.d().sliceSize();
        FloatList inner = new FloatList();
        FloatList all = new FloatList();
        for (int v = 0; v < lowRegion.length; v++) {
            if (!lowRegion[v]) {
                continue;
            }
            all.add(c[v]);
            int x = v % plane;
            int i = x % nx;
            int j = x / nx;
            if (i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && lowRegion[v - 1] && lowRegion[v + 1] && lowRegion[v - nx] && lowRegion[v + nx]) {
                inner.add(c[v]);
            }
        }
        if (lung) {
            float[] sorted = all.sorted();
            double s = sorted[Math.min(sorted.length - 1, (int) Math.floor(0.9 * sorted.length))];
            if (s >= SOLID_HU - b) {
                FloatList solid = new FloatList();
                FloatList gg = new FloatList();
                for (float v : sorted) {
                    if (v >= 0.5 * s) {
                        solid.add(v);
                    } else if (v >= 150) {
                        gg.add(v);
                    }
                }
                return gg.size() >= 1.5 * solid.size() ? gg.median() : solid.median();
            }
        }
        return (inner.size() >= 5 ? inner : all).median();
    }

    /** A growable list of floats with a median. */
    private static final class FloatList {
        private float[] a = new float[64];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        float[] sorted() {
            float[] s = java.util.Arrays.copyOf(a, n);
            java.util.Arrays.sort(s);
            return s;
        }

        double median() {
            float[] s = sorted();
            return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        }
    }
}
