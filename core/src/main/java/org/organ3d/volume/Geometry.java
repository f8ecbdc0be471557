package org.organ3d.volume;

import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Matrix4dc;
import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * Where a voxel grid sits in the patient: the 4×4 affine that maps a voxel index (i, j, k) — the
 * centre of voxel (i, j, k) — to DICOM patient coordinates (LPS, millimetres).
 *
 * <p>The affine is the source of truth. Its first three columns are the grid steps along i, j and k
 * in mm; the last column is the position of voxel (0, 0, 0). For an ordinary stack the columns are
 * orthogonal and {@code spacing()}, {@code direction()} and {@code origin()} describe it fully. For a
 * gantry-tilted (sheared) stack the k column is not perpendicular to the slice plane; the affine is
 * still exact and {@link #isOrthogonal()} says so.
 *
 * <p>LPS: x grows to the patient's Left, y to Posterior, z to Superior. RAS (NIfTI, 3D Slicer's
 * world) flips the signs of x and y; {@link #lpsToRas(Vector3dc)} and {@link #indexToRas()} convert.
 *
 * <p>Immutable and thread-safe; JOML objects passed in are copied, and getters return copies.
 */
public final class Geometry {

    private static final double ORTHO_TOLERANCE = 1e-6;

    private final Matrix4d indexToLps;
    private final Matrix4d lpsToIndex;

    private Geometry(Matrix4dc affine) {
        Matrix4d a = new Matrix4d(affine);
        if (a.m03() != 0 || a.m13() != 0 || a.m23() != 0 || a.m33() != 1) {
            throw new IllegalArgumentException("index->LPS matrix must be affine (last row 0 0 0 1): " + a);
        }
        double det = a.determinant3x3();
        if (!Double.isFinite(det) || Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("index->LPS matrix is singular (determinant " + det + ")");
        }
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 3; r++) {
                if (!Double.isFinite(a.get(c, r))) {
                    throw new IllegalArgumentException("index->LPS matrix has a non-finite entry");
                }
            }
        }
        this.indexToLps = a;
        this.lpsToIndex = new Matrix4d(a).invertAffine();
    }

    /** Geometry from a full index→LPS affine (any non-singular affine, sheared ones included). */
    public static Geometry fromAffine(Matrix4dc indexToLps) {
        return new Geometry(indexToLps);
    }

    /**
     * Geometry from a row-major 4×4 array (as in the CLI's {@code voxelToPatient}), index→LPS.
     */
    public static Geometry fromRowMajor(double[][] rows) {
        if (rows.length != 4) {
            throw new IllegalArgumentException("need 4 rows");
        }
        Matrix4d m = new Matrix4d();
        for (int r = 0; r < 4; r++) {
            if (rows[r].length != 4) {
                throw new IllegalArgumentException("need 4 columns in row " + r);
            }
            for (int c = 0; c < 4; c++) {
                m.setRowColumn(r, c, rows[r][c]);
            }
        }
        return new Geometry(m);
    }

    /**
     * Geometry from spacing (mm along i, j, k), origin (LPS position of voxel 0,0,0) and direction
     * cosines: the columns of {@code direction} are the unit vectors of the i, j and k axes in LPS.
     */
    public static Geometry of(Vector3dc spacing, Vector3dc origin, Matrix3d direction) {
        if (!(spacing.x() > 0 && spacing.y() > 0 && spacing.z() > 0)
                || !Double.isFinite(spacing.x() + spacing.y() + spacing.z())) {
            throw new IllegalArgumentException("spacing must be positive and finite: " + spacing);
        }
        Matrix4d m = new Matrix4d();
        m.set(direction);
        Vector3d c = new Vector3d();
        for (int col = 0; col < 3; col++) {
            direction.getColumn(col, c);
            double n = c.length();
            if (Math.abs(n - 1.0) > 1e-4) {
                throw new IllegalArgumentException("direction column " + col + " is not a unit vector: " + c);
            }
            c.mul(spacing.get(col) / n);
            m.setColumn(col, new org.joml.Vector4d(c, 0));
        }
        m.setColumn(3, new org.joml.Vector4d(origin, 1));
        return new Geometry(m);
    }

    /**
     * Axis-aligned geometry: i, j and k along L, P and S, the given spacing, and voxel (0, 0, 0) at
     * {@code originLps} (mm).
     */
    public static Geometry axisAligned(Spacing spacing, Vector3dc originLps) {
        return of(new Vector3d(spacing.x(), spacing.y(), spacing.z()), originLps, new Matrix3d());
    }

    /** Axis-aligned geometry with the given spacing and voxel (0, 0, 0) at the LPS origin. */
    public static Geometry axisAligned(Spacing spacing) {
        return axisAligned(spacing, new Vector3d());
    }

    /**
     * Axis-aligned geometry from six unnamed numbers.
     *
     * @deprecated easy to mix up: use {@link #axisAligned(Spacing, Vector3dc)}
     */
    @Deprecated
    public static Geometry axisAligned(double sx, double sy, double sz, double ox, double oy, double oz) {
        return axisAligned(new Spacing(sx, sy, sz), new Vector3d(ox, oy, oz));
    }

    /** 1 mm isotropic voxels, origin at 0, identity directions. */
    public static Geometry unit() {
        return axisAligned(Spacing.isotropic(1));
    }

    /** A copy of the index→LPS affine. */
    public Matrix4d indexToLps() {
        return new Matrix4d(indexToLps);
    }

    /** A copy of the LPS→index affine (the inverse). */
    public Matrix4d lpsToIndex() {
        return new Matrix4d(lpsToIndex);
    }

    /** The index→RAS affine (rows x and y of the LPS affine negated). */
    public Matrix4d indexToRas() {
        return new Matrix4d().scaling(-1, -1, 1).mul(indexToLps);
    }

    /** Patient LPS position (mm) of a (fractional) voxel index, written into {@code dest}. */
    public Vector3d indexToPatient(double i, double j, double k, Vector3d dest) {
        return indexToLps.transformPosition(i, j, k, dest);
    }

    /** Patient LPS position (mm) of a (fractional) voxel index. */
    public Vector3d indexToPatient(double i, double j, double k) {
        return indexToPatient(i, j, k, new Vector3d());
    }

    /** Fractional voxel index of an LPS position, written into {@code dest}. */
    public Vector3d patientToIndex(Vector3dc lps, Vector3d dest) {
        return lpsToIndex.transformPosition(lps, dest);
    }

    /** Fractional voxel index of an LPS position. */
    public Vector3d patientToIndex(Vector3dc lps) {
        return patientToIndex(lps, new Vector3d());
    }

    /** Grid step along i, j, k in mm (the lengths of the affine's first three columns). */
    public Vector3d spacing() {
        Vector3d s = new Vector3d();
        Vector3d c = new Vector3d();
        for (int col = 0; col < 3; col++) {
            indexToLps.getColumn(col, c);
            s.setComponent(col, c.length());
        }
        return s;
    }

    /**
     * Distance between slice centres along the slice normal in mm: the projection of the k step on
     * {@code row × column}. Equals {@code spacing().z} unless the stack is tilted.
     */
    public double sliceThicknessAlongNormal() {
        Vector3d k = indexToLps.getColumn(2, new Vector3d());
        return Math.abs(k.dot(sliceNormal()));
    }

    /** LPS position of voxel (0, 0, 0) in mm. */
    public Vector3d origin() {
        return indexToLps.getColumn(3, new Vector3d());
    }

    /** Unit vectors of the i, j and k steps as the columns of a 3×3 matrix. */
    public Matrix3d direction() {
        Matrix3d d = new Matrix3d();
        Vector3d c = new Vector3d();
        for (int col = 0; col < 3; col++) {
            indexToLps.getColumn(col, c).normalize();
            d.setColumn(col, c);
        }
        return d;
    }

    /** Unit normal of the slice plane: (i direction) × (j direction). */
    public Vector3d sliceNormal() {
        Vector3d a = indexToLps.getColumn(0, new Vector3d());
        Vector3d b = indexToLps.getColumn(1, new Vector3d());
        return a.cross(b).normalize();
    }

    /** True when the three grid steps are mutually perpendicular (no shear / gantry tilt). */
    public boolean isOrthogonal() {
        Matrix3d d = direction();
        Vector3d a = d.getColumn(0, new Vector3d());
        Vector3d b = d.getColumn(1, new Vector3d());
        Vector3d c = d.getColumn(2, new Vector3d());
        return Math.abs(a.dot(b)) < ORTHO_TOLERANCE && Math.abs(a.dot(c)) < ORTHO_TOLERANCE
                && Math.abs(b.dot(c)) < ORTHO_TOLERANCE;
    }

    /** Volume of one voxel in mm³ (absolute determinant of the 3×3 part). */
    public double voxelVolume() {
        return Math.abs(indexToLps.determinant3x3());
    }

    /** True if the index→LPS map flips handedness (negative determinant). */
    public boolean isLeftHanded() {
        return indexToLps.determinant3x3() < 0;
    }

    /** Row-major copy of the affine, {@code [4][4]}, as in the CLI's {@code voxelToPatient}. */
    public double[][] toRowMajor() {
        double[][] rows = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                rows[r][c] = indexToLps.getRowColumn(r, c);
            }
        }
        return rows;
    }

    /** The same grid shifted by whole voxels: voxel (di, dj, dk) of this grid becomes voxel 0. */
    public Geometry shiftedBy(int di, int dj, int dk) {
        Vector3d o = indexToPatient(di, dj, dk);
        Matrix4d m = new Matrix4d(indexToLps);
        m.setColumn(3, new org.joml.Vector4d(o, 1));
        return new Geometry(m);
    }

    /** LPS ↔ RAS: negates x and y. Works both ways; writes into and returns {@code dest}. */
    public static Vector3d lpsToRas(Vector3dc p, Vector3d dest) {
        return dest.set(-p.x(), -p.y(), p.z());
    }

    /** LPS → RAS of a point (a new vector). */
    public static Vector3d lpsToRas(Vector3dc p) {
        return lpsToRas(p, new Vector3d());
    }

    /** RAS → LPS of a point (a new vector); the same operation as {@link #lpsToRas}. */
    public static Vector3d rasToLps(Vector3dc p) {
        return lpsToRas(p, new Vector3d());
    }

    /** True if both affines agree to {@code tolMm} in every entry. */
    public boolean equalsWithin(Geometry other, double tolMm) {
        return indexToLps.equals(other.indexToLps, tolMm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && indexToLps.equals(g.indexToLps);
    }

    @Override
    public int hashCode() {
        return indexToLps.hashCode();
    }

    @Override
    public String toString() {
        return "Geometry[indexToLps=" + java.util.Arrays.deepToString(toRowMajor()) + "]";
    }
}
