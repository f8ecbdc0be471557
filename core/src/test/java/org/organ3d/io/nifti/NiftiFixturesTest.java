package org.organ3d.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.joml.Matrix4d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.StrictReadException;
import org.organ3d.io.raw.FixtureTruth;
import org.organ3d.io.raw.TestJson;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Files written by nibabel (see make_fixtures.py beside them) read to the affine and the values
 * nibabel reports, the affine converted from RAS to LPS.
 */
class NiftiFixturesTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(NiftiFixturesTest.class.getResource(name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oblique_sform_int16.nii.gz", "sheared_sform_float32.nii", "qform_only_uint8.nii",
        "qform_qfac_neg_int8.nii", "scaled_uint16.nii", "bigendian_int32.nii", "nifti2_float64.nii.gz",
        "uint32_large.nii", "four_d_float32.nii", "nifti2_bigendian_int16.nii.gz", "pair_int16.hdr"})
    void readsAsNibabelDoes(String name) throws Exception {
        FixtureTruth t = FixtureTruth.read(fixture(name), "nifti");
        Volume v = t.image().volume();
        double[][] ras = TestJson.matrix(t.truth().get("affine_ras"));
        Matrix4d lps = new Matrix4d();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                lps.setRowColumn(r, c, (r < 2 ? -1 : 1) * ras[r][c]);
            }
        }
        Geometry expected = Geometry.fromAffine(lps);
        assertTrue(expected.equalsWithin(v.geometry(), 1e-6), name + ": nibabel " + expected + " organ3d " + v.geometry());
        t.assertShapeAndValues(name, 1e-6);
    }

    @org.junit.jupiter.api.Test
    void typesAndWarnings() throws Exception {
        assertEquals(VoxelType.INT32, ImageFormats.read(fixture("bigendian_int32.nii")).volume().type());
        LoadedImage u32 = ImageFormats.read(fixture("uint32_large.nii"));
        assertEquals(VoxelType.FLOAT32, u32.volume().type());
        assertTrue(u32.warningMessages().stream().anyMatch(w -> w.contains("uint32")), u32.warningMessages().toString());
        LoadedImage f64 = ImageFormats.read(fixture("nifti2_float64.nii.gz"));
        assertEquals("2", f64.attributes().get("niftiVersion"));
        assertTrue(f64.warningMessages().stream().anyMatch(w -> w.contains("float64")));
        LoadedImage four = ImageFormats.read(fixture("four_d_float32.nii"));
        assertTrue(four.warningMessages().stream().anyMatch(w -> w.contains("first 3D volume")), four.warningMessages().toString());
        LoadedImage q = ImageFormats.read(fixture("qform_qfac_neg_int8.nii"));
        assertEquals("qform", q.attributes().get("geometrySource"));
        assertTrue(q.volume().geometry().indexToRas().determinant3x3() < 0, "qfac -1 gives a left-handed index->RAS map");
        LoadedImage sh = ImageFormats.read(fixture("sheared_sform_float32.nii"));
        assertTrue(!sh.volume().geometry().isOrthogonal());
        assertTrue(sh.warningMessages().stream().anyMatch(w -> w.contains("qform and sform differ")), sh.warningMessages().toString());
        LoadedImage sc = ImageFormats.read(fixture("scaled_uint16.nii"));
        assertEquals(0.5, sc.volume().rescale().slope());
        assertEquals(-100.0, sc.volume().rescale().intercept());
        assertEquals(VoxelType.UINT16, sc.volume().type());
    }

    @org.junit.jupiter.api.Test
    void warningsAreTypedAndStrictReadingRefusesGeometryTrouble() throws Exception {
        Path sheared = fixture("sheared_sform_float32.nii");
        LoadedImage sh = ImageFormats.read(sheared);
        assertEquals(List.of(Kind.INCONSISTENT_GEOMETRY), kinds(sh));
        assertEquals(sheared, sh.warnings().get(0).file());
        StrictReadException e = assertThrows(StrictReadException.class, () -> ImageFormats.read(sheared, ReadOptions.strict()));
        assertEquals(sh.warnings(), e.refused());
        assertEquals(List.of(Kind.VALUE_CONVERSION), kinds(ImageFormats.read(fixture("uint32_large.nii"))));
        Path four = fixture("four_d_float32.nii");
        assertEquals(List.of(Kind.IGNORED_DATA), kinds(ImageFormats.read(four)));
        assertEquals(ImageFormats.read(four).volume().dimensions(), ImageFormats.read(four, ReadOptions.strict()).volume()
                .dimensions(), "a 4D file is no reason to refuse");
        assertThrows(StrictReadException.class, () -> ImageFormats.read(four, ReadOptions.builder()
                .refuse(Kind.IGNORED_DATA).build()), "kinds can be refused one by one");
        ImageFormatException series = assertThrows(ImageFormatException.class, () -> ImageFormats.read(four,
                ReadOptions.builder().seriesUid("1.2.3").build()));
        assertTrue(series.getMessage().contains("series UID applies to DICOM"), series.getMessage());
    }

    private static List<ReadWarning.Kind> kinds(LoadedImage img) {
        return img.warnings().stream().map(ReadWarning::kind).collect(Collectors.toList());
    }
}
