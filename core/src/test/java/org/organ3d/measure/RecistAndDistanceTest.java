package org.organ3d.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;

class RecistAndDistanceTest {

    static final double SX = 0.6;
    static final double SZ = 2.5;

    /** An elliptical disc lesion (semi-axes 20 and 8 mm, rotated 30° in-plane) over 3 slices, the middle one full. */
    static Phantoms.Labeler disc() {
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        return (i, j, k) -> {
            if (k < 4 || k > 6) {
                return 0;
            }
            double scale = k == 5 ? 1.0 : 0.8;
            double x = (i - 40.3) * SX;
            double y = (j - 38.6) * SX;
            double u = (c * x + s * y) / (20 * scale);
            double v = (-s * x + c * y) / (8 * scale);
            return u * u + v * v <= 1 ? 2 : 0;
        };
    }

    @Test
    void discLesionGivesRecistLongAndShortAxisOnItsLargestSlice() {
        Geometry g = Geometry.axisAligned(new Spacing(SX, SX, SZ), new Vector3d(-50, -60, 100));
        LabelMeasurement r = LabelMeasurements.measure(Phantoms.draw(new Dimensions(80, 80, 10), g, disc()), null, null, null).get(0);
        double inPlaneDiagonal = SX * Math.sqrt(2);
        Recist rec = r.recist();
        assertEquals(5, rec.sliceIndex());
        assertEquals(40, rec.longAxisMm(), inPlaneDiagonal);
        assertEquals(16, rec.shortAxisMm(), inPlaneDiagonal);
        List<Vec3> e = rec.endpointsLps();
        assertEquals(rec.longAxisMm(), e.get(0).distance(e.get(1)), 1e-9);
        assertEquals(rec.shortAxisMm(), e.get(2).distance(e.get(3)), 1e-9);
        double[] lu = unit(e.get(0), e.get(1));
        double[] su = unit(e.get(2), e.get(3));
        assertEquals(0, lu[0] * su[0] + lu[1] * su[1] + lu[2] * su[2], 1e-12, "perpendicular");
        assertEquals(30, Math.toDegrees(Math.atan2(Math.abs(lu[1]), Math.abs(lu[0]))) * Math.signum(lu[0] * lu[1]), 3);
        for (Vec3 p : e) {
            assertEquals(100 + 5 * SZ, p.z(), 1e-9, "on the slice plane");
        }
    }

    @Test
    void rotatedCopyOnAnObliqueAffineGivesTheSameNumbers() {
        Geometry straight = Geometry.axisAligned(new Spacing(SX, SX, SZ));
        Geometry oblique = Phantoms.oblique(SX, SX, SZ);
        Dimensions d = new Dimensions(80, 80, 10);
        LabelMeasurement a = LabelMeasurements.measure(Phantoms.draw(d, straight, disc()), null, null, null).get(0);
        LabelMeasurement b = LabelMeasurements.measure(Phantoms.draw(d, oblique, disc()), null, null, null).get(0);
        assertEquals(a.volumeMm3(), b.volumeMm3(), 1e-9);
        assertEquals(a.voxelFaceAreaMm2(), b.voxelFaceAreaMm2(), 1e-9);
        assertEquals(a.maxFeretDiameterMm(), b.maxFeretDiameterMm(), 1e-9);
        assertEquals(a.minFeretDiameterMm(), b.minFeretDiameterMm(), 1e-9);
        assertEquals(a.recist().longAxisMm(), b.recist().longAxisMm(), 1e-9);
        assertEquals(a.recist().shortAxisMm(), b.recist().shortAxisMm(), 1e-9);
        assertEquals(a.recist().sliceIndex(), b.recist().sliceIndex());
        for (int x = 0; x < 3; x++) {
            assertEquals(a.principalLengthsMm().toArray()[x], b.principalLengthsMm().toArray()[x], 1e-9);
            assertEquals(a.orientedBoundingBoxMm().toArray()[x], b.orientedBoundingBoxMm().toArray()[x], 1e-9);
        }
        // Points follow the rotation: map a's LPS points back to index space and into b's geometry.
        assertEquals(0, moved(a.centroidLps(), straight, oblique).distance(b.centroidLps()), 1e-9);
        for (int p = 0; p < 4; p++) {
            Vec3 expect = moved(a.recist().endpointsLps().get(p), straight, oblique);
            assertEquals(0, expect.distance(b.recist().endpointsLps().get(p)), 1e-9);
        }
    }

