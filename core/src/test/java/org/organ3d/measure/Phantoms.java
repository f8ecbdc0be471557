package org.organ3d.measure;

import java.nio.ByteBuffer;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Label maps drawn from a function of the voxel index, for analytic tests. */
final class Phantoms {

    interface Labeler {
        int label(int i, int j, int k);
    }

    private Phantoms() {
    }

    static LabelMap draw(Dimensions d, Geometry g, Labeler f) {
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, g);
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    s.put(j * d.nx() + i, (byte) ((byte) f.label(i, j, k)));
                }
            }
        }
        return new LabelMap(b.build(), null);
    }

    /** An oblique stack: rotated 23° about z and 11° about x, the given spacing, a far origin. */
    static Geometry oblique(double sx, double sy, double sz) {
        Matrix3d dir = new Matrix3d().rotateZ(Math.toRadians(23)).rotateX(Math.toRadians(11));
        return Geometry.of(new Vector3d(sx, sy, sz), new Vector3d(-180.25, -201.5, 1012.75), dir);
    }

    /** Solid ellipsoid in millimetres (semi-axes a, b, c along the grid's i, j, k), centred at voxel index c. */
    static Labeler ellipsoidMm(double ci, double cj, double ck, Vector3d spacing, double a, double b, double c, int label) {
        return (i, j, k) -> {
            double x = (i - ci) * spacing.x / a;
            double y = (j - cj) * spacing.y / b;
            double z = (k - ck) * spacing.z / c;
            return x * x + y * y + z * z <= 1 ? label : 0;
        };
    }
}
