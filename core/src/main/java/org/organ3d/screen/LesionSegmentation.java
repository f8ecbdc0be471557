package org.organ3d.screen;

import org.organ3d.filter.GaussianFilter;
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
 *   <li>Lung: the field near the candidate is recomputed at full resolution, the closing of the
 *       box's lung air by a ball (as {@link LungFields} does on its coarse grid), so that no sheet
 *       of chest wall sticks to a juxta-pleural nodule.</li>
 *   <li>A box of about 2.2 blob radii (σ√3) plus 3 mm around the blob is cut out and smoothed by a
 *       Gaussian of 0.5 mm (noise). Contrast is {@code polarity·(value − B)}, B the median of the
 *       box's background voxels (lung air, or the organ), so the lesion is positive either way.</li>
 *   <li>Level: the region of contrast ≥ {@code lowContrast} connected to the brightest voxel near
 *       the blob, within two blob radii of it, opened as below to cut vessels away; its median
 *       gives the lesion's level L; in the lung a solid core with a rim of ground glass makes the
 *       nodule part-solid and L the ground glass's level (its outer boundary); see {@code level}.</li>
 *   <li>Boundary: the region of contrast ≥ L/2 (the half-way, partial-volume-unbiased level)
 *       inside the field, connected to the start voxel.</li>
 *   <li>Vessels: the largest inscribed ball radius r near the blob (Euclidean distance transform
 *       in mm) sets an opening radius 0.5·r: the region is eroded by it, the part nearest the blob
 *       kept and dilated back within the region. Structures thinner than twice the opening radius
 *       (vessels attached to a nodule) fall away; what was cut is a feature. If the region still
 *       runs to the box border, 0.65·r and 0.8·r are tried; the first that detaches it wins.</li>
 *   <li>A compact region cut by the box (a large lesion found at a small scale) is segmented
 *       again in a box twice the size.</li>
 * </ol>
 *
 * <p>Caveats: a vessel at least 0.8 times the lesion's inscribed radius stays attached (the region then runs
 * to the box border, which the score penalises); ground glass traversed by a vessel counts the
 * vessel inside it; distances are on the grid's spacing (orthogonal grids). Stateless, thread-safe.
 */
final class LesionSegmentation {

    /** Solid component of lung nodules: at or above this HU (smoothed). */
    static final double SOLID_HU = -300;

    /**
     * How to segment.
     *
     * @param lung        lung nodules (ground-glass logic, solid fraction) rather than organ lesions
     * @param lowContrast minimum contrast of the first region, HU
     * @param relativeLow for organ lesions: the first region's level as a fraction of the peak contrast
     * @param maxCropMm   largest half-size of the box, mm
     * @param smoothMm    Gaussian σ of the box's smoothing, mm (noise against the lesion's contrast)
     * @param closingMm   lung: radius of the local rolling ball that keeps juxta-pleural nodules, mm
     */
    record Settings(boolean lung, double lowContrast, double relativeLow, double maxCropMm, double smoothMm, double closingMm) {
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
        double half = Math.max(8, Math.min(s.maxCropMm(), 2.2 * blob.radiusMm() + 3));
        LesionRegion r = segment(ct, blob, field, fieldCode, background, globalBackground, polarity, s, half);
        // NB: a compact region cut by the box (a big lesion found at a small scale) gets a larger box, once.
        if (r.found() && r.touchesBorder && half < s.maxCropMm() && r.voxels >= 0.08 * r.boxDims.voxelCount()) {
            LesionRegion big = segment(ct, blob, field, fieldCode, background, globalBackground, polarity, s,
                    Math.min(s.maxCropMm(), 2 * half));
            if (big.found()) {
                return big;
            }
        }
        return r;
    }