    private static Vec3 moved(Vec3 p, Geometry from, Geometry to) {
        Vector3d idx = from.patientToIndex(new Vector3d(p.x(), p.y(), p.z()));
        Vector3d q = to.indexToPatient(idx.x, idx.y, idx.z);
        return new Vec3(q.x, q.y, q.z);
    }

    private static double[] unit(Vec3 a, Vec3 b) {
        double l = a.distance(b);
        return new double[] {(b.x() - a.x()) / l, (b.y() - a.y()) / l, (b.z() - a.z()) / l};
    }

    @Test
    void twoSpheresAtAKnownGapAreThatFarApart() {
        // Radii 8.5 voxels about voxel centres: the staircase boundary along the line of centres lies
        // on voxel faces, so the gap between the faces is exact there.
        Geometry g = Geometry.axisAligned(new Spacing(1, 1, 1));
        double r = 8.5;
        LabelMap m = Phantoms.draw(new Dimensions(64, 24, 24), g, (i, j, k) -> {
            double y = j - 12;
            double z = k - 12;
            if ((i - 12) * (i - 12) + y * y + z * z <= r * r) {
                return 1;
            }
            return (i - 42) * (i - 42) + y * y + z * z <= r * r ? 2 : 0;
        });
        LabelDistance d = LabelDistance.between(m, 1, 2);
        assertEquals(30 - 2 * r, d.minimumMm(), 0.5);
        assertEquals(13, d.minimumMm(), 1e-9);
        assertEquals(d.minimumMm(), d.closestLps().get(0).distance(d.closestLps().get(1)), 1e-12);
        // Hausdorff between two equal spheres 30 mm apart: every point of one is 30 mm from the same point of the other.
        assertEquals(30, d.hausdorffMm(), 1.0);
        assertTrue(d.hausdorff95Mm() <= d.hausdorffMm());
    }

    @Test
    void touchingLabelsAreZeroApartAndConcentricSpheresAreTheirRadiusDifferenceApart() {
        Geometry g = Geometry.axisAligned(new Spacing(0.9, 0.9, 1.4));
        LabelMap touching = Phantoms.draw(new Dimensions(20, 10, 10), g, (i, j, k) -> i < 10 ? 1 : 2);
        assertEquals(0, LabelDistance.between(touching, 1, 2).minimumMm(), 0);
        Vector3d sp = new Vector3d(0.9, 0.9, 1.4);
        Phantoms.Labeler inner = Phantoms.ellipsoidMm(20.2, 19.7, 13.1, sp, 8, 8, 8, 1);
        Phantoms.Labeler outer = Phantoms.ellipsoidMm(20.2, 19.7, 13.1, sp, 15, 15, 15, 2);
        LabelMap shells = Phantoms.draw(new Dimensions(40, 40, 26), g,
                (i, j, k) -> inner.label(i, j, k) > 0 ? 1 : outer.label(i, j, k));
        LabelDistance d = LabelDistance.between(shells, 1, 2);
        // The outer label's surface includes the cavity wall, which touches the inner sphere.
        assertEquals(0, d.minimumMm(), 0);
        assertEquals(15 - 8, d.hausdorffMm(), sp.length());
        assertThrows(IllegalArgumentException.class, () -> LabelDistance.between(shells, 1, 9));
    }

    @Test
    void kdTreeNearestNeighbourMatchesBruteForce() {
        Random r = new Random(3);
        int n = 3000;
        double[] p = new double[3 * n];
        for (int x = 0; x < p.length; x++) {
            p[x] = Math.floor(r.nextDouble() * 50) * 0.5; // ties on purpose
        }
        PointTree3 t = new PointTree3(p, n);
        for (int q = 0; q < 500; q++) {
            double x = r.nextDouble() * 30 - 2;
            double y = r.nextDouble() * 30 - 2;
            double z = r.nextDouble() * 30 - 2;
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                double dx = p[3 * s] - x;
                double dy = p[3 * s + 1] - y;
                double dz = p[3 * s + 2] - z;
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            assertEquals(best, t.nearest(x, y, z)[0], 0);
        }
    }
}
