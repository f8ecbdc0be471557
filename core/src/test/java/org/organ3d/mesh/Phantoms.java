package org.organ3d.mesh;

import java.nio.FloatBuffer;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Analytic phantoms for surface tests. Partial-volume model: the image is a signed distance field
 * (positive inside, mm) sampled at voxel centres, iso 0; the extracted surface then approximates the
 * analytic surface up to the linear-interpolation error of marching cubes (chords of the surface,
 * O(h²/r)). The ellipsoid uses the smooth implicit function min(a,b,c)·(1 − |x/a, y/b, z/c|), whose
 * zero set is exactly the ellipsoid.
 */
final class Phantoms {

    private Phantoms() {
    }

    interface Field {
        double at(double x, double y, double z);
    }

    static Field sphere(double r) {
        return (x, y, z) -> r - Math.sqrt(x * x + y * y + z * z);
    }

    static Field ellipsoid(double a, double b, double c) {
        double m = Math.min(a, Math.min(b, c));
        return (x, y, z) -> m * (1 - Math.sqrt((x / a) * (x / a) + (y / b) * (y / b) + (z / c) * (z / c)));
    }

    /** Torus around the z axis: major radius R, tube radius r. */
    static Field torus(double bigR, double r) {
        return (x, y, z) -> {
            double q = Math.sqrt(x * x + y * y) - bigR;
            return r - Math.sqrt(q * q + z * z);
        };
    }

    /** Axis-aligned grid with the given spacing covering a box of half-size {@code half} mm around 0. */
    static Geometry axisGrid(double sx, double sy, double sz, double half) {
        // NB: an origin off the lattice by a fraction of a voxel avoids samples exactly at the poles.
        return Geometry.axisAligned(new Spacing(sx, sy, sz), new Vector3d(-half + 0.137 * sx, -half + 0.291 * sy, -half + 0.413 * sz));
    }

    /** An oblique, slightly sheared grid (rotated about two axes, k column tilted like a gantry tilt). */
    static Geometry obliqueGrid(double sx, double sy, double sz, double half) {
        Matrix3d rot = new Matrix3d().rotateXYZ(0.31, -0.22, 0.47);
        Vector3d ci = rot.getColumn(0, new Vector3d()).mul(sx);
        Vector3d cj = rot.getColumn(1, new Vector3d()).mul(sy);
        Vector3d ck = rot.getColumn(2, new Vector3d()).mul(sz).add(rot.getColumn(1, new Vector3d()).mul(0.18 * sz));
        Matrix4d m = new Matrix4d();
        m.setColumn(0, new org.joml.Vector4d(ci, 0));
        m.setColumn(1, new org.joml.Vector4d(cj, 0));
        m.setColumn(2, new org.joml.Vector4d(ck, 0));
        // centre the grid on 0: origin = -(n/2) steps
        Vector3d o = new Vector3d(ci).mul(-half / sx).add(new Vector3d(cj).mul(-half / sy))
                .add(new Vector3d(ck).mul(-half / sz)).add(0.11, -0.07, 0.05);
        m.setColumn(3, new org.joml.Vector4d(o, 1));
        return Geometry.fromAffine(m);
    }

    /** Float volume sampling {@code f} at every voxel centre (LPS mm) of {@code g}, 2·half/s + 1 samples per axis. */
    static Volume sample(Field f, Geometry g, double half) {
        org.joml.Vector3d s = g.spacing();
        int nx = (int) Math.ceil(2 * half / s.x) + 1;
        int ny = (int) Math.ceil(2 * half / s.y) + 1;
        int nz = (int) Math.ceil(2 * half / s.z) + 1;
        return sample(f, g, nx, ny, nz);
    }

    static Volume sample(Field f, Geometry g, int nx, int ny, int nz) {
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.FLOAT32, g);
        Vector3d p = new Vector3d();
        for (int k = 0; k < nz; k++) {
            FloatBuffer sl = b.floatsForWriting(k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    g.indexToPatient(i, j, k, p);
                    sl.put(i + nx * j, (float) ((float) f.at(p.x, p.y, p.z)));
                }
            }
        }
        return b.build();
    }

    /** Surface area of the ellipsoid with semi-axes a, b, c by the midpoint rule on (θ, φ). */
    static double ellipsoidArea(double a, double b, double c) {
        int nTheta = 2000;
        int nPhi = 4000;
        double dt = Math.PI / nTheta;
        double dp = 2 * Math.PI / nPhi;
        double sum = 0;
        for (int it = 0; it < nTheta; it++) {
            double t = (it + 0.5) * dt;
            double st = Math.sin(t);
            double ct = Math.cos(t);
            for (int ip = 0; ip < nPhi; ip++) {
                double ph = (ip + 0.5) * dp;
                double sp = Math.sin(ph);
                double cp = Math.cos(ph);
                // |r_θ × r_φ| for r = (a sinθ cosφ, b sinθ sinφ, c cosθ)
                double x = b * c * st * st * cp;
                double y = a * c * st * st * sp;
                double z = a * b * st * ct;
                sum += Math.sqrt(x * x + y * y + z * z);
            }
        }
        return sum * dt * dp;
    }
}
