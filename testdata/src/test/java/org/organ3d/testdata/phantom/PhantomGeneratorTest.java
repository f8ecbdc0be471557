package org.organ3d.testdata.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.joml.Vector3d;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;

class PhantomGeneratorTest {

    static PhantomStudy small;

    @BeforeAll
    static void generate() {
        small = PhantomGenerator.generate(PhantomGrid.SMALL);
    }

    @Test
    void truthsAreAnalytic() {
        AbdominalPhantom p = new AbdominalPhantom();
        StructureTruth lesion = small.truth(AbdominalPhantom.LESION);
        assertEquals(4.0 / 3.0 * Math.PI * 12 * 12 * 12, lesion.volumeMm3(), 1e-9);
        StructureTruth liver = small.truth(AbdominalPhantom.LIVER);
        assertEquals(4.0 / 3.0 * Math.PI * (72 * 62 * 72 - 12 * 12 * 12), liver.volumeMm3(), 1e-6);
        StructureTruth aorta = small.truth(AbdominalPhantom.AORTA);
        assertEquals(Math.PI * 11 * 11 * 300, aorta.volumeMm3(), 1e-6);
        assertEquals(0, aorta.centroidLps().distance(new Vector3d(15, 38, 0)), 1e-9);
        StructureTruth bone = small.truth(AbdominalPhantom.VERTEBRAE);
        assertEquals(10 * Math.PI * 22 * 17 * 24, bone.volumeMm3(), 1e-6);
        // Liver centroid: ellipsoid minus sphere, by hand.
        double ve = 4.0 / 3.0 * Math.PI * 72 * 62 * 72;
        double vs = 4.0 / 3.0 * Math.PI * 12 * 12 * 12;
        Vector3d c = new Vector3d(-58, -14, 45).mul(ve).sub(new Vector3d(-75, -15, 50.25).mul(vs)).div(ve - vs);
        assertEquals(0, liver.centroidLps().distance(c), 1e-9);
        assertEquals(7, p.structures().size());
    }

    @Test
    void organsAreSeparatedByFatExceptLesionInLiver() {
        LabelMap m = small.labels();
        Dimensions d = m.dimensions();
        int bad = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int a = m.label(i, j, k);
                    if (a == 0) {
                        continue;
                    }
                    int[][] nb = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
                    for (int[] o : nb) {
                        if (!d.contains(i + o[0], j + o[1], k + o[2])) {
                            continue;
                        }
                        int b = m.label(i + o[0], j + o[1], k + o[2]);
                        if (b != 0 && b != a && !(Math.min(a, b) == 1 && Math.max(a, b) == 7)) {
                            bad++;
                        }
                    }
                }
            }
        }
        assertEquals(0, bad, "touching organs");
    }

    @Test
    void voxelCountsApproachTruthAndHuValuesAreRight() {
        Map<Integer, Long> counts = small.labels().counts();
        double vv = small.ct().geometry().voxelVolume();
        for (StructureTruth t : small.truths()) {
            double v = counts.getOrDefault(t.label(), 0L) * vv;
            // 2.8 x 2.8 x 5 mm voxels: discretisation error of a few percent at most.
            assertEquals(t.volumeMm3(), v, 0.06 * t.volumeMm3(), t.name());
        }
        // Centre of the liver is 110 HU (noise 12): mean over a small block.
        var g = small.ct().geometry();
        var idx = g.patientToIndex(new Vector3d(-40, 10, 30));
        double s = 0;
        int n = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -3; dj <= 3; dj++) {
                for (int di = -3; di <= 3; di++) {
                    s += small.ct().value((int) Math.round(idx.x) + di, (int) Math.round(idx.y) + dj, (int) Math.round(idx.z) + dk);
                    n++;
                }
            }
        }
        assertEquals(110, s / n, 5);
    }

    @Test
    void generationIsDeterministic() {
        PhantomStudy again = PhantomGenerator.generate(PhantomGrid.SMALL);
        for (int k = 0; k < small.grid().nz(); k += 7) {
            assertTrue(small.ct().slice(k).equals(again.ct().slice(k)), "slice " + k);
        }
    }
}
