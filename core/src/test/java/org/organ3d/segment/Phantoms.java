package org.organ3d.segment;

import java.nio.ShortBuffer;
import java.util.function.IntPredicate;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Small analytic phantoms and brute-force references for the segment tests. */
final class Phantoms {

    private Phantoms() {
    }

    interface VoxelFunction {
        double at(int i, int j, int k);
    }

    interface VoxelPredicate {
        boolean test(int i, int j, int k);
    }

    /** An int16 volume of rounded function values. */
    static Volume int16(Dimensions d, Geometry g, VoxelFunction f) {
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, g);
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    s.put(d.offsetInSlice(i, j), (short) ((short) Math.round(f.at(i, j, k))));
                }
            }
        }
        return b.build();
    }

    /** A 0/1 mask from a predicate. */
    static byte[][] mask(Dimensions d, VoxelPredicate p) {
        byte[][] m = new byte[d.nz()][d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    m[k][d.offsetInSlice(i, j)] = (byte) (p.test(i, j, k) ? 1 : 0);
                }
            }
        }
        return m;
    }

    static LabelMap labels(Dimensions d, Geometry g, VoxelPredicate p) {
        return Masks.toLabelMap(mask(d, p), d, g, 1);
    }

    /** Voxel centres within {@code r} mm of LPS point c (analytic ball, exact in double). */
    static byte[][] ball(Dimensions d, Geometry g, double cx, double cy, double cz, double r) {
        org.joml.Vector3d p = new org.joml.Vector3d();
        return mask(d, (i, j, k) -> {
            g.indexToPatient(i, j, k, p);
            double dx = p.x - cx;
            double dy = p.y - cy;
            double dz = p.z - cz;
            return dx * dx + dy * dy + dz * dz <= r * r;
        });
    }

    /** Brute-force squared distance (mm²) from every voxel to the nearest source, axis metric. */
    static double[][] bruteSquared(byte[][] src, Dimensions d, double[] s) {
        double[][] out = new double[d.nz()][d.sliceSize()];
        java.util.List<int[]> pts = new java.util.ArrayList<>();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    if (src[k][d.offsetInSlice(i, j)] != 0) {
                        pts.add(new int[] {i, j, k});
                    }
                }
            }
        }
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int[] p : pts) {
                        double dx = (i - p[0]) * s[0];
                        double dy = (j - p[1]) * s[1];
                        double dz = (k - p[2]) * s[2];
                        best = Math.min(best, dx * dx + dy * dy + dz * dz);
                    }
                    out[k][d.offsetInSlice(i, j)] = best;
                }
            }
        }
        return out;
    }

    static long count(byte[][] m) {
        return Masks.count(m);
    }

    /** Number of voxels where a and b differ (both read as != 0). */
    static long differences(byte[][] a, byte[][] b) {
        long n = 0;
        for (int k = 0; k < a.length; k++) {
            for (int x = 0; x < a[k].length; x++) {
                if ((a[k][x] != 0) != (b[k][x] != 0)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Number of voxels in a and not in b. */
    static long notIn(byte[][] a, byte[][] b) {
        long n = 0;
        for (int k = 0; k < a.length; k++) {
            for (int x = 0; x < a[k].length; x++) {
                if (a[k][x] != 0 && b[k][x] == 0) {
                    n++;
                }
            }
        }
        return n;
    }

    static IntPredicate any() {
        return id -> true;
    }
}
