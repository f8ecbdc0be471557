package org.organ3d.opencl;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.SplittableRandom;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Small analytic and random test volumes for the backend contract (values in real units). */
final class Phantoms {

    private Phantoms() {
    }

    interface Field {
        double at(double x, double y, double z);
    }

    /** A float volume sampling {@code f} at the LPS position of each voxel. */
    static Volume sample(int nx, int ny, int nz, Geometry g, Field f) {
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.FLOAT32, g);
        Vector3d p = new Vector3d();
        for (int k = 0; k < nz; k++) {
            FloatBuffer s = b.floatsForWriting(k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    g.indexToPatient(i, j, k, p);
                    s.put(j * nx + i, (float) ((float) f.at(p.x, p.y, p.z)));
                }
            }
        }
        return b.build();
    }

    /** Signed "inside-ness" of a sphere: r - |p - c| (mm), so iso 0 is the sphere of radius r. */
    static Volume sphere(int n, double spacing, double r) {
        double c = (n - 1) * spacing / 2;
        return sample(n, n, n, Geometry.axisAligned(new Spacing(spacing, spacing, spacing)),
                (x, y, z) -> r - Math.sqrt((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c)));
    }

    /** A torus around the z axis through the centre: R major, a minor radius; iso 0. */
    static Volume torus(int n, double spacing, double big, double small) {
        double c = (n - 1) * spacing / 2;
        return sample(n, n, n, Geometry.axisAligned(new Spacing(spacing, spacing, spacing)), (x, y, z) -> {
            double q = Math.hypot(x - c, y - c) - big;
            return small - Math.hypot(q, z - c);
        });
    }

    /** An oblique, anisotropic geometry (rotated about two axes, 0.7 × 0.8 × 1.9 mm, off origin). */
    static Geometry oblique() {
        Matrix3d rot = new Matrix3d().rotateXYZ(0.3, -0.2, 0.45);
        return Geometry.of(new Vector3d(0.7, 0.8, 1.9), new Vector3d(-120.5, 33.25, 410.0), rot);
    }

    /** An ellipsoid in an oblique study, centred in the grid; iso 0. */
    static Volume obliqueEllipsoid(int nx, int ny, int nz) {
        Geometry g = oblique();
        Vector3d c = g.indexToPatient((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
        return sample(nx, ny, nz, g, (x, y, z) -> {
            double dx = (x - c.x) / 14, dy = (y - c.y) / 11, dz = (z - c.z) / 17;
            return 1 - Math.sqrt(dx * dx + dy * dy + dz * dz);
        });
    }

    /** Random int16 CT-like values with a rescale (many small ambiguous cases at iso 0). */
    static Volume random(int nx, int ny, int nz, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.INT16,
                Geometry.axisAligned(new Spacing(0.9, 1.1, 1.3), new Vector3d(5, -7, 11))).rescale(new Rescale(0.5, -100));
        for (int k = 0; k < nz; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int x = 0; x < s.capacity(); x++) {
                s.put(x, (short) ((short) rnd.nextInt(100, 300)));
            }
        }
        return b.build();
    }
}
