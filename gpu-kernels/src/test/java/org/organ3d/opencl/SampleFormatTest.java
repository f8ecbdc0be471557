package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joml.Vector3d;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.MaskMoments;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Samples go to the device as stored and are rescaled in the kernels ({@link SampleFormat}): the
 * floats must be bit-identical to {@link Volume#sliceValues} for every voxel type and rescale, with
 * and without fp64. Checked by thresholds at exactly one voxel's float value (a one-ulp difference
 * changes the mask), by the intensity minimum and maximum under a mask, and by isosurfaces at a
 * voxel's value (identical triangles).
 */
class SampleFormatTest {

    private static final Rescale[] RESCALES = {Rescale.IDENTITY, new Rescale(1, -1024), new Rescale(0.1, -1024.3),
        new Rescale(-3, 7)};

    @Test
    void modesFollowTheDeviceAndTheRescale() {
        Volume ct = volume(VoxelType.INT16, new Rescale(1, -1024), 1);
        assertEquals(1, SampleFormat.of(ct, true).mode());
        assertEquals(2, SampleFormat.of(ct, false).mode());
        assertEquals("short", SampleFormat.of(ct, false).clType());
        SampleFormat odd = SampleFormat.of(volume(VoxelType.UINT16, new Rescale(0.1, -1024.3), 1), false);
        assertTrue(odd.hostConverts());
        assertEquals(4, odd.bytes());
        assertTrue(SampleFormat.of(volume(VoxelType.INT32, new Rescale(1, -1024), 1), false).hostConverts());
        for (VoxelType t : VoxelType.values()) {
            SampleFormat id = SampleFormat.of(volume(t, Rescale.IDENTITY, 1), false);
            assertEquals(0, id.mode(), t.toString());
            assertFalse(id.hostConverts(), t.toString());
            assertEquals(t.bytes(), id.bytes(), t.toString());
        }
    }

    @Tag("opencl")
    @RequiresDevice(value = "opencl", probe = OpenClProbe.class)
    @Test
    void deviceValuesAreJavasWithFp64() {
        try (OpenClBackend cl = new OpenClBackend()) {
            Assumptions.assumeTrue(cl.device().hasFp64(), "device without cl_khr_fp64");
            check(cl);
        }
    }

    @Tag("opencl")
    @RequiresDevice(value = "opencl", probe = OpenClProbe.class)
    @Test
    void deviceValuesAreJavasWithoutFp64() {
        System.setProperty(OpenClDevice.NO_FP64_PROPERTY, "true");
        try (OpenClBackend cl = new OpenClBackend()) {
            check(cl);
        } finally {
            System.clearProperty(OpenClDevice.NO_FP64_PROPERTY);
        }
    }

    private static void check(OpenClBackend cl) {
        JavaBackend java = new JavaBackend();
        List<String> meshChecked = new ArrayList<>();
        long seed = 11;
        for (VoxelType t : VoxelType.values()) {
            for (Rescale r : RESCALES) {
                Volume v = volume(t, r, seed++);
                String what = t + " " + r;
                for (int probe = 0; probe < 3; probe++) {
                    float f = v.sliceValues(probe + 2, null)[probe * 37 + 5];
                    for (ThresholdRange range : new ThresholdRange[] {new ThresholdRange(f, f), ThresholdRange.atLeast(f)}) {
                        byte[][] want = java.threshold(v, range);
                        byte[][] got = cl.threshold(v, range);
                        for (int k = 0; k < want.length; k++) {
                            assertArrayEquals(want[k], got[k], what + " " + range + " slice " + k);
                        }
                    }
                }
                byte[][] mask = java.threshold(v, ThresholdRange.atLeast(v.sliceValues(3, null)[11]));
                MaskMoments mw = java.maskMoments(mask, v.dimensions(), v);
                MaskMoments mg = cl.maskMoments(mask, v.dimensions(), v);
                assertEquals(mw.count(), mg.count(), what + ": count");
                assertEquals(mw.min(), mg.min(), what + ": min");
                assertEquals(mw.max(), mg.max(), what + ": max");
                // NB: the isosurface kernels share the sample macro; one mesh per type keeps the test short.
                if (r == RESCALES[2] || t == VoxelType.INT32 && r.isIdentity()) {
                    float iso = v.sliceValues(4, null)[60];
                    IsoSurfaceOptions o = new IsoSurfaceOptions(iso, true, false);
                    Mesh want = java.isosurface(v, o);
                    Mesh got = cl.isosurface(v, o);
                    assertTrue(want.triangleCount() > 0, what);
                    assertArrayEquals(want.indicesCopy(), got.indicesCopy(), what + ": triangle indices");
                    assertNull(MeshComparison.difference(want, got, BackendContract.POSITION_TOL), what);
                    meshChecked.add(what);
                }
            }
        }
        assertEquals(VoxelType.values().length + 1, meshChecked.size(), meshChecked.toString());
    }

    /** Random stored values over much of the type's range (int32 beyond 2^24: rounding to float matters). */
    static Volume volume(VoxelType t, Rescale r, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nx = 23;
        int ny = 19;
        int nz = 11;
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), t, Geometry.axisAligned(new Spacing(0.7, 0.8, 1.5), new Vector3d(3, -2, 9))).rescale(r);
        for (int k = 0; k < nz; k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            for (int x = 0; x < nx * ny; x++) {
                switch (t) {
                    case UINT8, INT8 -> ((java.nio.ByteBuffer) s).put(x, (byte) rnd.nextInt(256));
                    case INT16, UINT16 -> ((java.nio.ShortBuffer) s).put(x, (short) rnd.nextInt(65536));
                    case INT32 -> ((java.nio.IntBuffer) s).put(x, rnd.nextInt() >> rnd.nextInt(8));
                    case FLOAT32 -> ((java.nio.FloatBuffer) s).put(x, (float) (rnd.nextDouble(-1, 1) * Math.scalb(1.0, rnd.nextInt(-4, 30))));
                }
            }
        }
        return b.build();
    }
}
