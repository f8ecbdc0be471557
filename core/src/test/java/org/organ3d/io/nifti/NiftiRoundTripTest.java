package org.organ3d.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.raw.TestVolumes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class NiftiRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void everyTypeRoundTripsExactly(VoxelType t) throws Exception {
        Volume v = TestVolumes.random(new Dimensions(13, 11, 7), t, TestVolumes.oblique(), t.ordinal());
        for (String ext : new String[] {".nii", ".nii.gz"}) {
            Path f = dir.resolve("rt_" + t.label() + ext);
            ImageFormats.write(f, v, Map.of());
            LoadedImage back = ImageFormats.read(f);
            TestVolumes.assertSame(v, back.volume(), 1e-9);
            assertTrue(back.warnings().isEmpty(), back.warnings().toString());
        }
    }

    @Test
    void rescaleAndShearRoundTrip() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(9, 8, 6), VoxelType.INT16, TestVolumes.sheared(), 5)
                .withRescale(new Rescale(0.123456789, -1024.987654321));
        Path f = dir.resolve("sheared.nii.gz");
        ImageFormats.write(f, v, Map.of());
        LoadedImage back = ImageFormats.read(f);
        TestVolumes.assertSame(v, back.volume(), 1e-9);
        assertFalse(back.volume().geometry().isOrthogonal());
    }

    @Test
    void headerAloneHoldsTheAffineToFloatPrecision() throws Exception {
        // Without organ3d's extension (as another tool would see the file) the float32 sform is within
        // float precision (~1e-7 relative) of the exact affine, and the qform is the same rotation.
        Volume v = TestVolumes.random(new Dimensions(5, 4, 3), VoxelType.UINT8, TestVolumes.oblique(), 1);
        Path f = dir.resolve("plain.nii");
        ImageFormats.write(f, v, Map.of());
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, bb.getShort(252), "qform_code scanner");
        assertEquals(1, bb.getShort(254), "sform_code scanner");
        b[348] = 0; // extension flag off: readers must ignore the extension
        Path g = dir.resolve("noext.nii");
        Files.write(g, b);
        Geometry sform = ImageFormats.read(g).volume().geometry();
        assertTrue(v.geometry().equalsWithin(sform, 4e-5), sform.toString());
        bb.putShort(254, (short) 0); // sform_code 0: the qform is used
        Files.write(g, b);
        LoadedImage q = ImageFormats.read(g);
        assertEquals("qform", q.attributes().get("geometrySource"));
        assertTrue(v.geometry().equalsWithin(q.volume().geometry(), 4e-5), q.volume().geometry().toString());
    }

    @Test
    void shearedQformIsTheNearestRotation() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(4, 4, 4), VoxelType.UINT8, TestVolumes.sheared(), 2);
        Path f = dir.resolve("sq.nii");
        ImageFormats.write(f, v, Map.of());
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
        Files.write(f, b);
        Geometry q = ImageFormats.read(f).volume().geometry();
        assertTrue(q.isOrthogonal());
        // NB: the nearest rotation (polar factor, as nifti1_io and nibabel compute it) spreads the
        // 15° shear over all three axes; each axis moves by less than the shear angle.
        Matrix4d exact = v.geometry().indexToLps();
        Matrix4d qm = q.indexToLps();
        double moved = 0;
        for (int c = 0; c < 3; c++) {
            org.joml.Vector3d ea = exact.getColumn(c, new org.joml.Vector3d()).normalize();
            org.joml.Vector3d qa = qm.getColumn(c, new org.joml.Vector3d()).normalize();
            double deg = Math.toDegrees(ea.angle(qa));
            assertTrue(deg < 15, "axis " + c + " moved " + deg + "°");
            moved = Math.max(moved, deg);
            assertEquals(exact.getColumn(c, new org.joml.Vector3d()).length(),
                    qm.getColumn(c, new org.joml.Vector3d()).length(), 1e-5, "pixdim = column length");
        }
        assertTrue(moved > 1, "the shear must have moved some axis");
        assertEquals(v.geometry().spacing().z, q.spacing().z, 1e-5, "pixdim[3] is the k step length");
        assertEquals(v.geometry().origin().distance(q.origin()), 0, 1e-4);
    }

    @Test
    void labelMapKeepsNamesAndIntent() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(6, 5, 4), VoxelType.UINT8, TestVolumes.oblique(), 3);
        Map<Integer, LabelInfo> labels = Map.of(1, new LabelInfo(1, "liver", 0xdd8265ff), 7, new LabelInfo(7, "left kidney", 0x00ff00ff));
        Path f = dir.resolve("labels.nii.gz");
        ImageFormats.write(f, v, labels);
        LoadedImage back = ImageFormats.read(f);
        assertEquals(labels, back.labels());
        TestVolumes.assertSame(v, back.volume(), 1e-9);
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(6, 5, 4), VoxelType.INT16, TestVolumes.oblique(), 3);
        Path f = dir.resolve("a.nii");
        ImageFormats.write(f, v, Map.of());
        ImageFormats.write(f, v, Map.of());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void bigExtentsUseNifti2() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(40000, 1, 2), VoxelType.INT8, Geometry.unit(), 4);
        Path f = dir.resolve("wide.nii");
        ImageFormats.write(f, v, Map.of());
        LoadedImage back = ImageFormats.read(f);
        assertEquals("2", back.attributes().get("niftiVersion"));
        TestVolumes.assertSame(v, back.volume(), 1e-9);
    }
}
