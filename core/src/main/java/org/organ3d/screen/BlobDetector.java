package org.organ3d.screen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.organ3d.filter.FilterPasses;
import org.organ3d.filter.GaussianFilter;
import org.organ3d.filter.HessianBlobFilter;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Multiscale blob detection in a field of a CT (Fotin et al.'s multiscale scale-normalised
 * Laplacian-of-Gaussian candidate generator, with Li et al.'s Hessian shape gate:
 * {@link HessianBlobFilter}).
 *
 * <p>The field's box is cut out (plus 3σ of the largest scale) and every voxel outside the field
 * is set to the field's background level, so the chest wall, mediastinum or the tissue around the
 * liver neither responds nor hides a lesion that touches it. For each scale σ the compute backend
 * smooths the box ({@link FilterPasses#gaussian}, sampled every ⌊σ/1.2h⌋ voxels so that the
 * finite differences stay accurate while coarse scales cost little) and computes the response
 * ({@link FilterPasses#hessianBlobness}) on the field. Local maxima over the 26 neighbours with
 * a response above the threshold (minima below minus it, for dark blobs) are refined to sub-voxel
 * position by a parabola per axis. Across scales, non-maximum suppression keeps the strongest blob
 * and drops every weaker one whose centre lies within the smaller of the two radii (σ√3): the same
 * blob seen at neighbouring scales goes, a small nodule beside a large vessel junction stays.
 *
 * <p>Thread-safe (stateless); the backend passes use all cores.
 */
final class BlobDetector {

    /**
     * What to look for.
     *
     * @param scalesMm   Gaussian σ of each scale, mm, increasing
     * @param threshold  minimum |response|, HU
     * @param minContrast minimum |smoothed value − background| at the peak, HU (noise peaks are faint)
     * @param bright     find bright blobs
     * @param dark       find dark blobs
     * @param selectivity the response's shape exponent ({@link HessianBlobFilter})
     */
    record Settings(double[] scalesMm, double threshold, double minContrast, boolean bright, boolean dark, int selectivity) {
    }

    private BlobDetector() {
    }

    /**
     * Blobs of {@code ct} inside {@code field} (non-zero voxels; their value is the field code)
     * within the inclusive box {@code fieldBox}, outside filled with {@code background} HU.
     */
    static List<Blob> detect(Volume ct, byte[][] field, int[] fieldBox, double background, Settings s, FilterPasses backend) {
        Dimensions full = ct.dimensions();
        var g = ct.geometry().spacing();
        double[] sp = {g.x, g.y, g.z};
        double sMax = s.scalesMm()[s.scalesMm().length - 1];
        int[] margin = {(int) Math.ceil(3 * sMax / sp[0]), (int) Math.ceil(3 * sMax / sp[1]), (int) Math.ceil(3 * sMax / sp[2])};
        int[] box = Crops.grow(fieldBox, margin, full);
        Dimensions cd = Crops.dims(box);
        float[][] img = Crops.valuesParallel(ct, box);
        byte[][] f = Crops.mask(field, full, box);
        float bg = (float) background;
        IntStream.range(0, cd.nz()).parallel().forEach(k -> {
            float[] v = img[k];
            byte[] m = f[k];
            for (int x = 0; x < v.length; x++) {
                if (m[x] == 0) {
                    v[x] = bg;
                }
            }
        });
        List<Blob> all = new ArrayList<>();
        for (double sigma : s.scalesMm()) {
            int[] step = {Math.max(1, (int) Math.floor(sigma / (1.2 * sp[0]))), Math.max(1, (int) Math.floor(sigma / (1.2 * sp[1]))),
                Math.max(1, (int) Math.floor(sigma / (1.2 * sp[2])))};
            Dimensions sd = GaussianFilter.sampledDimensions(cd, step);
            double[] ssp = {sp[0] * step[0], sp[1] * step[1], sp[2] * step[2]};
            float[][] sm = backend.gaussian(img, cd, sp, sigma, step);
            byte[][] sf = sampled(f, cd, step, sd);
            float[][] r = backend.hessianBlobness(sm, sd, ssp, sigma, sf, s.selectivity());
            all.addAll(maxima(r, sm, sf, sd, ssp, step, box, sigma, background, s));
        }
        return suppress(all, sp);
    }

    /** The mask at the sample points {@code index·step}. */
    private static byte[][] sampled(byte[][] m, Dimensions d, int[] step, Dimensions sd) {
        byte[][] out = new byte[sd.nz()][];
        IntStream.range(0, sd.nz()).parallel().forEach(c -> {
            byte[] src = m[c * step[2]];
            byte[] o = new byte[sd.sliceSize()];
            for (int b = 0; b < sd.ny(); b++) {
                int row = b * step[1] * d.nx();
                for (int a = 0; a < sd.nx(); a++) {
                    o[b * sd.nx() + a] = src[row + a * step[0]];
                }
            }
            out[c] = o;
        });
        return out;
    }

    private static List<Blob> maxima(float[][] r, float[][] sm, byte[][] field, Dimensions d, double[] ssp, int[] step, int[] box,
            double sigma, double background, Settings s) {
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        float t = (float) s.threshold();
        List<List<Blob>> per = new ArrayList<>();
        for (int k = 0; k < nz; k++) {
            per.add(new ArrayList<>());
        }
        IntStream.range(0, nz).parallel().forEach(k -> {
            List<Blob> out = per.get(k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int o = j * nx + i;
                    if (field[k][o] == 0) {
                        continue;
                    }
                    float v = r[k][o];
                    float sign;
                    if (s.bright() && v > t) {
                        sign = 1;
                    } else if (s.dark() && v < -t) {
                        sign = -1;
                    } else {
                        continue;
                    }
                    double contrast = sm[k][o] - background;
                    if (sign * contrast < s.minContrast() || !extremum(r, d, i, j, k, sign * v, sign)) {
                        continue;
                    }
                    double di = offset(r, d, i, j, k, 0, sign);
                    double dj = offset(r, d, i, j, k, 1, sign);
                    double dk = offset(r, d, i, j, k, 2, sign);
                    out.add(new Blob(box[0] + (i + di) * step[0], box[2] + (j + dj) * step[1], box[4] + (k + dk) * step[2],
                            sigma, v, contrast, shape(sm, d, ssp, i, j, k), field[k][o]));
                }
            }
        });
        List<Blob> all = new ArrayList<>();
        per.forEach(all::addAll);
        return all;
    }

    /**
     * True if sign·r at (i, j, k) is at least that of every neighbour, and strictly more than those
     * earlier in linear order (so a plateau yields one maximum).
     */
    private static boolean extremum(float[][] r, Dimensions d, int i, int j, int k, float v, float sign) {
        for (int c = -1; c <= 1; c++) {
            int kk = k + c;
            if (kk < 0 || kk >= d.nz()) {
                continue;
            }
            for (int b = -1; b <= 1; b++) {
                int jj = j + b;
                if (jj < 0 || jj >= d.ny()) {
                    continue;
                }
                for (int a = -1; a <= 1; a++) {
                    int ii = i + a;
                    if (ii < 0 || ii >= d.nx() || (a == 0 && b == 0 && c == 0)) {
                        continue;
                    }
                    float w = sign * r[kk][jj * d.nx() + ii];
                    boolean earlier = c < 0 || (c == 0 && (b < 0 || (b == 0 && a < 0)));
                    if (w > v || (earlier && w == v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** |λc|/|λa| of the Hessian at a sample (1 for a sphere, near 0 for a tube or plate). */
    private static double shape(float[][] sm, Dimensions d, double[] sp, int i, int j, int k) {
        int nx = d.nx();
        int im = Math.max(0, i - 1);
        int ip = Math.min(nx - 1, i + 1);
        int jm = Math.max(0, j - 1) * nx;
        int jp = Math.min(d.ny() - 1, j + 1) * nx;
        int r = j * nx;
        float[] c = sm[k];
        float[] dn = sm[Math.max(0, k - 1)];
        float[] up = sm[Math.min(d.nz() - 1, k + 1)];
        double f = c[r + i];
        double[] h = {(c[r + ip] - 2 * f + c[r + im]) / (sp[0] * sp[0]), (c[jp + i] - 2 * f + c[jm + i]) / (sp[1] * sp[1]),
            (up[r + i] - 2 * f + dn[r + i]) / (sp[2] * sp[2]),
            (c[jp + ip] - c[jm + ip] - c[jp + im] + c[jm + im]) / (4 * sp[0] * sp[1]),
            (up[r + ip] - dn[r + ip] - up[r + im] + dn[r + im]) / (4 * sp[0] * sp[2]),
            (up[jp + i] - dn[jp + i] - up[jm + i] + dn[jm + i]) / (4 * sp[1] * sp[2])};
        double[] e = HessianBlobFilter.eigenvalues(h);
        double a = Math.max(Math.abs(e[0]), Math.max(Math.abs(e[1]), Math.abs(e[2])));
        double m = Math.min(Math.abs(e[0]), Math.min(Math.abs(e[1]), Math.abs(e[2])));
        return a == 0 ? 0 : m / a;
    }

    /** Sub-sample offset of the peak along one axis by a parabola through three samples, in [−0.5, 0.5]. */
    private static double offset(float[][] r, Dimensions d, int i, int j, int k, int axis, float sign) {
        int[] p = {i, j, k};
        int[] n = {d.nx(), d.ny(), d.nz()};
        if (p[axis] == 0 || p[axis] == n[axis] - 1) {
            return 0;
        }
        p[axis]--;
        double lo = sign * r[p[2]][p[1] * d.nx() + p[0]];
        p[axis] += 2;
        double hi = sign * r[p[2]][p[1] * d.nx() + p[0]];
        double c = sign * r[k][j * d.nx() + i];
        double den = lo - 2 * c + hi;
        if (den >= 0) {
            return 0;
        }
        return Math.max(-0.5, Math.min(0.5, 0.5 * (lo - hi) / den));
    }

    /** Non-maximum suppression across scales in mm (strongest first). */
    static List<Blob> suppress(List<Blob> blobs, double[] sp) {
        List<Blob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingDouble((Blob b) -> -Math.abs(b.response())).thenComparingDouble(Blob::k)
                .thenComparingDouble(Blob::j).thenComparingDouble(Blob::i));
        List<Blob> kept = new ArrayList<>();
        for (Blob b : sorted) {
            boolean near = false;
            for (Blob a : kept) {
                if (Math.signum(a.response()) != Math.signum(b.response())) {
                    continue;
                }
                double dx = (a.i() - b.i()) * sp[0];
                double dy = (a.j() - b.j()) * sp[1];
                double dz = (a.k() - b.k()) * sp[2];
                double r = Math.min(a.radiusMm(), b.radiusMm());
                if (dx * dx + dy * dy + dz * dz <= r * r) {
                    near = true;
                    break;
                }
            }
            if (!near) {
                kept.add(b);
            }
        }
        return kept;
    }
}
