package org.organ3d.testdata.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Volume;

class LiverPhantomTest {

    @Test
    void lesionsLieInTheLiverWithTheirContrast() {
        ScreeningStudy s = LiverPhantom.generate(41, 5.0, 5);
        assertEquals("liver", s.kind());
        assertTrue(s.lesions().size() >= 3, "lesions placed: " + s.lesions().size());
        Volume ct = s.ct();
        for (LesionTruth t : s.lesions()) {
            Vector3d c = ct.geometry().patientToIndex(t.centreLps());
            int i = (int) Math.round(c.x);
            int j = (int) Math.round(c.y);
            int k = (int) Math.round(c.z);
            assertEquals(LiverPhantom.LIVER, s.organs().label(i, j, k), "lesion " + t.id() + " is not in the liver label");
            assertTrue(t.diameterMm() >= 5 && t.diameterMm() <= 40, t.toString());
            assertEquals(t.hu() - LiverPhantom.LIVER_HU, t.contrastHu(), 1e-9);
            assertTrue(t.type().equals(t.contrastHu() < 0 ? "hypodense" : "hyperdense"));
            if (t.diameterMm() >= 10) {
                double sum = 0;
                int n = 0;
                for (int dj = -3; dj <= 3; dj++) {
                    for (int di = -3; di <= 3; di++) {
                        sum += ct.value(i + di, j + dj, k);
                        n++;
                    }
                }
                assertEquals(t.hu(), sum / n, 15, "mean of 49 voxels at the centre of " + t);
            }
        }
    }
}
