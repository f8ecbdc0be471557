package org.organ3d.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.organ3d.filter.FilterPasses;
import org.organ3d.filter.GaussianFilter;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.DistanceTransform;
import org.organ3d.segment.HoleFilling;
import org.organ3d.segment.Masks;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * The lung fields of a chest CT: where nodules are looked for.
 *
 * <ol>
 *   <li>Air: voxels below {@value #AIR_HU} HU; its 6-connected components that touch the side
 *       faces of the grid (air around the patient, under the table) are dropped, and of the rest
 *       the largest and every component of at least a tenth of its size are kept (bowel gas goes).</li>
 *   <li>Trachea and main bronchi: in the most superior slices with kept air, the roundest small
 *       air region near the middle is the trachea; a connected threshold from it at −950, −975
 *       then −990 HU (the first whose region stays under {@value #MAX_AIRWAY_ML} mL: the leak guard
 *       of Hu, Hoffman and Reinhardt, IEEE TMI 20, 2001) follows the lumen of the airway tree as
 *       far as it is resolved; it is dilated by 1.5 mm (the partial-volume rim of the lumen) and
 *       removed, which separates the lungs at the hila.</li>
 *   <li>Left and right: the two largest remaining components, told apart by their centroids (LPS
 *       +x is the patient's left). A single component (lungs touching at the anterior junction) is
 *       kept as one field and reported in the notes.</li>
 *   <li>Search region of each lung: a morphological closing by a ball of {@code closingMm}
 *       (a rolling ball, computed on a grid of about 2 mm) so that juxta-pleural nodules, which
 *       indent the air mask, come back inside; then the union with the lung and slice-wise hole
 *       filling (nodules, vessels and airway walls inside the lung).</li>
 * </ol>
 *
 * <p>Caveats: the airway threshold assumes no emphysema below −950 HU in contact with the airway
 * tree (the leak guard then falls back to stricter thresholds, and finally to no airway removal
 * with a note); the closing also takes in narrow recesses of the mediastinal surface (hilum),
 * where the candidate classifier must reject vessels. Distances use the grid spacing (exact for
 * orthogonal grids; gantry-tilted grids are treated as if orthogonal).
 */
public final class LungFields {

    /** Air threshold, HU (Hu et al. use an optimal threshold near −400 to −500). */
    public static final double AIR_HU = -400;
    /** Largest airway tree accepted before the leak guard tries a stricter threshold, mL. */
    public static final double MAX_AIRWAY_ML = 300;

    private static final double[] AIRWAY_THRESHOLDS = {-950, -975, -990};
    private static final double COARSE_MM = 2.0;

    private final Dimensions dims;
    private final byte[][] lungs;
    private final byte[][] region;
    private final int[] regionBox;
    private final double parenchymaHu;
    private final List<String> notes;

    private LungFields(Dimensions dims, byte[][] lungs, byte[][] region, int[] regionBox, double parenchymaHu, List<String> notes) {
        this.dims = dims;
        this.lungs = lungs;
        this.region = region;
        this.regionBox = regionBox;
        this.parenchymaHu = parenchymaHu;
        this.notes = List.copyOf(notes);
    }

    /** Grid of the masks (the CT's). */
    public Dimensions dimensions() {
        return dims;
    }

    /** The lungs' air (after airway removal): 1 right, 2 left, 0 elsewhere (both 1 if not split). Shared; do not modify. */
    byte[][] lungs() {
        return lungs;
    }

    /** The search region (closed, holes filled): 1 right, 2 left. Shared; do not modify. */
    byte[][] region() {
        return region;
    }

    /** Inclusive voxel box of the search region, or null when no lung was found. */
    int[] regionBox() {
        return regionBox == null ? null : regionBox.clone();
    }

    /** Median HU of the lungs' air. */
    public double parenchymaHu() {
        return parenchymaHu;
    }

    /** What was found and what was not (airway, split), one line each. */
    public List<String> notes() {
        return notes;
    }

    /** Voxels in the search region. */
    public long regionVoxels() {
        return Masks.count(region);
    }

    /**
     * Segments the lung fields of {@code ct} (HU), with the heavy passes on {@code backend}.
     *
     * @param closingMm radius of the rolling ball that brings juxta-pleural nodules back into the field, mm
     */
    public static LungFields segment(Volume ct, FilterPasses backend, double closingMm) {
        Dimensions d = ct.dimensions();
        double[] sp = DistanceTransform.spacing(ct.geometry());
        List<String> notes = new ArrayList<>();
        byte[][] air = backend.threshold(ct, new ThresholdRange(Double.NEGATIVE_INFINITY, AIR_HU));
        Components comps = backend.connectedComponents(air, d, ct.geometry(), Connectivity.SIX);
        boolean[] keep = internalLarge(comps, d);
        byte[][] body = comps.mask(c -> keep[c]);
        air = null;
        byte[][] airway = airway(ct, body, d, notes);
        byte[][] lungAir = body;
        if (airway != null) {
            byte[][] rim = backend.withinMm(airway, d, sp, 1.5);
            IntStream.range(0, d.nz()).parallel().forEach(k -> {
                byte[] l = lungAir[k];
                byte[] r = rim[k];
                for (int x = 0; x < l.length; x++) {
                    if (r[x] != 0) {
                        l[x] = 0;
                    }
                }
            });
        }
        Components lc = backend.connectedComponents(lungAir, d, ct.geometry(), Connectivity.SIX);
        byte[][] lungs = sides(ct, lc, notes);
        int[] box = Masks.boundingBox(lungs, d);
        if (box == null) {
            notes.add("no lung found (no air region inside the body below " + (int) AIR_HU + " HU)");
            return new LungFields(d, lungs, new byte[d.nz()][d.sliceSize()], null, -860, notes);
        }
        byte[][] region = searchRegion(lungs, d, sp, closingMm, backend);
        double parenchyma = medianIn(ct, lungs);
        return new LungFields(d, lungs, region, Masks.boundingBox(region, d), parenchyma, notes);
    }

    /** Components not touching the side faces (i or j border), the largest and those ≥ 1/10 of it. */
    private static boolean[] internalLarge(Components comps, Dimensions d) {
        int n = comps.count();
        boolean[] touches = new boolean[n + 1];
        for (int k = 0; k < d.nz(); k++) {
            for (int i = 0; i < d.nx(); i++) {
                touches[comps.componentAt(i, 0, k)] = true;
                touches[comps.componentAt(i, d.ny() - 1, k)] = true;
            }
            for (int j = 0; j < d.ny(); j++) {
                touches[comps.componentAt(0, j, k)] = true;
                touches[comps.componentAt(d.nx() - 1, j, k)] = true;
            }
        }
        boolean[] keep = new boolean[n + 1];
        long largest = 0;
        for (int c = 1; c <= n; c++) {
            if (!touches[c]) {
                largest = Math.max(largest, comps.sizeVoxels(c));
            }
        }
        for (int c = 1; c <= n; c++) {
            keep[c] = !touches[c] && largest > 0 && comps.sizeVoxels(c) * 10 >= largest;
        }
        return keep;
    }

    /** The airway lumen grown from the trachea, or null (with a note) when none is found. */
    private static byte[][] airway(Volume ct, byte[][] body, Dimensions d, List<String> notes) {
        List<VoxelIndex> seeds = TracheaSeed.find(ct, body);
        if (seeds.isEmpty()) {
            notes.add("trachea not found in the superior slices: airways not removed");
            return null;
        }
        double vv = ct.geometry().voxelVolume();
        for (double t : AIRWAY_THRESHOLDS) {
            RegionGrowing.Result r = RegionGrowing.connectedThreshold(ct, seeds,
                    new ThresholdRange(Double.NEGATIVE_INFINITY, t), Connectivity.SIX, MAX_AIRWAY_ML * 1000, 1);
            if (!r.leakGuardHit() && r.voxels() > 0) {
                notes.add(String.format(Locale.ROOT, "airways: %.1f mL below %.0f HU grown from the trachea at voxel %s",
                        r.voxels() * vv / 1000, t, seeds.get(0)));
                return Masks.foreground(r.region());
            }
        }
        notes.add("airway growing leaked at every threshold (emphysema?): airways not removed");
        return null;
    }

    /** 1 = right, 2 = left from the two largest components (both 1 when only one is large). */
    private static byte[][] sides(Volume ct, Components lc, List<String> notes) {
        Dimensions d = ct.dimensions();
        int n = lc.count();
        if (n == 0) {
            return new byte[d.nz()][d.sliceSize()];
        }
        boolean two = n >= 2 && lc.sizeVoxels(2) * 10 >= lc.sizeVoxels(1);
        int[] code = new int[n + 1];
        if (two) {
            double x1 = centroidX(ct, lc, 1);
            double x2 = centroidX(ct, lc, 2);
            code[1] = x1 < x2 ? 1 : 2;
            code[2] = 3 - code[1];
        } else {
            code[1] = 1;
            notes.add("lungs not separated (one air region): one search field");
        }
        return labelled(lc, code, d);
    }

    private static byte[][] labelled(Components lc, int[] code, Dimensions d) {
        byte[][] right = lc.mask(c -> code[c] == 1);
        byte[][] left = lc.mask(c -> code[c] == 2);
        IntStream.range(0, d.nz()).parallel().forEach(k -> {
            byte[] r = right[k];
            byte[] l = left[k];
            for (int x = 0; x < r.length; x++) {
                r[x] = (byte) (r[x] + 2 * l[x]);
            }
        });
        return right;
    }

    private static double centroidX(Volume ct, Components lc, int c) {
        Dimensions d = ct.dimensions();
        double si = 0;
        double sj = 0;
        double sk = 0;
        long n = 0;
        for (int k = 0; k < d.nz(); k += 2) {
            for (int j = 0; j < d.ny(); j += 2) {
                for (int i = 0; i < d.nx(); i += 2) {
                    if (lc.componentAt(i, j, k) == c) {
                        si += i;
                        sj += j;
                        sk += k;
                        n++;
                    }
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        return ct.geometry().indexToPatient(si / n, sj / n, sk / n).x;
    }

    /** Closing by a ball on a coarse grid, union with the lungs, slice-wise holes filled; keeps the side code. */
    private static byte[][] searchRegion(byte[][] lungs, Dimensions d, double[] sp, double closingMm, FilterPasses backend) {
        byte[][] out = new byte[d.nz()][d.sliceSize()];
        for (int side = 1; side <= 2; side++) {
            int s = side;
            byte[][] mine = new byte[d.nz()][];
            IntStream.range(0, d.nz()).parallel().forEach(k -> {
                byte[] o = new byte[d.sliceSize()];
                byte[] l = lungs[k];
                for (int x = 0; x < o.length; x++) {
                    o[x] = (byte) (l[x] == s ? 1 : 0);
                }
                mine[k] = o;
            });
            int[] lb = Masks.boundingBox(mine, d);
            if (lb == null) {
                continue;
            }
            // NB: the closing can reach closingMm beyond the lung; two coarse cells more keep it off the box faces.
            int[] box = Crops.grow(lb, new int[] {(int) Math.ceil(closingMm / sp[0]) + 2, (int) Math.ceil(closingMm / sp[1]) + 2,
                (int) Math.ceil(closingMm / sp[2]) + 2}, d);
            Dimensions bd = Crops.dims(box);
            byte[][] crop = Crops.mask(mine, d, box);
            int[] step = {Math.max(1, (int) Math.round(COARSE_MM / sp[0])), Math.max(1, (int) Math.round(COARSE_MM / sp[1])),
                Math.max(1, (int) Math.round(COARSE_MM / sp[2]))};
            Dimensions cd = GaussianFilter.sampledDimensions(bd, step);
            double[] csp = {sp[0] * step[0], sp[1] * step[1], sp[2] * step[2]};
            byte[][] closed = closing(Crops.downsample(crop, bd, step, cd), cd, csp, closingMm, backend);
            byte[][] up = Crops.upsample(closed, cd, step, bd);
            IntStream.range(0, bd.nz()).parallel().forEach(k -> {
                byte[] u = up[k];
                byte[] c = crop[k];
                for (int x = 0; x < u.length; x++) {
                    u[x] = (byte) (u[x] != 0 || c[x] != 0 ? 1 : 0);
                }
            });
            byte[][] filled = HoleFilling.fillSlices(up, bd, false);
            IntStream.range(0, bd.nz()).parallel().forEach(kk -> {
                byte[] f = filled[kk];
                byte[] o = out[box[4] + kk];
                for (int jj = 0; jj < bd.ny(); jj++) {
                    int row = (box[2] + jj) * d.nx() + box[0];
                    for (int ii = 0; ii < bd.nx(); ii++) {
                        if (f[jj * bd.nx() + ii] != 0 && o[row + ii] == 0) {
                            o[row + ii] = (byte) s;
                        }
                    }
                }
            });
        }
        return out;
    }

    /** Dilation then erosion by a ball of {@code r} mm (erosion = complement of the dilated complement). */
    private static byte[][] closing(byte[][] m, Dimensions d, double[] sp, double r, FilterPasses backend) {
        // NB: beyond the grid border nothing erodes, so near the border the closing can only be larger.
        byte[][] dil = backend.withinMm(m, d, sp, r);
        byte[][] comp = new byte[d.nz()][];
        for (int k = 0; k < d.nz(); k++) {
            byte[] c = new byte[d.sliceSize()];
            for (int x = 0; x < c.length; x++) {
                c[x] = (byte) (dil[k][x] == 0 ? 1 : 0);
            }
            comp[k] = c;
        }
        byte[][] grown = backend.withinMm(comp, d, sp, r);
        for (int k = 0; k < d.nz(); k++) {
            byte[] g = grown[k];
            for (int x = 0; x < g.length; x++) {
                g[x] = (byte) (g[x] == 0 ? 1 : 0);
            }
        }
        return grown;
    }

    private static double medianIn(Volume ct, byte[][] mask) {
        Dimensions d = ct.dimensions();
        int[] hist = new int[4096];
        float[] row = null;
        for (int k = 0; k < d.nz(); k += 2) {
            row = ct.sliceValues(k, row);
            byte[] m = mask[k];
            for (int x = 0; x < m.length; x += 3) {
                if (m[x] != 0) {
                    int b = (int) Math.floor(row[x]) + 2048;
                    hist[Math.max(0, Math.min(hist.length - 1, b))]++;
                }
            }
        }
        return Histograms.median(hist) - 2048;
    }
}
