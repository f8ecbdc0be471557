package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Phantom series written by pydicom (make_fixtures.py) with shuffled file names and instance numbers:
 * slice order, voxels and the index→LPS affine, the affine written out by hand from the header values.
 */
class PhantomSeriesTest {

    /** Stored value the fixture script wrote at (i, j, k), k in patient order. */
    static int phantom(int i, int j, int k) {
        return ((i * 7 + j * 13 + k * 31) % 2000) - 1000;
    }

    static void assertPhantomVoxels(Volume v) {
        long bad = 0;
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    if (v.raw(i, j, k) != phantom(i, j, k)) {
                        bad++;
                    }
                }
            }
        }
        assertEquals(0, bad, "voxels out of place");
    }

    static void assertAffine(double[][] expected, LoadedImage img) {
        double[][] got = img.volume().geometry().toRowMajor();
        for (int r = 0; r < 4; r++) {
            assertArrayEquals(expected[r], got[r], 1e-9, "row " + r + " of " + Arrays.deepToString(got));
        }
    }

    @Test
    void axialSeriesInPatientOrder() throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("phantom-axial"));
        Volume v = img.volume();
        assertEquals("dicom-series", img.format());
        assertEquals(VoxelType.INT16, v.type());
        assertEquals(-1024, v.rescale().intercept());
        assertArrayEquals(new int[] {64, 64, 40}, v.dimensions().toArray());
        assertEquals("40", img.attributes().get("files"));
        assertEquals("CT", img.attributes().get("modality"));
        assertEquals("1.2.840.10008.1.2.1", img.attributes().get("transferSyntaxUID"));
        assertTrue(img.warnings().isEmpty(), img.warnings().toString());
        assertPhantomVoxels(v);
        // Pixel Spacing 0.75\0.7 (row, column); IPP of slice k = (-24.15, -30.2, -50 + 2.5 k)
        assertAffine(new double[][] {{0.7, 0, 0, -24.15}, {0, 0.75, 0, -30.2}, {0, 0, 2.5, -50}, {0, 0, 0, 1}}, img);
    }

    @Test
    void obliqueSeriesAffineFromHeaders() throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("phantom-oblique"));
        assertArrayEquals(new int[] {32, 24, 12}, img.volume().dimensions().toArray());
        assertPhantomVoxels(img.volume());
        // IOP row (0.6, 0.8, 0) x column spacing 0.9 = (0.54, 0.72, 0);
        // column (-0.48, 0.36, 0.8) x row spacing 0.8 = (-0.384, 0.288, 0.64);
        // IPP steps (1.92, -1.44, 1.8) = 3 mm along the normal (0.64, -0.48, 0.6); first IPP (10.5, -20.25, 33)
        assertAffine(new double[][] {
            {0.54, -0.384, 1.92, 10.5},
            {0.72, 0.288, -1.44, -20.25},
            {0, 0.64, 1.8, 33},
            {0, 0, 0, 1}}, img);
        assertTrue(img.volume().geometry().isOrthogonal());
        assertEquals(3.0, img.volume().geometry().sliceThicknessAlongNormal(), 1e-12);
        assertTrue(img.warnings().isEmpty(), img.warnings().toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"implicit,1.2.840.10008.1.2", "bigendian,1.2.840.10008.1.2.2",
        "deflated,1.2.840.10008.1.2.1.99"})
    void obliqueSeriesTranscodedByDcmtk(String variant, String syntax) throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("phantom-oblique-" + variant));
        assertEquals(syntax, img.attributes().get("transferSyntaxUID"));
        assertArrayEquals(new int[] {32, 24, 12}, img.volume().dimensions().toArray());
        assertPhantomVoxels(img.volume());
        assertAffine(new double[][] {
            {0.54, -0.384, 1.92, 10.5},
            {0.72, 0.288, -1.44, -20.25},
            {0, 0.64, 1.8, 33},
            {0, 0, 0, 1}}, img);
        assertTrue(img.warnings().isEmpty(), img.warnings().toString());
    }

    @Test
    void tiltedSeriesGivesShearedExactAffine() throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("phantom-tilted"));
        assertPhantomVoxels(img.volume());
        // IPP_k = (-8, -6 + 0.5 k, -20 + 2 k): k column (0, 0.5, 2) is not along the normal (0, 0, 1)
        assertAffine(new double[][] {{0.5, 0, 0, -8}, {0, 0.5, 0.5, -6}, {0, 0, 2, -20}, {0, 0, 0, 1}}, img);
        assertFalse(img.volume().geometry().isOrthogonal());
        assertEquals(2.0, img.volume().geometry().sliceThicknessAlongNormal(), 1e-12);
        assertTrue(img.warningMessages().stream().anyMatch(w -> w.contains("gantry tilt") && w.contains("14.04")), img.warningMessages().toString());
    }

    @Test
    void multiEchoSeriesIsSplitByEcho() throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("multiecho"));
        assertEquals(4, img.volume().nz(), "echo 2 has 4 slices, echo 1 has 3: the larger stack is read");
        assertEquals("4", img.attributes().get("files"));
        assertEquals("MR", img.attributes().get("modality"));
        assertTrue(img.warnings(org.organ3d.io.ReadWarning.Kind.OTHER_STACKS).get(0).detail().contains("2 stacks"),
                img.warnings().toString());
        assertEquals(4, ImageFormats.read(Fixtures.path("multiecho"), org.organ3d.io.ReadOptions.strict()).volume().nz(),
                "other echoes are no reason to refuse");
        assertFalse(img.warningMessages().stream().anyMatch(w -> w.contains("duplicate")), img.warningMessages().toString());
    }

    @Test
    void enhancedMultiFrameUsesFunctionalGroups() throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("enhanced/enhanced_ct.dcm"));
        Volume v = img.volume();
        assertEquals("dicom-file", img.format());
        assertArrayEquals(new int[] {16, 12, 6}, v.dimensions().toArray());
        assertEquals(VoxelType.UINT16, v.type(), "12 bits stored, unsigned");
        assertEquals(2.0, v.rescale().slope());
        assertEquals(-1000.0, v.rescale().intercept());
        // coronal: row (1,0,0) x 0.4, column (0,0,-1) x 0.6, normal (0,1,0) x 1.5; first IPP (-5, 12, 40)
        assertAffine(new double[][] {{0.4, 0, 0, -5}, {0, 0, 1.5, 12}, {0, -0.6, 0, 40}, {0, 0, 0, 1}}, img);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    assertEquals((i * 3 + j * 5 + k * 100) % 4096, v.raw(i, j, k), 0.0, "voxel " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void perFrameRescalesBecomeFloat32() throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("enhanced/enhanced_ct_rescales.dcm"));
        Volume v = img.volume();
        assertEquals(VoxelType.FLOAT32, v.type());
        assertTrue(v.rescale().isIdentity());
        assertTrue(img.warningMessages().stream().anyMatch(w -> w.contains("float32")), img.warningMessages().toString());
        for (int k = 0; k < 6; k++) {
            double slope = 1 + 0.5 * k;
            double intercept = -1000 + 10 * k;
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    assertEquals(((i * 3 + j * 5 + k * 100) % 4096) * slope + intercept, v.value(i, j, k), 1e-3);
                }
            }
        }
    }

    @Test
    void dicomdirIsHonoured() throws Exception {
        // DICOMDIR references the 5 files in REF/; the 9 files in OTHER/ are not referenced
        LoadedImage img = ImageFormats.read(Fixtures.path("dicomdir"));
        assertEquals(5, img.volume().nz());
        assertEquals(2.0, img.volume().geometry().spacing().z, 1e-12);
        assertPhantomVoxels(img.volume());
        LoadedImage viaFile = ImageFormats.read(Fixtures.path("dicomdir/DICOMDIR"));
        assertEquals("dicom-series", viaFile.format());
        assertEquals(5, viaFile.volume().nz());
    }
}
