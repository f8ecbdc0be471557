package org.organ3d.testdata.screening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Volume;

class ChestPhantomTest {

    /** A coarse grid keeps the test fast; anatomy and nodules are those of the seed. */
    private static final ChestPhantom.Options COARSE = new ChestPhantom.Options(0.9, 1.4, 4.0, 256, null, 8, 20.0);

    @Test
    void sameSeedSameStudy() {
        ScreeningStudy a = ChestPhantom.generate(31, COARSE);
        ScreeningStudy b = ChestPhantom.generate(31, COARSE);
        assertEquals(a.lesions(), b.lesions());
        short[] sa = new short[a.grid().nx() * a.grid().ny()];
        short[] sb = sa.clone();
        for (int k = 0; k < a.grid().nz(); k += 7) {
            a.ct().copySlice(k, sa);
            b.ct().copySlice(k, sb);
            assertArrayEquals(sa, sb, "slice " + k);
        }
    }

    @Test
    void nodulesAreWhereTheTruthSaysWithTheirDensity() {
        ScreeningStudy s = ChestPhantom.generate(32, COARSE);
        assertTrue(s.lesions().size() >= 6, "nodules placed: " + s.lesions().size());
        Volume ct = s.ct();
        for (LesionTruth t : s.lesions()) {
            assertTrue(t.diameterMm() >= 2.5 && t.diameterMm() <= 30.5, t.toString());
            double full = 4.0 / 3.0 * Math.PI * t.semiAxesMm().x * t.semiAxesMm().y * t.semiAxesMm().z;
            if ("juxta-pleural".equals(t.placement())) {
                assertTrue(t.volumeMm3() < full, "part of a juxta-pleural nodule lies in the wall");
                assertTrue(t.volumeMm3() > 0.3 * full, "most of a juxta-pleural nodule is in the lung");
            } else {
                assertEquals(full, t.volumeMm3(), 1e-9 * full);
            }
            if (t.diameterMm() >= 12 && !"part-solid".equals(t.type())) {
                // The mean of the voxels near the centre is the nodule's value (noise 20 HU averaged).
                Vector3d c = ct.geometry().patientToIndex(t.centreLps());
                double sum = 0;
                int n = 0;
                for (int dk = -0; dk <= 0; dk++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        for (int di = -1; di <= 1; di++) {
                            sum += ct.value((int) Math.round(c.x) + di, (int) Math.round(c.y) + dj, (int) Math.round(c.z) + dk);
                            n++;
                        }
                    }
                }
                assertTrue(sum / n >= t.hu() - 40, t + ": mean near the centre " + sum / n);
            }
            assertTrue(Math.abs(t.contrastHu()) > 100, "contrast against the parenchyma: " + t.contrastHu());
        }
        ScreeningStudy none = ChestPhantom.generate(32, COARSE.withoutNodules());
        assertEquals(0, none.lesions().size());
    }
}
