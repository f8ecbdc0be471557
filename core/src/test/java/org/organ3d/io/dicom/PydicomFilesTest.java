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
 * {@code ds.pixel_array} saved by make_fixtures.py, and geometry compared with pydicom's header values;
 * its compressed ones compared with GDCM's decoding ({@code gdcmconv --raw}).
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
        Integer[] frameOfSlice = frameOrder(v.nz(), gfov);
        assertEquals(0, compare(v, expected, frameOfSlice).mismatches(), "voxels differing from pydicom's pixel_array");

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

    /** How far organ3d's voxels are from the expected array: differing voxels, largest and mean |difference|. */
    private record Comparison(long mismatches, double maxAbs, double meanAbs) {
    }

    private static Comparison compare(Volume v, Fixtures.Npy expected, Integer[] frameOfSlice) {
        int n = v.nx() * v.ny();
        long mismatches = 0;
        double max = 0;
        double sum = 0;
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    double d = Math.abs(v.raw(i, j, k) - expected.values()[frameOfSlice[k] * n + j * v.nx() + i]);
                    mismatches += d != 0 ? 1 : 0;
                    max = Math.max(max, d);
                    sum += d;
                }
            }
        }
        return new Comparison(mismatches, max, sum / ((double) n * v.nz()));
    }

    private static Integer[] frameOrder(int frames, double[] gfov) {
        Integer[] order = new Integer[frames];
        for (int k = 0; k < frames; k++) {
            order[k] = k;
        }
        if (gfov != null) {
            Arrays.sort(order, (a, b) -> Double.compare(gfov[a], gfov[b]));
        }
        return order;
    }

    /**
     * pydicom's compressed test files: RLE, JPEG-LS, JPEG 2000 and JPEG lossless ones must equal
     * GDCM's decoding exactly (the three MR_small variants also equal MR_small itself); the lossy
     * JPEG (12-bit extended, 8-bit YBR baseline) and lossy JPEG 2000 ones may differ by the rounding
     * of two independent inverse transforms.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MR_small_RLE", "MR_small_jpeg_ls_lossless", "MR_small_jp2klossless", "rtdose_rle",
        "SC_rgb_rle", "SC_rgb_jpeg_gdcm", "JPGExtended", "JPEG2000", "SC_rgb_jpeg_dcmtk"})
    void decodesCompressedFilesAsGdcm(String name) throws Exception {
        LoadedImage img = ImageFormats.read(Fixtures.path("pydicom/" + name + ".dcm"));
        Properties p = Fixtures.properties("pydicom/" + name + ".properties");
        Fixtures.Npy expected = Fixtures.npy("pydicom/" + name + ".npy.gz");
        Volume v = img.volume();
        assertEquals(p.getProperty("transferSyntax"), img.attributes().get("transferSyntaxUID"));
        assertArrayEquals(expected.shape(), new int[] {v.nz(), v.ny(), v.nx()});
        assertEquals(Double.parseDouble(p.getProperty("rescaleSlope")), v.rescale().slope(), 1e-12);
        Comparison c = compare(v, expected, frameOrder(v.nz(), Fixtures.numbers(p, "gfov")));
        System.out.printf("%s: %d voxels differ from GDCM, max |d| %.0f, mean |d| %.4f%n", name, c.mismatches(), c.maxAbs(),
                c.meanAbs());
        if (Boolean.parseBoolean(p.getProperty("lossless"))) {
            assertEquals(0, c.mismatches(), "lossless: voxels differing from GDCM's decoding");
        } else {
            assertTrue(c.maxAbs() <= LOSSY_MAX_ABS && c.meanAbs() <= LOSSY_MEAN_ABS, name + ": " + c);
        }
    }

    /** Lossy files: two IDCT/IWT implementations round apart by at most this (2 for RGB luminance). */
    private static final double LOSSY_MAX_ABS = 2;
    private static final double LOSSY_MEAN_ABS = 0.1;
}
