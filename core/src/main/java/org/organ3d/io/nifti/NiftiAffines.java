package org.organ3d.io.nifti;

import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Vector3d;

/**
 * NIfTI's three ways to place voxels in RAS space (nifti1.h, "3D IMAGE (VOLUME) ORIENTATION AND
 * LOCATION IN SPACE") and the inverse needed by the writer.
 *
 * <p>Method 2 (qform): a rotation given by the quaternion (b, c, d) with a = √(1−b²−c²−d²), scaled
 * by pixdim[1..3], the k axis flipped when qfac = pixdim[0] is −1, plus qoffset. A quaternion holds a
 * proper rotation only, so a qform cannot express shear (gantry tilt): {@link #toQuaternion} then
 * gives the closest rotation (polar decomposition, as nifti1_io's nifti_mat44_to_quatern does) and
 * the sform carries the exact affine.
 *
 * <p>Method 3 (sform): the three srow rows are the affine itself. Method 1 (neither code set):
 * x = pixdim[1]·i, y = pixdim[2]·j, z = pixdim[3]·k with no rotation and no offset.
 *
 * <p>All matrices here map (i, j, k) to RAS mm; conversion to LPS happens once, in {@link NiftiReader}.
 */
final class NiftiAffines {

    private NiftiAffines() {
    }

    /** The qform affine (index → RAS), given positive pixdims. */
    static Matrix4d fromQuaternion(double b, double c, double d, double qfac, double dx, double dy, double dz,
            double ox, double oy, double oz) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            // NB: nifti1_io's rule: a quaternion slightly longer than 1 is renormalised, a = 0.
            double s = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= s;
            c *= s;
            d *= s;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double zs = qfac < 0 ? -dz : dz;
        Matrix4d m = new Matrix4d();
        m.setRowColumn(0, 0, (a * a + b * b - c * c - d * d) * dx);
        m.setRowColumn(0, 1, 2 * (b * c - a * d) * dy);
        m.setRowColumn(0, 2, 2 * (b * d + a * c) * zs);
        m.setRowColumn(1, 0, 2 * (b * c + a * d) * dx);
        m.setRowColumn(1, 1, (a * a + c * c - b * b - d * d) * dy);
        m.setRowColumn(1, 2, 2 * (c * d - a * b) * zs);
        m.setRowColumn(2, 0, 2 * (b * d - a * c) * dx);
        m.setRowColumn(2, 1, 2 * (c * d + a * b) * dy);
        m.setRowColumn(2, 2, (a * a + d * d - c * c - b * b) * zs);
        m.setRowColumn(0, 3, ox);
        m.setRowColumn(1, 3, oy);
        m.setRowColumn(2, 3, oz);
        return m;
    }

    /**
     * The qform parameters closest to an affine (index → RAS): {@code [b, c, d, qfac, dx, dy, dz]}
     * (offset is the affine's translation). pixdims are the column lengths; the rotation is the
     * orthogonal polar factor of the normalised columns, so a sheared affine gets the nearest rotation.
     */
    static double[] toQuaternion(Matrix4d affine) {
        Vector3d[] col = new Vector3d[3];
        double[] len = new double[3];
        for (int c = 0; c < 3; c++) {
            col[c] = affine.getColumn(c, new Vector3d());
            len[c] = col[c].length();
            if (len[c] == 0) {
                col[c].set(c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0);
                len[c] = 1;
            } else {
                col[c].div(len[c]);
            }
        }
        Matrix3d r = new Matrix3d().setColumn(0, col[0]).setColumn(1, col[1]).setColumn(2, col[2]);
        r = polar(r);
        double qfac = 1;
        if (r.determinant() < 0) {
            qfac = -1;
            r.m20(-r.m20()).m21(-r.m21()).m22(-r.m22());
        }
        // JOML: mCR = column C, row R. rIJ below: row I, column J (1-based), as in nifti1_io.
        double r11 = r.m00(), r12 = r.m10(), r13 = r.m20();
        double r21 = r.m01(), r22 = r.m11(), r23 = r.m21();
        double r31 = r.m02(), r32 = r.m12(), r33 = r.m22();
        double a = r11 + r22 + r33 + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1 + r11 - (r22 + r33);
            double yd = 1 + r22 - (r11 + r33);
            double zd = 1 + r33 - (r11 + r22);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac, len[0], len[1], len[2]};
    }

    /** Orthogonal polar factor of {@code m} by Newton's iteration X ← (X + X⁻ᵀ)/2. */
    static Matrix3d polar(Matrix3d m) {
        Matrix3d x = new Matrix3d(m);
        Matrix3d it = new Matrix3d();
        for (int iter = 0; iter < 100; iter++) {
            x.invert(it).transpose();
            Matrix3d next = new Matrix3d(x).add(it).scale(0.5);
            double diff = 0;
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < 3; r++) {
                    diff = Math.max(diff, Math.abs(next.get(c, r) - x.get(c, r)));
                }
            }
            x = next;
            if (diff < 1e-15) {
                break;
            }
        }
        return x;
    }

    /** Affine of method 1: pixdim scaling only. */
    static Matrix4d fromPixdim(double dx, double dy, double dz) {
        return new Matrix4d().scaling(dx, dy, dz);
    }

    /** The sform rows as an affine. */
    static Matrix4d fromSrow(double[][] srow) {
        Matrix4d m = new Matrix4d();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                m.setRowColumn(r, c, srow[r][c]);
            }
        }
        return m;
    }

    /** RAS ↔ LPS of an index→space affine: rows x and y negated (its own inverse). */
    static Matrix4d flipXY(Matrix4d m) {
        return new Matrix4d().scaling(-1, -1, 1).mul(m);
    }
}
