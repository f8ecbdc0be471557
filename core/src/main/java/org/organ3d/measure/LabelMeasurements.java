package org.organ3d.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Measures every label of a {@link LabelMap}: volumes, position, shape, RECIST diameters and, with
 * an image on the same grid, intensity statistics. All lengths are in patient millimetres (LPS).
 *
 * <p>Pass 1 ({@link LabelScan}): a fixed number of parallel sweeps over the voxels gathers, for all
 * labels at once, exact integer moments, voxel-face counts and each label's row extents.
 * Pass 2: per label, in parallel over labels: principal axes from the moments; the exact convex hull
 * of the voxel corners ({@link LabelHull}) and from it the bounding boxes, Feret diameters and RECIST
 * axes ({@link Recist}); the watertight surface for mesh volume, area and sphericity (when a
 * {@link LabelSurfaces} is given); intensity statistics over the label's rows.
 *
 * <p>Definitions and biases of every number: {@code docs/measurements.md}. Thread-safe (stateless);
 * uses the common fork-join pool.
 */
public final class LabelMeasurements {

    private LabelMeasurements() {
    }

    /**
     * Measures the labels of {@code map}.
     *
     * @param map      the label map
     * @param only     label values to measure (those present); null for every label present
     * @param image    image on the same grid for intensity statistics, or null
     * @param surfaces source of each label's surface for mesh volume, area and sphericity, or null to
     *                 leave them out (NaN)
     * @return one measurement per label present, in increasing label order
     * @throws IllegalArgumentException if the image's grid differs from the label map's
     */
    public static List<LabelMeasurement> measure(LabelMap map, Set<Integer> only, Volume image, LabelSurfaces surfaces) {
        if (image != null) {
            requireSameGrid(map, image);
        }
        LabelScan scan = LabelScan.scan(map, only);
        return IntStream.rangeClosed(1, scan.size()).parallel()
                .mapToObj(c -> measureOne(map, scan, c, image, surfaces))
                .toList();
    }

    /** Every label, no image, surfaces from {@link LabelSurfaces#indicatorIsoSurface()}. */
    public static List<LabelMeasurement> measure(LabelMap map) {
        return measure(map, null, null, LabelSurfaces.indicatorIsoSurface());
    }

    static void requireSameGrid(LabelMap map, Volume image) {
        if (!image.dimensions().equals(map.dimensions())) {
            throw new IllegalArgumentException("image is " + image.dimensions() + " but the label map is " + map.dimensions()
                    + ": intensity statistics need both on the same grid (resample first)");
        }
        double tol = 1e-3 * Math.min(map.geometry().spacing().minComponent(), 1.0);
        if (!image.geometry().equalsWithin(map.geometry(), tol)) {
            throw new IllegalArgumentException("image and label map have different voxel-to-patient geometry: "
                    + image.geometry() + " vs " + map.geometry());
        }
    }

