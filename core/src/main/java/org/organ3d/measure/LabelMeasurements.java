package org.organ3d.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.LabelVoxels;
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
 * <p>Pass 1, on the compute backend ({@link ComputeBackend#labelStatistics}): one sweep over the
 * voxels gathers, for all labels at once, exact integer moments, voxel-face counts, each label's row
 * extents and the intensity statistics (exact percentiles included).
 * Pass 2: per label, in parallel over labels: principal axes from the moments; the exact convex hull
 * of the voxel corners ({@link LabelHull}) and from it the bounding boxes, Feret diameters and RECIST
 * axes ({@link Recist}); the watertight surface for mesh volume, area and sphericity (when a
 * {@link LabelSurfaces} is given; {@link LabelSurfaces#indicatorIsoSurface(ComputeBackend)} extracts
 * it on the backend), whose volumes and areas are computed for a batch of labels in one backend call
 * ({@link ComputeBackend#meshProperties(List)}).
 *
 * <p>Definitions and biases of every number: {@code docs/measurements.md}. Thread-safe (stateless);
 * uses the common fork-join pool and the backend (which serialises its device work).
 */
public final class LabelMeasurements {

    /** Labels measured per batch of pass 2 (their surfaces are held together for one mesh call). */
    private static final int BATCH = 64;

    private LabelMeasurements() {
    }

    /**
     * Measures the labels of {@code map} on the Java backend.
     *
     * @see #measure(LabelMap, Set, Volume, LabelSurfaces, ComputeBackend)
     */
    public static List<LabelMeasurement> measure(LabelMap map, Set<Integer> only, Volume image, LabelSurfaces surfaces) {
        return measure(map, only, image, surfaces, new JavaBackend());
    }

    /**
     * Measures the labels of {@code map}, the voxel pass and the mesh measurements on {@code backend}.
     *
     * @param map      the label map
     * @param only     label values to measure (those present); null for every label present
     * @param image    image on the same grid for intensity statistics, or null
     * @param surfaces source of each label's surface for mesh volume, area and sphericity, or null to
     *                 leave them out (NaN)
     * @param backend  the compute backend (e.g. {@code ComputeBackends.select("auto")}); not closed here
     * @return one measurement per label present, in increasing label order
     * @throws IllegalArgumentException if the image's grid differs from the label map's
     */
    public static List<LabelMeasurement> measure(LabelMap map, Set<Integer> only, Volume image, LabelSurfaces surfaces,
            ComputeBackend backend) {
        if (image != null) {
            requireSameGrid(map, image);
        }
        LabelStatistics scan = backend.labelStatistics(map, image,
                new LabelStatistics.Options(only, IntensityStats.PERCENTILES, true));
        List<LabelMeasurement> out = new ArrayList<>(scan.size());
        for (int from = 0; from < scan.size(); from += BATCH) {
            int to = Math.min(scan.size(), from + BATCH);
            List<Partial> part = IntStream.range(from, to).parallel()
                    .mapToObj(c -> geometry(map, scan, c, surfaces)).toList();
            List<MeshProperties> props = surfaces == null ? null
                    : backend.meshProperties(part.stream().map(Partial::mesh).toList());
            for (int q = 0; q < part.size(); q++) {
                out.add(part.get(q).finish(props == null ? null : props.get(q), surfaces));
            }
        }
        return out;
    }

    /** Every label, no image, surfaces from {@link LabelSurfaces#indicatorIsoSurface()}, on the Java backend. */
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

    /** A label measured up to its mesh's properties. */
    private record Partial(LabelMeasurement m, Mesh mesh) {

        LabelMeasurement finish(MeshProperties mp, LabelSurfaces surfaces) {
            if (mp == null) {
                return m;
            }
            double v = mp.volumeMm3();
            double area = mp.areaMm2();
            double sphericity = Math.cbrt(Math.PI) * Math.pow(6 * v, 2.0 / 3.0) / area;
            return new LabelMeasurement(m.label(), m.fileName().orElse(null), m.voxelCount(), m.volumeMm3(), v, area, surfaces.method(),
                    m.voxelFaceAreaMm2(), m.centroidLps(), m.centroidVoxel(), m.boundingBoxMinLps(), m.boundingBoxMaxLps(),
                    m.principalAxes(), m.principalLengthsMm(), m.orientedBoundingBoxMm(), m.maxFeretDiameterMm(),
                    m.maxFeretEndpointsLps(), m.minFeretDiameterMm(), m.minFeretDirectionLps(), sphericity, m.recist(),
                    m.intensity());
        }
    }

    private static Partial geometry(LabelMap map, LabelStatistics s, int c, LabelSurfaces surfaces) {
        Geometry g = map.geometry();
        Matrix4d a = g.indexToLps();
        LabelVoxels lv = s.voxels(c);
        int label = lv.label();
        long n = lv.count();
        double vv = g.voxelVolume();
        double[] mu = {(double) lv.sumI() / n, (double) lv.sumJ() / n, (double) lv.sumK() / n};
        Vector3d centroid = g.indexToPatient(mu[0], mu[1], mu[2]);
        // Second central moments of the voxelized solid in index units: voxel centres plus 1/12 per
        // axis for the extent of each voxel (the second moment of a unit interval about its centre).
        double[][] ci = new double[3][3];
        ci[0][0] = (double) lv.sumII() / n - mu[0] * mu[0] + 1.0 / 12;
        ci[1][1] = (double) lv.sumJJ() / n - mu[1] * mu[1] + 1.0 / 12;
        ci[2][2] = (double) lv.sumKK() / n - mu[2] * mu[2] + 1.0 / 12;
        ci[0][1] = ci[1][0] = (double) lv.sumIJ() / n - mu[0] * mu[1];
        ci[0][2] = ci[2][0] = (double) lv.sumIK() / n - mu[0] * mu[2];
        ci[1][2] = ci[2][1] = (double) lv.sumJK() / n - mu[1] * mu[2];
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

        RowExtents e = RowExtents.of(s, c);
        LabelHull hull = LabelHull.of(e, g);
        double[] b = hull.bounds();
        double[] obb = hull.extentsAlong(axes);
        FeretDiameters feret = new FeretDiameters(hull);
        double[] maxF = feret.max();
        double[] minF = feret.min();
        Recist recist = Recist.of(hull, g);

        double faceArea = lv.facesI() * crossLength(l, 1, 2) + lv.facesJ() * crossLength(l, 0, 2)
                + lv.facesK() * crossLength(l, 0, 1);
        Mesh mesh = surfaces == null ? null : surfaces.extract(map, label, new int[] {e.i0, e.i1, e.j0, e.j1, e.k0, e.k1});
        IntensityStats stats = s.intensity(c) == null ? null : IntensityStats.of(s.intensity(c));
        String name = map.info(label).map(LabelInfo::name).filter(x -> !x.isEmpty()).orElse(null);
        LabelMeasurement m = new LabelMeasurement(label, name, n, n * vv, Double.NaN, Double.NaN, null, faceArea,
                new Vec3(centroid.x, centroid.y, centroid.z), new Vec3(mu[0], mu[1], mu[2]),
                new Vec3(b[0], b[1], b[2]), new Vec3(b[3], b[4], b[5]), axisList, lengths,
                new Vec3(obb[0], obb[1], obb[2]), maxF[0], List.of(hull.vertex((int) maxF[1]), hull.vertex((int) maxF[2])),
                minF[0], new Vec3(minF[1], minF[2], minF[3]), Double.NaN, recist, stats);
        return new Partial(m, mesh);
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
