package org.organ3d.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

class GeometryTest {

    /** An oblique stack: rotated 23° about z and 11° about x, anisotropic spacing, far origin. */
    static Geometry oblique() {
        Matrix3d dir = new Matrix3d().rotateZ(Math.toRadians(23)).rotateX(Math.toRadians(11));
        return Geometry.of(new Vector3d(0.7, 0.7, 2.5), new Vector3d(-180.25, -201.5, 1012.75), dir);
    }

    @Test
    void obliqueAffineRoundTripsIndexToLpsToIndexTo1e9() {
        Geometry g = oblique();
        Random r = new Random(42);
        for (int n = 0; n < 10_000; n++) {
            double i = r.nextDouble() * 512;
            double j = r.nextDouble() * 512;
            double k = r.nextDouble() * 2000;
            Vector3d lps = g.indexToPatient(i, j, k);
            Vector3d back = g.patientToIndex(lps);
            // 1e-9 mm in patient space: compare the re-projected position.
            Vector3d again = g.indexToPatient(back.x, back.y, back.z);
            assertEquals(0, again.distance(lps), 1e-9);
            assertEquals(i, back.x, 1e-9);
            assertEquals(j, back.y, 1e-9);
            assertEquals(k, back.z, 1e-9);
        }
    }

    @Test
    void spacingDirectionOriginAreRecoveredFromTheAffine() {
        Geometry g = oblique();
        Vector3d s = g.spacing();
        assertEquals(0.7, s.x, 1e-12);
        assertEquals(0.7, s.y, 1e-12);
        assertEquals(2.5, s.z, 1e-12);
        assertEquals(new Vector3d(-180.25, -201.5, 1012.75).distance(g.origin()), 0, 1e-12);
        assertTrue(g.isOrthogonal());
        assertEquals(0.7 * 0.7 * 2.5, g.voxelVolume(), 1e-12);
        assertEquals(2.5, g.sliceThicknessAlongNormal(), 1e-12);
        // The affine's first column is spacing.x times the first direction column.
        Matrix4d a = g.indexToLps();
        Vector3d col0 = new Matrix3d().rotateZ(Math.toRadians(23)).rotateX(Math.toRadians(11)).getColumn(0, new Vector3d()).mul(0.7);
        assertEquals(col0.x, a.m00(), 1e-12);
        assertEquals(col0.y, a.m01(), 1e-12);
        assertEquals(col0.z, a.m02(), 1e-12);
    }

    @Test
    void worksWithAHandComputedAffine() {
        // Voxel (2, 3, 4) with spacing (0.5, 0.8, 3) and origin (10, 20, 30), identity directions.
        Geometry g = Geometry.axisAligned(new Spacing(0.5, 0.8, 3), new Vector3d(10, 20, 30));
        Vector3d p = g.indexToPatient(2, 3, 4);
        assertEquals(11.0, p.x, 1e-12);
        assertEquals(22.4, p.y, 1e-12);
        assertEquals(42.0, p.z, 1e-12);
    }

    @Test
    void lpsAndRasFlipXAndY() {
        Vector3d ras = Geometry.lpsToRas(new Vector3d(1, 2, 3));
        assertEquals(new Vector3d(-1, -2, 3), ras);
        assertEquals(new Vector3d(1, 2, 3), Geometry.rasToLps(ras));
        Geometry g = oblique();
        Vector3d viaMatrix = g.indexToRas().transformPosition(new Vector3d(5, 6, 7));
        Vector3d viaPoint = Geometry.lpsToRas(g.indexToPatient(5, 6, 7));
        assertEquals(0, viaMatrix.distance(viaPoint), 1e-9);
    }

    @Test
    void tiltedStackIsExactButNotOrthogonal() {
        Matrix4d m = new Matrix4d(); // columns: i, j, k steps and origin
        m.m00(0.7).m11(0.7).m22(2.5).m21(0.3); // k step leans along y: gantry tilt
        Geometry g = Geometry.fromAffine(m);
        assertFalse(g.isOrthogonal());
        assertEquals(2.5, g.sliceThicknessAlongNormal(), 1e-12);
        Vector3d p = g.indexToPatient(0, 0, 10);
        assertEquals(3.0, p.y, 1e-12);
        assertEquals(25.0, p.z, 1e-12);
    }

    @Test
    void rowMajorRoundTrip() {
        Geometry g = oblique();
        assertTrue(Geometry.fromRowMajor(g.toRowMajor()).equalsWithin(g, 0));
    }

    @Test
    void rejectsSingularAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> Geometry.fromAffine(new Matrix4d().zero().m33(1)));
        assertThrows(IllegalArgumentException.class, () -> Geometry.axisAligned(new Spacing(0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> Geometry.axisAligned(new Spacing(Double.NaN, 1, 1)));
    }
}
