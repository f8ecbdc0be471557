package org.organ3d.testdata.screening;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.Solid;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * A noise-free CT image being painted, one float slice per k on a {@link PhantomGrid} (HU), and its
 * conversion to a scanner-like int16 volume.
 *
 * <p>Partial volume: a {@link Paint} covers each voxel by the fraction {@code f} of a
 * {@code sub × sub × sub} lattice of sub-samples (midpoint rule over the voxel box) that lie inside
 * its solid; the lattice is evaluated only where the solid's boundary may cross the voxel (its
 * distance lower bound is under half the voxel diagonal), elsewhere {@code f} is 0 or 1 exactly.
 * {@link Blend#OVER} mixes linearly ({@code v += f·(h − v)}): painting tissue over tissue, as a
 * scanner's box-filtered detector would see it. {@link Blend#MAX} only raises values
 * ({@code v += f·max(0, h − v)}): a ground-glass opacity over a vessel leaves the vessel visible.
 *
 * <p>Paints are applied in list order, in parallel over slices (each slice sees them in order), so
 * the result does not depend on the number of threads. Not thread-safe otherwise.
 */
public final class Canvas {

    /** How a paint combines with what is there. */
    public enum Blend {
        /** Replace, weighted by coverage. */
        OVER,
        /** Raise to the paint's value, weighted by coverage (never lowers). */
        MAX
    }

    /** A value field, HU at an LPS point (evaluated at voxel centres). */
    @FunctionalInterface
    public interface HuField {
        double at(double x, double y, double z);
    }

    /**
     * One painting operation.
     *
     * @param solid the region
     * @param hu    the value inside it
     * @param blend how it combines
     * @param sub   sub-samples per axis where the boundary crosses a voxel (1..8)
     */
    public record Paint(Solid solid, HuField hu, Blend blend, int sub) {
        public Paint {
            if (sub < 1 || sub > 8) {
                throw new IllegalArgumentException("sub must be 1..8: " + sub);
            }
        }

        /** A constant-value paint. */
        public static Paint of(Solid solid, double hu, Blend blend, int sub) {
            return new Paint(solid, (x, y, z) -> hu, blend, sub);
        }
    }

    private final PhantomGrid grid;
    private final float[][] slices;
    private final double ox;
    private final double oy;
    private final double oz;

    /** A canvas on {@code grid} filled with {@code fill} HU. */
    public Canvas(PhantomGrid grid, double fill) {
        this.grid = grid;
        int n = grid.nx() * grid.ny();
        this.slices = new float[grid.nz()][n];
        for (float[] s : slices) {
            java.util.Arrays.fill(s, (float) fill);
        }
        this.ox = -0.5 * (grid.nx() - 1) * grid.sx();
        this.oy = -0.5 * (grid.ny() - 1) * grid.sy();
        this.oz = -0.5 * (grid.nz() - 1) * grid.sz();
    }

    /** A canvas holding the rescaled values of {@code base} (same size as {@code grid}). */
    public Canvas(PhantomGrid grid, Volume base) {
        this(grid, 0);
        if (!base.dimensions().equals(grid.dimensions())) {
            throw new IllegalArgumentException("base volume is " + base.dimensions() + ", grid " + grid.dimensions());
        }
        for (int k = 0; k < grid.nz(); k++) {
            base.sliceValues(k, slices[k]);
        }
    }

    public PhantomGrid grid() {
        return grid;
    }

    /** Noise-free HU at voxel (i, j, k). */
    public float value(int i, int j, int k) {
        return slices[k][j * grid.nx() + i];
    }

    /** Applies {@code paints} in order (parallel over slices; deterministic). */
    public void paint(List<Paint> paints) {
        int m = paints.size();
        double[][] boxes = new double[m][];
        for (int p = 0; p < m; p++) {
            boxes[p] = paints.get(p).solid().bounds();
        }
        double h = halfDiagonal();
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            double z = oz + k * grid.sz();
            for (int p = 0; p < m; p++) {
                double[] b = boxes[p];
                if (z < b[4] - h || z > b[5] + h) {
                    continue;
                }
                paintSlice(paints.get(p), b, k, z, h);
            }
        });
    }

    private void paintSlice(Paint p, double[] b, int k, double z, double h) {
        int nx = grid.nx();
        int i0 = Math.max(0, (int) Math.floor((b[0] - h - ox) / grid.sx()));
        int i1 = Math.min(nx - 1, (int) Math.ceil((b[1] + h - ox) / grid.sx()));
        int j0 = Math.max(0, (int) Math.floor((b[2] - h - oy) / grid.sy()));
        int j1 = Math.min(grid.ny() - 1, (int) Math.ceil((b[3] + h - oy) / grid.sy()));
        float[] s = slices[k];
        Solid solid = p.solid();
        int sub = p.sub();
        for (int j = j0; j <= j1; j++) {
            double y = oy + j * grid.sy();
            for (int i = i0; i <= i1; i++) {
                double x = ox + i * grid.sx();
                double f;
                if (solid.farFromBoundary(x, y, z, h * 1.0001)) {
                    f = solid.contains(x, y, z) ? 1 : 0;
                } else {
                    f = coverage(solid, x, y, z, sub);
                }
                if (f == 0) {
                    continue;
                }
                int o = j * nx + i;
                double v = s[o];
                double target = p.hu().at(x, y, z);
                double d = p.blend() == Blend.OVER ? target - v : Math.max(0, target - v);
                s[o] = (float) (v + f * d);
            }
        }
    }

    private double coverage(Solid solid, double x, double y, double z, int sub) {
        int in = 0;
        for (int c = 0; c < sub; c++) {
            double zz = z + ((c + 0.5) / sub - 0.5) * grid.sz();
            for (int b = 0; b < sub; b++) {
                double yy = y + ((b + 0.5) / sub - 0.5) * grid.sy();
                for (int a = 0; a < sub; a++) {
                    if (solid.contains(x + ((a + 0.5) / sub - 0.5) * grid.sx(), yy, zz)) {
                        in++;
                    }
                }
            }
        }
        return in / (double) (sub * sub * sub);
    }

    private double halfDiagonal() {
        return 0.5 * Math.sqrt(grid.sx() * grid.sx() + grid.sy() * grid.sy() + grid.sz() * grid.sz());
    }

    /**
     * The scanner's image: each slice blurred in-plane by the binomial kernel [1 2 1]/4 along i and
     * j (a mild point-spread function), then Gaussian noise of standard deviation {@code noiseSigma}
     * HU added, correlated in-plane like reconstructed CT noise (white noise blurred by the same
     * kernel and scaled back to {@code noiseSigma}), rounded and stored as int16 with rescale
     * slope 1, intercept −1024. Deterministic for a seed whatever the number of threads.
     */
    public Volume toVolume(double noiseSigma, long seed) {
        int nx = grid.nx();
        int ny = grid.ny();
        Volume.Builder vb = Volume.builder(grid.dimensions(), VoxelType.INT16, grid.geometry()).rescale(new Rescale(1, -1024));
        // NB: Σw² of the separable 2D binomial kernel is 0.375², so white noise of σ/0.375 comes out at σ.
        double white = noiseSigma / 0.375;
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            float[] img = binomial(slices[k], nx, ny);
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + k);
            float[] noise = new float[nx * ny];
            for (int x = 0; x < noise.length; x++) {
                noise[x] = (float) (white * gaussian(rnd));
            }
            noise = binomial(noise, nx, ny);
            short[] out = new short[nx * ny];
            for (int x = 0; x < out.length; x++) {
                long stored = Math.round(img[x] + noise[x]) + 1024;
                out[x] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, stored));
            }
            // NB: distinct slices may be set from different threads.
            vb.setSlice(k, out);
        });
        return vb.build();
    }

    private static float[] binomial(float[] a, int nx, int ny) {
        float[] t = new float[a.length];
        for (int j = 0; j < ny; j++) {
            int r = j * nx;
            for (int i = 0; i < nx; i++) {
                float l = a[r + Math.max(0, i - 1)];
                float c = a[r + i];
                float q = a[r + Math.min(nx - 1, i + 1)];
                t[r + i] = 0.25f * l + 0.5f * c + 0.25f * q;
            }
        }
        float[] o = new float[a.length];
        for (int j = 0; j < ny; j++) {
            int up = Math.max(0, j - 1) * nx;
            int r = j * nx;
            int dn = Math.min(ny - 1, j + 1) * nx;
            for (int i = 0; i < nx; i++) {
                o[r + i] = 0.25f * t[up + i] + 0.5f * t[r + i] + 0.25f * t[dn + i];
            }
        }
        return o;
    }

    /** Standard normal sample (Box–Muller, one value per call for a fixed consumption pattern). */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
