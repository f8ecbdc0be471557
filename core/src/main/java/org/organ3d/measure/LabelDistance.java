package org.organ3d.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.joml.Matrix4d;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;

/**
 * Surface distances between two labels, e.g. a lesion and a vessel, in millimetres.
 *
 * <p>Surface: each label's voxel-boundary ("staircase") surface, sampled at the centre of every voxel
 * face between a voxel of the label and a voxel that is not (another label, background or the grid
 * border). Labels that touch share faces, so their minimum distance is exactly 0. The staircase
 * surface lies half a voxel step outside the voxel centres along each face normal; a smooth object
 * whose true boundary crosses the voxels at random depths is on average neither inside nor outside
 * it, but any one sample can be off by up to half a voxel step along its normal, so two surfaces'
 * distance is within one voxel step of the true gap (exact when both boundaries fall on voxel faces).
 *
 * <p>Distances between the sample sets are exact nearest-neighbour distances in LPS mm through a k-d
 * tree ({@link PointTree3}), computed in parallel over the query points. The directed distances
 * d(a, B) for every sample a of A and d(b, A) for every b of B give: minimum = the smallest of them;
 * Hausdorff = the largest; HD95 = max(P95(d(A→B)), P95(d(B→A))) (linear-interpolation percentile,
 * as MONAI's {@code compute_hausdorff_distance(percentile=95)}); mean = the average of all directed
 * distances of both sets (average symmetric surface distance).
 *
 * @param labelA         first label
 * @param labelB         second label
 * @param minimumMm      minimum surface distance, mm (0 when they touch)
 * @param hausdorffMm    Hausdorff distance, mm
 * @param hausdorff95Mm  95th-percentile Hausdorff distance, mm
 * @param meanMm         average symmetric surface distance, mm
 * @param closestLps     the two closest samples (on A, then on B), LPS mm
 */
public record LabelDistance(int labelA, int labelB, double minimumMm, double hausdorffMm, double hausdorff95Mm,
        double meanMm, List<Vec3> closestLps) {

    public LabelDistance {
        closestLps = List.copyOf(closestLps);
    }

    /**
     * Distances between labels {@code a} and {@code b} of {@code map}.
     *
     * @throws IllegalArgumentException if either label is absent
     */
    public static LabelDistance between(LabelMap map, int a, int b) {
        return between(map, a, b, new JavaBackend());
    }

    /**
     * As {@link #between(LabelMap, int, int)}, finding the labels' rows with {@code backend}'s
     * multi-label pass.
     */
    public static LabelDistance between(LabelMap map, int a, int b, ComputeBackend backend) {
        LabelStatistics scan = backend.labelStatistics(map, null, new LabelStatistics.Options(Set.of(a, b), new double[0], true));
        int ia0 = scan.indexOf(a);
        int ib0 = scan.indexOf(b);
        if (ia0 < 0 || ib0 < 0) {
            throw new IllegalArgumentException("label " + (ia0 < 0 ? a : b) + " is not in the label map");
        }
        RowExtents ea = RowExtents.of(scan, ia0);
        RowExtents eb = RowExtents.of(scan, ib0);
        double[] pa = faceCentres(map, a, ea);
        double[] pb = faceCentres(map, b, eb);
        double[][] ab = directed(pa, pb);
        double[][] ba = directed(pb, pa);
        double min = Double.POSITIVE_INFINITY;
        int ia = 0;
        int ib = 0;
        for (int p = 0; p < ab[0].length; p++) {
            if (ab[0][p] < min) {
                min = ab[0][p];
                ia = p;
                ib = (int) ab[1][p];
            }
        }
        double[] da = ab[0].clone();
        double[] db = ba[0].clone();
        Arrays.sort(da);
        Arrays.sort(db);
        double hd = Math.max(da[da.length - 1], db[db.length - 1]);
        double hd95 = Math.max(IntensityStats.percentile(da, 0.95), IntensityStats.percentile(db, 0.95));
        double sum = 0;
        for (double d : da) {
            sum += d;
        }
        for (double d : db) {
            sum += d;
        }
        Vec3 ca = new Vec3(pa[3 * ia], pa[3 * ia + 1], pa[3 * ia + 2]);
        Vec3 cb = new Vec3(pb[3 * ib], pb[3 * ib + 1], pb[3 * ib + 2]);
        return new LabelDistance(a, b, min, hd, hd95, sum / (da.length + db.length), List.of(ca, cb));
    }

    /** For each point of {@code from}: {@code [distances], [index of the nearest point of to]}. */
    private static double[][] directed(double[] from, double[] to) {
        PointTree3 tree = new PointTree3(to, to.length / 3);
        int n = from.length / 3;
        double[] d = new double[n];
        double[] which = new double[n];
        IntStream.range(0, n).parallel().forEach(p -> {
            double[] r = tree.nearest(from[3 * p], from[3 * p + 1], from[3 * p + 2]);
            d[p] = Math.sqrt(r[0]);
            which[p] = r[1];
        });
        return new double[][] {d, which};
    }

    /** Centres of the label's boundary voxel faces in LPS mm, x, y, z per face. */
    static double[] faceCentres(LabelMap map, int label, RowExtents e) {
        Dimensions d = map.dimensions();
        Matrix4d m = map.geometry().indexToLps();
        double[] out = new double[3 * 1024];
        int count = 0;
        int[][] steps = {{-1, 0, 0}, {1, 0, 0}, {0, -1, 0}, {0, 1, 0}, {0, 0, -1}, {0, 0, 1}};
        for (int k = e.k0; k <= e.k1; k++) {
            for (int j = e.j0; j <= e.j1; j++) {
                int hi = e.hi(j, k);
                for (int i = e.lo(j, k); i <= hi; i++) {
                    if (map.label(i, j, k) != label) {
                        continue;
                    }
                    for (int[] s : steps) {
                        int ni = i + s[0];
                        int nj = j + s[1];
                        int nk = k + s[2];
                        if (d.contains(ni, nj, nk) && map.label(ni, nj, nk) == label) {
                            continue;
                        }
                        if (count * 3 == out.length) {
                            out = Arrays.copyOf(out, out.length * 2);
                        }
                        double fi = i + 0.5 * s[0];
                        double fj = j + 0.5 * s[1];
                        double fk = k + 0.5 * s[2];
                        out[3 * count] = m.m00() * fi + m.m10() * fj + m.m20() * fk + m.m30();
                        out[3 * count + 1] = m.m01() * fi + m.m11() * fj + m.m21() * fk + m.m31();
                        out[3 * count + 2] = m.m02() * fi + m.m12() * fj + m.m22() * fk + m.m32();
                        count++;
                    }
                }
            }
        }
        return Arrays.copyOf(out, 3 * count);
    }
}