    private static LesionRegion segment(Volume ct, Blob blob, byte[][] field, int fieldCode, byte[][] background,
            double globalBackground, int polarity, Settings s, double half) {
        Dimensions full = ct.dimensions();
        Geometry g = ct.geometry();
        double[] sp = DistanceTransform.spacing(g);
        double r0 = blob.radiusMm();
        int ci = (int) Math.round(blob.i());
        int cj = (int) Math.round(blob.j());
        int ck = (int) Math.round(blob.k());
        int[] box = Crops.grow(new int[] {ci, ci, cj, cj, ck, ck},
                new int[] {(int) Math.ceil(half / sp[0]), (int) Math.ceil(half / sp[1]), (int) Math.ceil(half / sp[2])}, full);
        Dimensions cd = Crops.dims(box);
        int nz = cd.nz();
        float[][] raw = Crops.values(ct, box);
        float[][] sm = GaussianFilter.smooth(raw, cd, sp, s.smoothMm(), new int[] {1, 1, 1});
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
        Grid grid = new Grid(cd, sp);
        if (s.lung()) {
            localField(f, bg, grid, Math.min(s.closingMm(), 0.9 * half));
        }
        float[] c = new float[n];
        for (int k = 0; k < nz; k++) {
            for (int x = 0; x < cd.sliceSize(); x++) {
                c[k * cd.sliceSize() + x] = (float) (polarity * (sm[k][x] - b));
            }
        }
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
        // NB: the level is read near the blob only, so that attached vessels do not make ground glass look solid.
        boolean[] near = new boolean[n];
        for (int v : grid.ball(bi, bj, bk, Math.max(2 * r0, r0 + 3))) {
            near[v] = true;
        }
        boolean[] lowMask = new boolean[n];
        for (int v = 0; v < n; v++) {
            lowMask[v] = f[v] && near[v] && c[v] >= low;
        }
        boolean[] lowRegion = grid.flood(start, v -> lowMask[v]);
        double reach = Math.max(1.5 * r0, r0 + 2);
        // NB: vessels attached to the first region are cut away before its level is read.
        float[] lowDist2 = grid.squaredDistanceToOutside(lowMask);
        boolean[] lowOpened = open(lowRegion, lowDist2, OPENING[0] * Math.sqrt(maxIn(lowRegion, lowDist2, grid, bi, bj, bk, reach)),
                grid, bi, bj, bk, reach);
        double level = level(lowOpened != null ? lowOpened : lowRegion, c, grid, s.lung(), b, (int) Math.round(bk));
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
        double rIn = Math.sqrt(maxIn(c0, dist2, grid, bi, bj, bk, reach));
        boolean[] region = c0;
        if (touchesBorder(c0, grid)) {
            for (double factor : OPENING) {
                boolean[] opened = open(c0, dist2, factor * rIn, grid, bi, bj, bk, reach);
                if (opened != null) {
                    region = opened;
                    if (!touchesBorder(opened, grid)) {
                        break;
                    }
                }
            }
        } else {
            boolean[] opened = open(c0, dist2, OPENING[0] * rIn, grid, bi, bj, bk, reach);
            region = opened != null ? opened : c0;
        }
        return out.measure(region, c0, raw, sm, grid, blob, level, t, rIn, f, s.lung() ? SOLID_HU : Double.NaN, polarity);
    }

    /**
     * The lung field near a candidate at full resolution: the closing of the box's lung air by a
     * ball of {@code rho} mm (dilation, then erosion as the complement of the dilated complement),
     * joined with the air itself. It replaces the field, whose closing was computed on a 2 mm grid
     * and may hold a sheet of chest wall along the pleura that would stick to a juxta-pleural
     * nodule. Where the box has no lung air, the field is left as it is.
     */
    private static void localField(boolean[] f, byte[][] air, Grid grid, double rho) {
        int plane = grid.d().sliceSize();
        boolean[] a = new boolean[f.length];
        boolean any = false;
        for (int v = 0; v < a.length; v++) {
            a[v] = air[v / plane][v % plane] != 0;
            any |= a[v];
        }
        if (!any) {
            return;
        }
        boolean[] d = grid.dilate(a, rho);
        boolean[] out = new boolean[f.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = !d[v];
        }
        boolean[] e = grid.dilate(out, rho);
        for (int v = 0; v < f.length; v++) {
            f[v] = a[v] || !e[v];
        }
    }

    /** The largest squared distance to the outside among the voxels of {@code m} within {@code reach} mm of the blob. */
    private static double maxIn(boolean[] m, float[] dist2, Grid grid, double bi, double bj, double bk, double reach) {
        double best = 0;
        for (int v : grid.ball(bi, bj, bk, reach)) {
            if (m[v]) {
                best = Math.max(best, dist2[v]);
            }
        }
        return best;
    }

    /** Opening radii tried, as fractions of the inscribed radius: the first that detaches the region wins. */
    private static final double[] OPENING = {0.5, 0.65, 0.8};

