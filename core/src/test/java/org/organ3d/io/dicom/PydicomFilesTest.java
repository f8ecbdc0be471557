package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Properties;
import org.joml.Vector3d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * pydicom's own test files (Debian python3-pydicom), decoded by organ3d and compared bit for bit with
 * {@code ds.pixel_array} saved by make_fixtures.py, and geometry compared with pydicom's header values.
 */
class PydicomFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"CT_small", "MR_small", "MR_small_bigendian", "MR_small_implicit", "MR_small_expb",
        "image_dfl", "rtdose", "rtdose_expb", "SC_rgb_small_odd", "ExplVR_BigEnd", "SC_ybr_full_422_uncompressed"})
    void decodesExactlyAsPydicom(String name) throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("pydicom/" + name + ".dcm"));
        Properties p = Fixtures.properties("pydicom/" + name + ".properties");
        Fixtures.Npy expected = Fixtures.npy("pydicom/" + name + ".npy");
        Volume v = img.volume();
        assertEquals("dicom-file", img.format());
        assertEquals(p.getProperty("transferSyntax"), img.attributes().get("transferSyntaxUID"));
        int[] shape = expected.shape();
        assertEquals(shape[0], v.nz(), "frames");
        assertEquals(shape[1], v.ny(), "rows");
        assertEquals(shape[2], v.nx(), "columns");
        assertEquals(Double.parseDouble(p.getProperty("rescaleSlope")), v.rescale().slope(), 1e-12);
        assertEquals(Double.parseDouble(p.getProperty("rescaleIntercept")), v.rescale().intercept(), 1e-12);

        // frames in patient order: for multi-frame grids, pydicom's frame f is at offset gfov[f]
        double[] gfov = Fixtures.numbers(p, "gfov");
        Integer[] frameOfSlice = new Integer[v.nz()];
        for (int k = 0; k < frameOfSlice.length; k++) {
            frameOfSlice[k] = k;
        }
        if (gfov != null) {
            Arrays.sort(frameOfSlice, (a, b) -> Double.compare(gfov[a], gfov[b]));
        }
        int n = v.nx() * v.ny();
        long mismatches = 0;
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    double want = expected.values()[frameOfSlice[k] * n + j * v.nx() + i];
                    if (v.raw(i, j, k) != want) {
                        mismatches++;
                    }
                }
            }
        }
        assertEquals(0, mismatches, "voxels differing from pydicom's pixel_array");

        Geometry g = v.geometry();
        double[] ipp = Fixtures.numbers(p, "ipp");
        double[] iop = Fixtures.numbers(p, "iop");
        double[] ps = Fixtures.numbers(p, "pixelSpacing");
        if (ipp != null && iop != null) {
            Vector3d o = g.origin();
            double base = gfov == null ? 0 : gfov[frameOfSlice[0]];
            Vector3d normal = new Vector3d(iop[0], iop[1], iop[2]).cross(iop[3], iop[4], iop[5]);
            assertArrayEquals(new double[] {ipp[0] + base * normal.x, ipp[1] + base * normal.y, ipp[2] + base * normal.z},
                    new double[] {o.x, o.y, o.z}, 1e-9, "origin = Image Position (Patient)");
            Vector3d row = g.direction().getColumn(0, new Vector3d());
            Vector3d col = g.direction().getColumn(1, new Vector3d());
            assertArrayEquals(iop, new double[] {row.x, row.y, row.z, col.x, col.y, col.z}, 1e-9);
        }
        if (ps != null) {
            assertEquals(ps[1], g.spacing().x, 1e-9, "column spacing");
            assertEquals(ps[0], g.spacing().y, 1e-9, "row spacing");
        }
        if (gfov != null) {
            assertEquals(Math.abs(gfov[1] - gfov[0]), g.spacing().z, 1e-9, "grid frame offset spacing");
        }
        assertTrue(img.attributes().containsKey("seriesInstanceUID"));
        assertEquals("1", img.attributes().get("files"));
    }
}
