package org.organ3d.filter;

import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;

/**
 * Blob response of a Gaussian-smoothed image from its Hessian: the weakest of the three
 * curvatures where all three have the same sign, scale-normalised (Lindeberg, "Feature detection
 * with automatic scale selection", IJCV 30, 1998). It is the shape gate of the multiscale
 * Laplacian-of-Gaussian candidate generator of Fotin et al. (IEEE TMI) in the form of the "dot"
 * selectivity of Li, Sone and Doi ("Selective enhancement filters for nodules, vessels, and airway
 * walls in two- and three-dimensional CT scans", Med. Phys. 30, 2003), without their division by
 * the strongest curvature (which also penalises a blob that a vessel crosses).
 *
 * <p>Per voxel: the Hessian by central differences of the smoothed image (mm⁻² units, one-sided at
 * the border by replicating the edge), its eigenvalues sorted by magnitude
 * {@code |λa| >= |λb| >= |λc|}. Where the Hessian is negative definite (a bright blob: all three
 * curvatures negative) the response is {@code +σ²·|λc|·(|λc|/|λa|)^p}; where it is positive
 * definite (a dark blob) the same, negated; elsewhere 0. With selectivity p = 1 it is exactly Li's
 * dot filter |λc|²/|λa| (scale-normalised): stricter, used in the liver, where vessel crossings are
 * the false positives; with p = 0 a blob that a vessel crosses keeps its response (lung ground
 * glass). For a sphere the three eigenvalues are equal and the
 * response is the scale-normalised Laplacian over three; for a tube (one eigenvalue near 0) and a
 * plate (two near 0) it vanishes, which is how vessels and fissures are rejected. Units: the
 * image's (HU).
 *
 * <p>Definiteness is tested first by Sylvester's criterion (cheap), so eigenvalues are computed
 * only at blob-like voxels; they come from the closed-form trigonometric solution of the
 * characteristic cubic (Smith, CACM 4, 1961) in double precision. Slices run in parallel; the
 * result does not depend on the thread count. The reference for
 * {@link FilterPasses#hessianBlobness}.
 */
public final class HessianBlobFilter {

    private HessianBlobFilter() {
    }

    /**
     * The signed blob response of {@code smoothed} (slices of {@code d}; not modified).
     *
     * @param spacing mm between samples along i, j, k
     * @param sigmaMm the scale the image was smoothed at (for the σ² normalisation)
     * @param mask    where to compute (same grid; null for everywhere); 0 elsewhere
     * @param selectivity the shape exponent p, 0 or 1
     * @return new slices, owned by the caller
     */
    public static float[][] response(float[][] smoothed, Dimensions d, double[] spacing, double sigmaMm, byte[][] mask, int selectivity) {
        if (selectivity != 0 && selectivity != 1) {
            throw new IllegalArgumentException("selectivity must be 0 or 1: " + selectivity);
        }
        GaussianFilter.checkArgs(smoothed, d, spacing, sigmaMm, new int[] {1, 1, 1});
        if (mask != null && mask.length != d.nz()) {
            throw new IllegalArgumentException("mask has " + mask.length + " slices, dimensions say " + d.nz());
        }
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        double ixx = 1 / (spacing[0] * spacing[0]);
        double iyy = 1 / (spacing[1] * spacing[1]);
        double izz = 1 / (spacing[2] * spacing[2]);
        double ixy = 1 / (4 * spacing[0] * spacing[1]);
        double ixz = 1 / (4 * spacing[0] * spacing[2]);
        double iyz = 1 / (4 * spacing[1] * spacing[2]);
        double s2 = sigmaMm * sigmaMm;
        float[][] out = new float[nz][];
        IntStream.range(0, nz).parallel().forEach(k -> {
            float[] o = new float[nx * ny];
            float[] c = smoothed[k];
            float[] dn = smoothed[Math.max(0, k - 1)];
            float[] up = smoothed[Math.min(nz - 1, k + 1)];
            byte[] m = mask == null ? null : mask[k];
            double[] h = new double[6];
            for (int j = 0; j < ny; j++) {
                int jm = Math.max(0, j - 1) * nx;
                int jp = Math.min(ny - 1, j + 1) * nx;
                int r = j * nx;
                for (int i = 0; i < nx; i++) {
                    if (m != null && m[r + i] == 0) {
                        continue;
                    }
                    int im = Math.max(0, i - 1);
                    int ip = Math.min(nx - 1, i + 1);
                    double f = c[r + i];
                    h[0] = (c[r + ip] - 2 * f + c[r + im]) * ixx;
                    h[1] = (c[jp + i] - 2 * f + c[jm + i]) * iyy;
                    h[2] = (up[r + i] - 2 * f + dn[r + i]) * izz;
                    h[3] = (c[jp + ip] - c[jm + ip] - c[jp + im] + c[jm + im]) * ixy;
                    h[4] = (up[r + ip] - dn[r + ip] - up[r + im] + dn[r + im]) * ixz;
                    h[5] = (up[jp + i] - dn[jp + i] - up[jm + i] + dn[jm + i]) * iyz;
                    o[r + i] = (float) (s2 * dot(h, selectivity));
                }
            }
            out[k] = o;
        });
        return out;
    }

    /**
     * {@code |λc|·(|λc|/|λa|)^p} signed by the blob's polarity (+ bright, − dark), or 0 when the Hessian
     * {@code h = {xx, yy, zz, xy, xz, yz}} is not definite.
     */
    static double dot(double[] h, int p) {
        double xx = h[0];
        double yy = h[1];
        double zz = h[2];
        double xy = h[3];
        double xz = h[4];
        double yz = h[5];
        double m2 = xx * yy - xy * xy;
        double det = xx * (yy * zz - yz * yz) - xy * (xy * zz - yz * xz) + xz * (xy * yz - yy * xz);
        double sign;
        if (xx < 0 && m2 > 0 && det < 0) {
            sign = 1;
        } else if (xx > 0 && m2 > 0 && det > 0) {
            sign = -1;
        } else {
            return 0;
        }
        double[] e = eigenvalues(h);
        double a = Math.max(Math.abs(e[0]), Math.max(Math.abs(e[1]), Math.abs(e[2])));
        double c = Math.min(Math.abs(e[0]), Math.min(Math.abs(e[1]), Math.abs(e[2])));
        return p == 0 ? sign * c : a == 0 ? 0 : sign * c * c / a;
    }

    /** Eigenvalues of the symmetric matrix {@code h = {xx, yy, zz, xy, xz, yz}}, in no particular order. */
    public static double[] eigenvalues(double[] h) {
        double xx = h[0];
        double yy = h[1];
        double zz = h[2];
        double xy = h[3];
        double xz = h[4];
        double yz = h[5];
        double p1 = xy * xy + xz * xz + yz * yz;
        double q = (xx + yy + zz) / 3;
        if (p1 == 0) {
            return new double[] {xx, yy, zz};
        }
        double a = xx - q;
        double b = yy - q;
        double c = zz - q;
        double p2 = a * a + b * b + c * c + 2 * p1;
        double p = Math.sqrt(p2 / 6);
        // B = (A − qI)/p; r = det(B)/2
        double detB = (a * (b * c - yz * yz) - xy * (xy * c - yz * xz) + xz * (xy * yz - b * xz)) / (p * p * p);
        double r = Math.max(-1, Math.min(1, detB / 2));
        double phi = Math.acos(r) / 3;
        double e1 = q + 2 * p * Math.cos(phi);
        double e3 = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
        double e2 = 3 * q - e1 - e3;
        return new double[] {e1, e2, e3};
    }
}
