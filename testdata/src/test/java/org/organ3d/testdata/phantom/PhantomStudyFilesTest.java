package org.organ3d.testdata.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.LabelMap;

class PhantomStudyFilesTest {

    @Test
    void writesAStudyThatReadsBackExactly(@TempDir Path dir) throws Exception {
        PhantomStudy s = PhantomGenerator.generate(PhantomGrid.SMALL);
        assertFalse(PhantomStudyFiles.isComplete(dir, PhantomGrid.SMALL));
        PhantomStudyFiles.write(s, dir);
        assertTrue(PhantomStudyFiles.isComplete(dir, PhantomGrid.SMALL));
        assertFalse(PhantomStudyFiles.isComplete(dir, PhantomGrid.FULL));

        LoadedImage ct = ImageFormats.read(PhantomStudyFiles.dicomFolder(dir));
        assertEquals("dicom-series", ct.format());
        assertEquals("CT", ct.attributes().get("modality"));
        assertTrue(ct.volume().geometry().equalsWithin(s.ct().geometry(), 1e-4), ct.volume().geometry().toString());
        var d = s.ct().dimensions();
        assertEquals(d, ct.volume().dimensions());
        for (int k = 0; k < d.nz(); k += 9) {
            for (int j = 0; j < d.ny(); j += 5) {
                for (int i = 0; i < d.nx(); i += 3) {
                    assertEquals(s.ct().value(i, j, k), ct.volume().value(i, j, k), 0.0);
                }
            }
        }
        LabelMap truth = ImageFormats.read(PhantomStudyFiles.truthLabels(dir)).asLabelMap();
        assertEquals(s.labels().counts(), truth.counts());
        assertTrue(truth.geometry().equalsWithin(s.ct().geometry(), 1e-4));
    }
}
