package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Volume;

/**
 * End to end through the reader (parse, encapsulated frames, codec, pixel module, geometry): every
 * lossless compressed fixture of the codecs package (transcoded by GDCM/dcmtk, see
 * {@code codec/README.md}) must give the same volume, voxel for voxel, as its uncompressed original.
 */
class CompressedSeriesTest {

    @Test
    void losslessTranscodesEqualTheirUncompressedOriginals() throws Exception {
        Path manifest = Fixtures.path("codec/manifest.tsv");
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            String fixture = f[0];
            String expected = f[11];
            String tolerance = f[12];
            Path dcm = manifest.resolveSibling("dcm/" + fixture + ".dcm");
            Path original = manifest.resolveSibling("originals/" + expected + ".dcm");
            if (!"exact".equals(tolerance) || !Files.exists(dcm) || !Files.exists(original)) {
                continue;
            }
            LoadedImage a = ImageFormats.read(dcm);
            LoadedImage b = ImageFormats.read(original);
            assertEquals(f[1], a.attributes().get("transferSyntaxUID"), fixture);
            Volume va = a.volume();
            Volume vb = b.volume();
            assertEquals(vb.dimensions(), va.dimensions(), fixture);
            assertEquals(vb.type(), va.type(), fixture);
            assertEquals(vb.rescale(), va.rescale(), fixture);
            assertTrue(vb.geometry().equalsWithin(va.geometry(), 1e-9), fixture);
            long bad = 0;
            for (int k = 0; k < va.nz(); k++) {
                for (int j = 0; j < va.ny(); j++) {
                    for (int i = 0; i < va.nx(); i++) {
                        if (va.raw(i, j, k) != vb.raw(i, j, k)) {
                            bad++;
                        }
                    }
                }
            }
            assertEquals(0, bad, fixture + ": voxels differing from " + expected);
            checked.add(fixture);
        }
        assertTrue(checked.size() >= 10, "too few lossless fixtures found: " + checked);
        System.out.println("compressed = uncompressed through the reader for " + checked.size() + " fixtures: " + checked);
    }
}
