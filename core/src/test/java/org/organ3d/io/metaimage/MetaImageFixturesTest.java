package org.organ3d.io.metaimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
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
        Path f = fixture(name);
        Map<String, Object> truth = TestJson.read(f.resolveSibling(name + ".json"));
        LoadedImage img = ImageFormats.read(f);
        assertEquals("metaimage", img.format());
        Volume v = img.volume();
        double[] shape = TestJson.vector(truth.get("shape"));
        assertArrayEquals(new int[] {(int) shape[0], (int) shape[1], (int) shape[2]}, v.dimensions().toArray());
        Geometry want = Geometry.fromRowMajor(TestJson.matrix(truth.get("affine_lps")));
        assertTrue(want.equalsWithin(v.geometry(), 1e-9), name + ": want " + want + " got " + v.geometry());
        double[] values = TestJson.vector(truth.get("values"));
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    double w = values[i + v.nx() * (j + v.ny() * k)];
                    assertEquals(w, v.value(i, j, k), 1e-6 * Math.max(1, Math.abs(w)), name + " at " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void types() throws Exception {
        assertEquals(VoxelType.INT32, ImageFormats.read(fixture("oblique_bigendian.mha")).volume().type());
        assertEquals(VoxelType.UINT16, ImageFormats.read(fixture("vtk_uint16_compressed.mhd")).volume().type());
        assertEquals("RAI", ImageFormats.read(fixture("oblique_bigendian.mha")).attributes().get("anatomicalOrientation"));
    }
}
