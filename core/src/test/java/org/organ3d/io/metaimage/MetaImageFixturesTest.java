package org.organ3d.io.metaimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.raw.FixtureTruth;
import org.organ3d.io.raw.TestJson;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** MetaImage files written by VTK and by hand (see make_fixtures.py) read to VTK's voxels and the expected affine. */
class MetaImageFixturesTest {

    static Path fixture(String name) throws Exception {
        return Path.of(MetaImageFixturesTest.class.getResource(name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vtk_int16.mha", "vtk_float32_compressed.mha", "vtk_uint8.mhd", "vtk_uint16_compressed.mhd",
        "oblique_bigendian.mha", "headersize.mhd"})
    void readsAsVtkDoes(String name) throws Exception {
        FixtureTruth t = FixtureTruth.read(fixture(name), "metaimage");
        Volume v = t.image().volume();
        Geometry want = Geometry.fromRowMajor(TestJson.matrix(t.truth().get("affine_lps")));
        assertTrue(want.equalsWithin(v.geometry(), 1e-9), name + ": want " + want + " got " + v.geometry());
        t.assertShapeAndValues(name, 1e-6);
    }

    @Test
    void types() throws Exception {
        assertEquals(VoxelType.INT32, ImageFormats.read(fixture("oblique_bigendian.mha")).volume().type());
        assertEquals(VoxelType.UINT16, ImageFormats.read(fixture("vtk_uint16_compressed.mhd")).volume().type());
        assertEquals("RAI", ImageFormats.read(fixture("oblique_bigendian.mha")).attributes().get("anatomicalOrientation"));
    }
}