    /**
     * The part of {@code c0} that survives an erosion by {@code rho} near the blob, dilated back by
     * {@code rho} within {@code c0}; null when the opening is below a voxel or erases everything near the blob.
     */
    private static boolean[] open(boolean[] c0, float[] dist2, double rho, Grid grid, double bi, double bj, double bk, double reach) {
        if (rho < 0.75 * Math.min(grid.sp()[0], grid.sp()[1])) {
            return null;
        }
        double rho2 = rho * rho;
        int core = -1;
        double best = -1;
        for (int v : grid.ball(bi, bj, bk, reach)) {
            if (c0[v] && dist2[v] > rho2 && dist2[v] > best) {
                best = dist2[v];
                core = v;
            }
        }
        if (core < 0) {
            return null;
        }
        boolean[] eroded = grid.flood(core, v -> c0[v] && dist2[v] > rho2);
        boolean[] grown = grid.dilate(eroded, rho);
        boolean[] region = new boolean[c0.length];
        for (int v = 0; v < c0.length; v++) {
            region[v] = grown[v] && c0[v];
        }
        return region;
    }

    private static boolean touchesBorder(boolean[] m, Grid grid) {
        Dimensions d = grid.d();
        for (int v = 0; v < m.length; v++) {
            if (m[v]) {
                int i = grid.i(v);
                int j = grid.j(v);
                int k = grid.k(v);
                if (i == 0 || j == 0 || k == 0 || i == d.nx() - 1 || j == d.ny() - 1 || k == d.nz() - 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The lesion's level (contrast units) from the first region (vessels cut away). Lung: S, the
     * 90th percentile, is the densest level present. If S is solid (at least {@link #SOLID_HU}) and
     * the region holds ground glass (at least 10 voxels from 150 HU contrast up to S/2 and −300 HU),
     * the nodule is part-solid when its ground glass forms a rim: on the slice of the blob the
     * region at half the ground glass's level reaches at least max(0.8 mm, 15 %) farther (in
     * equivalent in-plane radius) than the region at S/2; in-plane, where voxels are small, partial
     * volume cannot fake such a rim (across thick slices it could). A part-solid nodule's level is
     * that of its ground glass (its outer boundary), a solid nodule's the median at or above S/2.
     * Otherwise (ground glass, organ lesions): the median of the region's in-plane interior (all of
     * it when the interior is under 5 voxels).
     */
    private static double level(boolean[] region, float[] c, Grid grid, boolean lung, double b, int sliceK) {
        int nx = grid.d().nx();
        int ny = grid.d().ny();
        int plane = grid.d().sliceSize();
        FloatList inner = new FloatList();
        FloatList all = new FloatList();
        for (int v = 0; v < region.length; v++) {
            if (!region[v]) {
                continue;
            }
            all.add(c[v]);
            int x = v % plane;
            int i = x % nx;
            int j = x / nx;
            if (i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && region[v - 1] && region[v + 1] && region[v - nx] && region[v + nx]) {
                inner.add(c[v]);
            }
        }
        if (lung && all.size() > 0) {
            float[] sorted = all.sorted();
            double s = sorted[Math.min(sorted.length - 1, (int) Math.floor(0.9 * sorted.length))];
            if (s >= SOLID_HU - b) {
                FloatList solid = new FloatList();
                FloatList gg = new FloatList();
                double ggTop = Math.min(0.5 * s, SOLID_HU - b);
                for (float v : sorted) {
                    if (v >= 0.5 * s) {
                        solid.add(v);
                    } else if (v >= 150 && v < ggTop) {
                        gg.add(v);
                    }
                }
                if (gg.size() >= 10) {
                    double ggLevel = gg.median();
                    long outer = 0;
                    long core = 0;
                    int k = Math.max(0, Math.min(grid.d().nz() - 1, sliceK));
                    for (int x = 0; x < plane; x++) {
                        int v = k * plane + x;
                        if (region[v]) {
                            outer += c[v] >= 0.5 * ggLevel ? 1 : 0;
                            core += c[v] >= 0.5 * s ? 1 : 0;
                        }
                    }
                    double px = grid.sp()[0] * grid.sp()[1];
                    double rOut = Math.sqrt(outer * px / Math.PI);
                    double rCore = Math.sqrt(core * px / Math.PI);
                    if (rOut - rCore >= Math.max(0.8, 0.15 * rOut)) {
                        return ggLevel;
                    }
                }
                return solid.median();
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