    private static LabelMeasurement measureOne(LabelMap map, LabelScan s, int c, Volume image, LabelSurfaces surfaces) {
        Geometry g = map.geometry();
        Matrix4d a = g.indexToLps();
        int label = s.labelOf[c];
        long n = s.count[c];
        double vv = g.voxelVolume();
        double[] mu = {(double) s.si[c] / n, (double) s.sj[c] / n, (double) s.sk[c] / n};
        Vector3d centroid = g.indexToPatient(mu[0], mu[1], mu[2]);
        // Second central moments of the voxelized solid in index units: voxel centres plus 1/12 per
        // axis for the extent of each voxel (the second moment of a unit interval about its centre).
        double[][] ci = new double[3][3];
        ci[0][0] = (double) s.sii[c] / n - mu[0] * mu[0] + 1.0 / 12;
        ci[1][1] = (double) s.sjj[c] / n - mu[1] * mu[1] + 1.0 / 12;
        ci[2][2] = (double) s.skk[c] / n - mu[2] * mu[2] + 1.0 / 12;
        ci[0][1] = ci[1][0] = (double) s.sij[c] / n - mu[0] * mu[1];
        ci[0][2] = ci[2][0] = (double) s.sik[c] / n - mu[0] * mu[2];
        ci[1][2] = ci[2][1] = (double) s.sjk[c] / n - mu[1] * mu[2];
        double[][] l = {{a.m00(), a.m10(), a.m20()}, {a.m01(), a.m11(), a.m21()}, {a.m02(), a.m12(), a.m22()}};
        double[][] cm = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int q = 0; q < 3; q++) {
                double sum = 0;
                for (int x = 0; x < 3; x++) {
                    for (int y = 0; y < 3; y++) {
                        sum += l[r][x] * ci[x][y] * l[q][y];
                    }
                }
                cm[r][q] = sum;
            }
        }
        double[] lambda = new double[3];
        double[][] axes = new double[3][3];
        SymmetricEigen3.decompose(cm, lambda, axes);
        List<Vec3> axisList = new ArrayList<>();
        for (double[] e : axes) {
            axisList.add(new Vec3(e[0], e[1], e[2]));
        }
        Vec3 lengths = new Vec3(Math.sqrt(20 * Math.max(0, lambda[0])), Math.sqrt(20 * Math.max(0, lambda[1])),
                Math.sqrt(20 * Math.max(0, lambda[2])));

        RowExtents e = s.extents[c];
        LabelHull hull = LabelHull.of(e, g);
        double[] b = hull.bounds();
        double[] obb = hull.extentsAlong(axes);
        FeretDiameters feret = new FeretDiameters(hull);
        double[] maxF = feret.max();
        double[] minF = feret.min();
        Recist recist = Recist.of(hull, g);

        double faceArea = s.facesI[c] * crossLength(l, 1, 2) + s.facesJ[c] * crossLength(l, 0, 2)
                + s.facesK[c] * crossLength(l, 0, 1);
        double meshVolume = Double.NaN;
        double meshArea = Double.NaN;
        String method = null;
        if (surfaces != null) {
            Mesh mesh = surfaces.extract(map, label, new int[] {e.i0, e.i1, e.j0, e.j1, e.k0, e.k1});
            MeshProperties mp = MeshProperties.of(mesh);
            meshVolume = mp.volumeMm3();
            meshArea = mp.areaMm2();
            method = surfaces.method();
        }
        double sphericity = Math.cbrt(Math.PI) * Math.pow(6 * meshVolume, 2.0 / 3.0) / meshArea;
        IntensityStats stats = image == null ? null : IntensityStats.of(map, label, e, image);
        String name = map.info(label).map(LabelInfo::name).filter(x -> !x.isEmpty()).orElse(null);
        return new LabelMeasurement(label, name, n, n * vv, meshVolume, meshArea, method, faceArea,
                new Vec3(centroid.x, centroid.y, centroid.z), new Vec3(mu[0], mu[1], mu[2]),
                new Vec3(b[0], b[1], b[2]), new Vec3(b[3], b[4], b[5]), axisList, lengths,
                new Vec3(obb[0], obb[1], obb[2]), maxF[0], List.of(hull.vertex((int) maxF[1]), hull.vertex((int) maxF[2])),
                minF[0], new Vec3(minF[1], minF[2], minF[3]), sphericity, recist, stats);
    }

    /** |column x × column y| of the 3×3 linear part: the area of a voxel face spanned by those steps. */
    private static double crossLength(double[][] l, int x, int y) {
        double ax = l[0][x];
        double ay = l[1][x];
        double az = l[2][x];
        double bx = l[0][y];
        double by = l[1][y];
        double bz = l[2][y];
        double cx = ay * bz - az * by;
        double cy = az * bx - ax * bz;
        double cz = ax * by - ay * bx;
        return Math.sqrt(cx * cx + cy * cy + cz * cz);
    }
}
