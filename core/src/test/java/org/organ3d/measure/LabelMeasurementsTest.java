package org.organ3d.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;

class LabelMeasurementsTest {

    private static LabelMeasurement only(LabelMap m) {
        List<LabelMeasurement> all = LabelMeasurements.measure(m, null, null, null);
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void boxOfVoxelsOnAnisotropicGridHasExactVolumeFeretAreaAndBoundingBox() {
        // 20 × 12 × 6 voxels of 0.8 × 0.8 × 2.0 mm: a 16 × 9.6 × 12 mm box.
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.8, 2.0), new Vector3d(10, -20, 30));
        LabelMap m = Phantoms.draw(new Dimensions(40, 30, 12), g,
                (i, j, k) -> i >= 5 && i < 25 && j >= 7 && j < 19 && k >= 3 && k < 9 ? 4 : 0);
        LabelMeasurement r = only(m);
        double a = 16;
        double b = 9.6;
        double c = 12;
        assertEquals(4, r.label());
        assertEquals(20 * 12 * 6, r.voxelCount());
        assertEquals(a * b * c, r.volumeMm3(), 1e-9);
        assertEquals(a * b * c / 1000, r.volumeCm3(), 1e-12);
        assertEquals(2 * (a * b + b * c + a * c), r.voxelFaceAreaMm2(), 1e-9);
        assertEquals(Math.sqrt(a * a + b * b + c * c), r.maxFeretDiameterMm(), 1e-9);
        assertEquals(b, r.minFeretDiameterMm(), 1e-9);
        // Voxel centres 5..24 → corners 4.5..24.5 → 10 + 0.8·4.5 = 13.6.
        assertEquals(13.6, r.boundingBoxMinLps().x(), 1e-9);
        assertEquals(10 + 0.8 * 24.5, r.boundingBoxMaxLps().x(), 1e-9);
        assertEquals(30 + 2 * 2.5, r.boundingBoxMinLps().z(), 1e-9);
        assertEquals(new Vec3(14.5, 12.5, 5.5), r.centroidVoxel());
        assertEquals(10 + 0.8 * 14.5, r.centroidLps().x(), 1e-9);
        assertEquals(-(10 + 0.8 * 14.5), r.centroidRas().x(), 1e-9);
        // Second moments of a solid box are edge²/12; full length √(20·λ).
        assertEquals(Math.sqrt(20 * a * a / 12), r.principalLengthsMm().x(), 1e-9);
        assertEquals(Math.sqrt(20 * c * c / 12), r.principalLengthsMm().y(), 1e-9);
        assertEquals(Math.sqrt(20 * b * b / 12), r.principalLengthsMm().z(), 1e-9);
        assertEquals(1, Math.abs(r.principalAxes().get(0).x()), 1e-12);
        assertEquals(1, Math.abs(r.principalAxes().get(1).z()), 1e-12);
        assertEquals(new Vec3(a, c, b).distance(r.orientedBoundingBoxMm()), 0, 1e-9);
        // RECIST on a box: the slice diagonal, and the longest perpendicular chord of a rectangle.
        assertEquals(Math.hypot(a, b), r.recist().longAxisMm(), 1e-9);
        double diag = Math.hypot(a, b);
        // Through the corner (a, 0) perpendicular to the diagonal, the chord ends on the side y = b.
        assertEquals(b * diag / a, r.recist().shortAxisMm(), 1e-9);
        assertEquals(3, r.recist().sliceIndex());
    }

    @Test
    void sphereOnAnisotropicGridIsWithinOneVoxelDiagonal() {
        Vector3d sp = new Vector3d(0.7, 0.7, 1.5);
        double radius = 14; // mm: 20 voxels in-plane, 9.3 slices
        LabelMap m = Phantoms.draw(new Dimensions(48, 48, 24), Geometry.axisAligned(new Spacing(sp.x, sp.y, sp.z)),
                Phantoms.ellipsoidMm(23.3, 24.1, 11.6, sp, radius, radius, radius, 1));
        LabelMeasurement r = only(m);
        double diag = sp.length();
        double trueVolume = 4.0 / 3 * Math.PI * radius * radius * radius;
        assertEquals(trueVolume, r.volumeMm3(), 0.01 * trueVolume);
        assertEquals(2 * radius, r.maxFeretDiameterMm(), diag);
        assertEquals(2 * radius, r.minFeretDiameterMm(), diag);
        for (double l : r.principalLengthsMm().toArray()) {
            assertEquals(2 * radius, l, diag);
        }
        assertEquals(2 * radius, r.recist().longAxisMm(), diag);
        assertEquals(2 * radius, r.recist().shortAxisMm(), diag);
        assertEquals(Math.abs(r.recist().sliceIndex() - 11.6), 0, 1.0);
    }

    @Test
    void obliqueEllipsoidHasItsAxesAsPrincipalLengthsAndFeretDiameters() {
        Vector3d sp = new Vector3d(0.8, 0.8, 1.2);
        Geometry g = Phantoms.oblique(sp.x, sp.y, sp.z);
        LabelMap m = Phantoms.draw(new Dimensions(60, 44, 30), g,
                Phantoms.ellipsoidMm(29.5, 21.7, 14.2, sp, 20, 13, 8, 3));
        LabelMeasurement r = only(m);
        double diag = sp.length();
        assertEquals(40, r.principalLengthsMm().x(), diag);
        assertEquals(26, r.principalLengthsMm().y(), diag);
        assertEquals(16, r.principalLengthsMm().z(), diag);
        assertEquals(40, r.maxFeretDiameterMm(), diag);
        assertEquals(16, r.minFeretDiameterMm(), diag);
        assertEquals(40, r.orientedBoundingBoxMm().x(), diag);
        assertEquals(26, r.orientedBoundingBoxMm().y(), diag);
        assertEquals(16, r.orientedBoundingBoxMm().z(), diag);
        // The first principal axis is the grid's i direction in LPS.
        Vector3d iDir = g.direction().getColumn(0, new Vector3d());
        Vec3 ax = r.principalAxes().get(0);
        assertEquals(1, Math.abs(iDir.x * ax.x() + iDir.y * ax.y() + iDir.z * ax.z()), 1e-3);
        double v = 4.0 / 3 * Math.PI * 20 * 13 * 8;
        assertEquals(v, r.volumeMm3(), 0.01 * v);
        Vec3 c = r.centroidLps();
        Vector3d expect = g.indexToPatient(29.5, 21.7, 14.2);
        assertTrue(new Vec3(expect.x, expect.y, expect.z).distance(c) < 0.5 * diag);
    }

    @Test
    void cubeFeretIsSpaceDiagonalAndEdgeAndStaircaseAreaIsSixASquared() {
        LabelMap m = Phantoms.draw(new Dimensions(30, 30, 30), Geometry.axisAligned(new Spacing(1.25, 1.25, 1.25)),
                (i, j, k) -> i >= 5 && i < 25 && j >= 5 && j < 25 && k >= 5 && k < 25 ? 1 : 0);
        LabelMeasurement r = only(m);
        double a = 25;
        assertEquals(a * Math.sqrt(3), r.maxFeretDiameterMm(), 1e-9);
        assertEquals(a, r.minFeretDiameterMm(), 1e-9);
        assertEquals(6 * a * a, r.voxelFaceAreaMm2(), 1e-9); // 3750 mm², the ANTs #418 cube
        assertEquals(a * a * a, r.volumeMm3(), 1e-9);
    }

    @Test
    void surfacesOfBinaryLabelsGiveMeshVolumeAreaAndSphericity() {
        // Sphere of radius 12 voxels (1 mm) and a 25 mm cube of 1.25 mm voxels, one label map each.
        double rad = 12;
        LabelMap sphere = Phantoms.draw(new Dimensions(32, 32, 32), Geometry.unit(),
                Phantoms.ellipsoidMm(15.3, 15.6, 15.2, new Vector3d(1, 1, 1), rad, rad, rad, 1));
        LabelMeasurement s = LabelMeasurements.measure(sphere).get(0);
        double v = 4.0 / 3 * Math.PI * rad * rad * rad;
        double area = 4 * Math.PI * rad * rad;
        System.out.printf("sphere r=12: voxel volume %.1f, mesh volume %.1f, true %.1f; mesh area %.1f, staircase %.1f, true %.1f;"
                + " sphericity %.4f%n", s.volumeMm3(), s.meshVolumeMm3(), v, s.surfaceAreaMm2(), s.voxelFaceAreaMm2(), area,
                s.sphericity());
        assertEquals(v, s.volumeMm3(), 0.01 * v);
        assertEquals(v, s.meshVolumeMm3(), 0.03 * v); // binary label: corners cut, below the voxel volume
        assertTrue(s.meshVolumeMm3() < s.volumeMm3());
        assertEquals(area, s.surfaceAreaMm2(), 0.10 * area);
        assertEquals(1.5 * area, s.voxelFaceAreaMm2(), 0.05 * 1.5 * area); // the staircase is ~3/2 too large
        assertTrue(s.sphericity() > 0.88 && s.sphericity() <= 1.0, "sphericity " + s.sphericity());
        assertEquals("marching cubes of the label indicator at 0.5 (unsmoothed)", s.surfaceMethod());

        LabelMap cube = Phantoms.draw(new Dimensions(24, 24, 24), Geometry.axisAligned(new Spacing(1.25, 1.25, 1.25)),
                (i, j, k) -> i >= 2 && i < 22 && j >= 2 && j < 22 && k >= 2 && k < 22 ? 1 : 0);
        LabelMeasurement c = LabelMeasurements.measure(cube).get(0);
        double a = 25;
        double sv = 1.25;
        System.out.printf("cube a=25 mm: voxel volume %.2f, mesh volume %.2f; staircase area %.2f, mesh area %.2f,"
                + " sphericity %.4f%n", c.volumeMm3(), c.meshVolumeMm3(), c.voxelFaceAreaMm2(), c.surfaceAreaMm2(), c.sphericity());
        assertEquals(6 * a * a, c.voxelFaceAreaMm2(), 1e-9);
        // Marching cubes chamfers the 12 edges (legs of half a voxel) and the 8 corners.
        double chamfered = 6 * a * a - 12 * a * sv * (1 - Math.sqrt(0.5));
        assertEquals(chamfered, c.surfaceAreaMm2(), 0.005 * chamfered);
        assertEquals(a * a * a - 12 * a * sv * sv / 8, c.meshVolumeMm3(), 0.001 * a * a * a);
        assertEquals(Math.cbrt(Math.PI) * Math.pow(6 * c.meshVolumeMm3(), 2.0 / 3) / c.surfaceAreaMm2(), c.sphericity(), 1e-12);
        // Above a sharp cube's (π/6)^(1/3) = 0.806: the chamfers round it a little.
        assertTrue(c.sphericity() > Math.cbrt(Math.PI / 6) && c.sphericity() < 0.84, "cube sphericity " + c.sphericity());
    }

    @Test
    void smoothedSurfacesSayTheyAreSmoothedAndKeepTheVolume() {
        double rad = 10;
        LabelMap sphere = Phantoms.draw(new Dimensions(26, 26, 26), Geometry.unit(),
                Phantoms.ellipsoidMm(12.4, 12.6, 12.5, new Vector3d(1, 1, 1), rad, rad, rad, 1));
        LabelSurfaces smooth = LabelSurfaces.smoothed(LabelSurfaces.indicatorIsoSurface(),
                org.organ3d.mesh.WindowedSincSmoothing.Options.defaults());
        LabelMeasurement raw = LabelMeasurements.measure(sphere).get(0);
        LabelMeasurement s = LabelMeasurements.measure(sphere, null, null, smooth).get(0);
        assertEquals("marching cubes of the label indicator at 0.5, smoothed (windowed sinc, 20 iterations, pass band 0.1)",
                s.surfaceMethod());
        double area = 4 * Math.PI * rad * rad;
        // Smoothing removes the terraces: the area comes closer to the sphere's, the volume stays.
        assertTrue(Math.abs(s.surfaceAreaMm2() - area) < Math.abs(raw.surfaceAreaMm2() - area));
        assertEquals(raw.meshVolumeMm3(), s.meshVolumeMm3(), 0.01 * raw.meshVolumeMm3());
        assertEquals(raw.volumeMm3(), s.volumeMm3(), 0);
    }

    @Test
    void imageIsoSurfaceOfAThresholdedLabelGivesTheVolumeWithinHalfAPercent() {
        // A smooth image (signed distance to a sphere of radius 10.3 mm on 0.9 × 0.9 × 1.0 mm voxels:
        // at least 10 voxels along every axis),
        // the label by thresholding it at 0, and a second object above the threshold in the same box.
        Vector3d sp = new Vector3d(0.9, 0.9, 1.0);
        Geometry g = Geometry.axisAligned(new Spacing(sp.x, sp.y, sp.z));
        Dimensions d = new Dimensions(40, 40, 32);
        double rad = 10.3;
        org.organ3d.volume.Volume.Builder ib = org.organ3d.volume.Volume.builder(d, org.organ3d.volume.VoxelType.FLOAT32, g);
        for (int k = 0; k < d.nz(); k++) {
            FloatBuffer s = ib.floatsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double x = i * sp.x - 17.3;
                    double y = j * sp.y - 18.1;
                    double z = k * sp.z - 16.2;
                    double v = rad - Math.sqrt(x * x + y * y + z * z);
                    if (i >= 36 && j >= 36) {
                        v = 5; // another structure above the iso value, inside the sphere's box corner
                    }
                    s.put(j * d.nx() + i, (float) v);
                }
            }
        }
        org.organ3d.volume.Volume image = ib.build();
        LabelMap m = Phantoms.draw(d, g, (i, j, k) -> i < 36 || j < 36 ? (image.value(i, j, k) >= 0 ? 1 : 0) : 0);
        LabelMeasurement r = LabelMeasurements.measure(m, null, null, LabelSurfaces.imageIsoSurface(image, 0)).get(0);
        double v = 4.0 / 3 * Math.PI * rad * rad * rad;
        double a = 4 * Math.PI * rad * rad;
        System.out.printf("image iso-surface, sphere r=10.3 mm: mesh volume %.1f (true %.1f), area %.1f (true %.1f),"
                + " voxel volume %.1f%n", r.meshVolumeMm3(), v, r.surfaceAreaMm2(), a, r.volumeMm3());
        assertEquals(v, r.meshVolumeMm3(), 0.005 * v);
        assertEquals(a, r.surfaceAreaMm2(), 0.01 * a);
        assertTrue(r.sphericity() > 0.98, "sphericity " + r.sphericity());
        assertTrue(r.surfaceMethod().startsWith("marching cubes of the image at 0"), r.surfaceMethod());
    }
}
