package org.organ3d.testdata.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.measure.Vec3;
import org.organ3d.screen.Candidate;
import org.organ3d.screen.Screening;
import org.organ3d.screen.ScreeningOptions;
import org.organ3d.filter.FilterPasses;
import org.organ3d.screen.ScreeningResult;

/**
 * Lesion screening against phantom truth, the small fixed-seed version of the FROC evaluation
 * (benchmarks/scripts/froc.sh runs the full one): at the shipped operating points, lesions of the
 * target sizes are found, false positives stay few, sizes and centres are right. Seeds 9001–9004
 * are outside both the tuning and the evaluation ranges.
 */
class ScreeningPhantomTest {

    /** Realistic spacing (0.7 mm, 2.5 mm slices) on a smaller patient keeps the test fast. */
    private static final ChestPhantom.Options SMALL = new ChestPhantom.Options(0.88, 0.7, 2.5, 448, null, 6, 25.0);

    private static List<Froc.Row> rows(ScreeningResult r) {
        List<Froc.Row> out = new ArrayList<>();
        for (Candidate c : r.candidates()) {
            Vec3 p = c.centerLps();
            out.add(new Froc.Row(new Vector3d(p.x(), p.y(), p.z()), c.score(), c.diameterMm(), c.type().key()));
        }
        return out;
    }

    @Test
    void chestNodulesAreFoundAndMeasured() {
        Froc froc = new Froc();
        for (long seed : new long[] {9001, 9002}) {
            ScreeningStudy s = ChestPhantom.generate(seed, SMALL);
            ScreeningResult r = Screening.run(s.ct(), ScreeningOptions.lungs(), FilterPasses.JAVA);
            froc.add(seed, s.lesions(), rows(r));
            for (Candidate c : r.candidates()) {
                assertEquals("lung", c.target());
                assertTrue(c.diameterMm() >= ScreeningOptions.DEFAULT_MIN_DIAMETER_MM);
            }
            assertEquals(r.candidates().size(), r.labels().counts().size(), "one label per candidate");
        }
        var target = (java.util.function.Predicate<LesionTruth>) t -> t.diameterMm() >= 6;
        assertTrue(froc.count(target) >= 6, "too few target nodules in the test phantoms: " + froc.count(target));
        double sens = froc.sensitivity(target, 0);
        assertTrue(sens >= 0.75, "sensitivity for nodules >= 6 mm at the operating point: " + sens);
        double fp = froc.falsePositivesPerScan(0);
        assertTrue(fp <= 4, "false positives per scan at the operating point: " + fp);
        double dd = froc.medianAbsDiameterError(t -> t.diameterMm() >= 6);
        double dc = froc.medianCentreError(t -> t.diameterMm() >= 6);
        assertTrue(dd < 1.0, "median |diameter error| " + dd + " mm");
        assertTrue(dc < 1.5, "median centre error " + dc + " mm");
    }

    @Test
    void vesselsAloneGiveFewCandidates() {
        ScreeningStudy s = ChestPhantom.generate(9003, SMALL.withoutNodules());
        ScreeningResult r = Screening.run(s.ct(), ScreeningOptions.lungs(), FilterPasses.JAVA);
        assertTrue(r.candidates().size() <= 3, "vessels-only phantom: " + r.candidates().size() + " candidates");
    }

    @Test
    void liverLesionsAreFoundAndMeasured() {
        ScreeningStudy s = LiverPhantom.generate(9004, 2.5, 5);
        ScreeningResult r = Screening.run(s.ct(), ScreeningOptions.liver(s.organs(), LiverPhantom.LIVER), FilterPasses.JAVA);
        Froc froc = new Froc();
        froc.add(9004, s.lesions(), rows(r));
        var target = (java.util.function.Predicate<LesionTruth>) t -> t.diameterMm() >= 10 && Math.abs(t.contrastHu()) >= 30;
        assertTrue(froc.count(target) >= 2, "too few target lesions: " + froc.count(target));
        assertEquals(1.0, froc.sensitivity(target, 0), 1e-9, "liver lesions >= 10 mm, >= 30 HU at the operating point");
        // NB: one scan; the shipped operating point gives 1.70 false positives per scan on held-out liver seeds
        // 6001-6010 (benchmarks/scripts/froc.sh, docs/screening.md) and this scan has 4: the bound guards against
        // a regression, the FROC script measures the rate.
        assertTrue(froc.falsePositivesPerScan(0) <= 4, "liver false positives: " + froc.falsePositivesPerScan(0));
        assertTrue(froc.medianAbsDiameterError(target) < 1.0);
        for (Froc.Outcome o : froc.outcomes()) {
            if (o.hit()) {
                assertEquals(o.truth().contrastHu() < 0 ? "hypodense" : "hyperdense", o.reportedType(), o.toString());
            }
        }
    }
}
