package org.organ3d.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.raw.FixtureTruth;
import org.organ3d.io.raw.TestJson;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;

/** Hand-written NRRD files (see make_fixtures.py beside them) read to the numbers the spec implies. */
class NrrdFixturesTest {

    static Path fixture(String name) throws Exception {
        return Path.of(NrrdFixturesTest.class.getResource(name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ct_lps_gzip.nrrd", "mr_ras_raw_bigendian.nrrd", "detached.nhdr", "ascii_spacings.nrrd",
        "slicer.seg.nrrd", "layers.seg.nrrd"})
    void readsAsSpecified(String name) throws Exception {
        FixtureTruth t = FixtureTruth.read(fixture(name), "nrrd");
        LoadedImage img = t.image();
        Map<String, Object> truth = t.truth();
        Volume v = img.volume();
        Geometry want = Geometry.fromRowMajor(TestJson.matrix(truth.get("affine_lps")));
        assertTrue(want.equalsWithin(v.geometry(), 1e-9), name + ": want " + want + " got " + v.geometry());
        t.assertShapeAndValues(name, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) truth.get("labels");
        if (labels != null) {
            assertEquals(labels.size(), img.labels().size(), img.labels().toString());
            for (Map.Entry<String, Object> e : labels.entrySet()) {
                LabelInfo li = img.labels().get(Integer.parseInt(e.getKey()));
                @SuppressWarnings("unchecked")
                List<Object> nc = (List<Object>) e.getValue();
                assertEquals(nc.get(0), li.name());
                double[] rgb = TestJson.vector(nc.get(1));
                assertEquals(LabelInfo.rgba(rgb[0], rgb[1], rgb[2], 1), li.rgba(), li.toString());
            }
            assertTrue(img.asLabelMap() != null);
        }
    }

    @Test
    void layeredSegmentationWarnsAboutOverlaps() throws Exception {
        LoadedImage img = ImageFormats.read(fixture("layers.seg.nrrd"));
        assertTrue(img.warningMessages().stream().anyMatch(w -> w.contains("layers merged")), img.warningMessages().toString());
        assertTrue(img.warningMessages().stream().anyMatch(w -> w.contains("several segments")), img.warningMessages().toString());
    }
}
