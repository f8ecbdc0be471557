package org.organ3d.io.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Random volumes on oblique and sheared grids, and exact comparisons, for the format tests. */
public final class TestVolumes {

    private TestVolumes() {
    }

    /** An oblique, anisotropic, off-origin geometry (rotation about all three axes). */
    public static Geometry oblique() {
        Matrix3d r = new Matrix3d().rotateXYZ(Math.toRadians(17), Math.toRadians(-23), Math.toRadians(31));
        return Geometry.of(new Vector3d(0.7031249, 0.8, 2.5), new Vector3d(-123.456789, 45.678901, -301.23456), r);
    }

    /** An oblique grid whose k axis is reversed (left-handed; NIfTI qfac = −1). */
    public static Geometry leftHanded() {
        Matrix4d m = oblique().indexToLps();
        m.setColumn(2, m.getColumn(2, new org.joml.Vector4d()).negate());
        return Geometry.fromAffine(m);
    }

    /** A gantry-tilted (sheared) geometry: the k step leans 15° along y. */
    public static Geometry sheared() {
        Matrix4d m = new Matrix4d().setColumn(0, new org.joml.Vector4d(0.6, 0, 0, 0))
                .setColumn(1, new org.joml.Vector4d(0, 0.6, 0, 0))
                .setColumn(2, new org.joml.Vector4d(0, 1.25 * Math.tan(Math.toRadians(15)), 1.25, 0))
                .setColumn(3, new org.joml.Vector4d(-150.5, -170.25, 88.125, 1));
        return Geometry.fromAffine(m);
    }

    /** A volume of random values covering the type's whole range. */
    public static Volume random(Dimensions d, VoxelType t, Geometry g, long seed) {
        Random rnd = new Random(seed);
        Volume.Builder b = Volume.builder(d, t, g);
        for (int k = 0; k < d.nz(); k++) {
            Object s = t.newSlice(d.sliceSize());
            int n = d.sliceSize();
            switch (t) {
                case UINT8, INT8 -> rnd.nextBytes((byte[]) s);
                case INT16, UINT16 -> {
                    short[] a = (short[]) s;
                    for (int x = 0; x < n; x++) {
                        a[x] = (short) rnd.nextInt();
                    }
                }
                case INT32 -> {
                    int[] a = (int[]) s;
                    for (int x = 0; x < n; x++) {
                        a[x] = rnd.nextInt();
                    }
                }
                case FLOAT32 -> {
                    float[] a = (float[]) s;
                    for (int x = 0; x < n; x++) {
                        a[x] = (float) (rnd.nextGaussian() * 1000);
                    }
                }
            }
            b.setSlice(k, s);
        }
        return b.build();
    }

    /** Same type, dimensions, rescale and stored voxels; geometry equal to {@code tolMm}. */
    public static void assertSame(Volume expected, Volume actual, double tolMm) {
        assertEquals(expected.dimensions(), actual.dimensions());
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.rescale(), actual.rescale());
        assertGeometry(expected.geometry(), actual.geometry(), tolMm);
        assertSameValues(expected, actual);
    }

    /** Identical stored voxels. */
    public static void assertSameValues(Volume expected, Volume actual) {
        Dimensions d = expected.dimensions();
        for (int k = 0; k < d.nz(); k++) {
            assertEquals(expected.slice(k), actual.slice(k), "slice " + k);
        }
    }

    /** Every affine entry within {@code tolMm}. */
    public static void assertGeometry(Geometry expected, Geometry actual, double tolMm) {
        assertTrue(expected.equalsWithin(actual, tolMm), "expected " + expected + " got " + actual);
    }
}
