package org.organ3d.testdata.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

class FrocTest {

    private static LesionTruth lesion(int id, double x, double d) {
        double v = Math.PI / 6 * d * d * d;
        return new LesionTruth(id, "lung", "solid", "isolated", new Vector3d(x, 0, 0), d, v, new Vector3d(d / 2, d / 2, d / 2), 40, 900, 0);
    }

    private static Froc.Row row(double x, double score) {
        return new Froc.Row(new Vector3d(x, 0, 0), score, 5, "solid");
    }

    @Test
    void hitsDuplicatesAndFalsePositivesFollowTheLunaRules() {
        Froc f = new Froc();
        List<LesionTruth> truths = List.of(lesion(1, 0, 10), lesion(2, 100, 3));
        // Lesion 1 (radius 5) hit at 4.9 mm by 0.9 and again by 0.5 (a duplicate, neither TP nor FP);
        // lesion 2 (3 mm, hit radius 2.5) missed by a candidate at 2.6 mm, which is a false positive.
        f.add(1, truths, List.of(row(4.9, 0.9), row(-1, 0.5), row(102.6, 0.8), row(50, 0.2)));
        f.add(2, List.of(), List.of(row(0, 0.7)));
        assertEquals(2, f.scans());
        assertEquals(0.5, f.sensitivity(t -> true, 0.0), 1e-12);
        assertEquals(1.0, f.sensitivity(t -> t.id() == 1, 0.9), 1e-12);
        assertEquals(0.0, f.sensitivity(t -> t.id() == 1, 0.91), 1e-12);
        assertEquals(3 / 2.0, f.falsePositivesPerScan(0.0), 1e-12);
        assertEquals(1 / 2.0, f.falsePositivesPerScan(0.75), 1e-12);
        assertEquals(4.9, f.outcomes().get(0).centreErrorMm(), 1e-9);
        assertFalse(f.outcomes().get(1).hit());
        assertEquals(2.5, Froc.hitRadius(lesion(3, 0, 3)), 0);
        assertEquals(5, Froc.hitRadius(lesion(3, 0, 10)), 0);
    }

    @Test
    void curveReadsTheSensitivityAtEachFalsePositiveRate() {
        Froc f = new Froc();
        // 8 scans, one lesion each; lesion n scores n/10; false positives score 0.05 .. 0.95 (one per scan pair).
        for (int s = 0; s < 8; s++) {
            List<Froc.Row> rows = new ArrayList<>();
            rows.add(row(0, (s + 1) / 10.0));
            rows.add(row(500, 0.05 + s * 0.12));
            f.add(s, List.of(lesion(1, 0, 10)), rows);
        }
        // FP scores: .05 .17 .29 .41 .53 .65 .77 .89; at 1/8 FP/scan (1 FP allowed) the threshold sits just above .77.
        assertEquals(Math.nextUp(0.77), f.thresholdAt(0.125), 1e-12);
        assertEquals(1 / 8.0, f.curve(t -> true)[0], 1e-12);
        // At 1 FP/scan every false positive is allowed: all lesions count.
        assertEquals(1.0, f.curve(t -> true)[3], 1e-12);
        double[] c = f.curve(t -> true);
        double mean = 0;
        for (double x : c) {
            mean += x / c.length;
        }
        assertEquals(mean, f.cpm(t -> true), 1e-12);
        assertTrue(Froc.tableHeader().startsWith("| lesions | n | 0.125 |"));
        assertTrue(f.tableRow("all", t -> true).startsWith("| all | 8 | 0.125 |"));
    }
}
