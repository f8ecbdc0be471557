package org.organ3d.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.mesh.SmoothingResult;
import org.organ3d.testdata.phantom.StructureTruth;

/** Prints the demo's table of measured against true values, and its stage times. */
final class DemoReport {

    /** One timed stage. */
    record Stage(String name, double seconds, String note) {
    }

    private DemoReport() {
    }

    static void print(PrintWriter out, String title, List<Stage> stages, List<LabelMeasurement> measured,
            List<StructureTruth> truths, Map<Integer, SmoothingResult> smoothing, double lesionDiameterMm, int lesionLabel) {
        out.println(title);
        out.println();
        out.printf(Locale.ROOT, "%-14s %10s %10s %10s %8s %8s %9s %8s%n", "structure", "voxel cm3", "mesh cm3",
                "true cm3", "vox err%", "mesh err%", "ctr err mm", "smooth%");
        for (StructureTruth t : truths) {
            LabelMeasurement m = measured.stream().filter(x -> x.label() == t.label()).findFirst().orElse(null);
            if (m == null) {
                out.printf(Locale.ROOT, "%-14s %10s%n", t.name(), "not found");
                continue;
            }
            double tv = t.volumeMm3();
            double dc = Math.sqrt(sq(m.centroidLps().x() - t.centroidLps().x) + sq(m.centroidLps().y() - t.centroidLps().y)
                    + sq(m.centroidLps().z() - t.centroidLps().z));
            SmoothingResult s = smoothing.get(t.label());
            out.printf(Locale.ROOT, "%-14s %10.2f %10.2f %10.2f %+8.2f %+8.2f %9.2f %+8.3f%n", t.name(), m.volumeMm3() / 1000,
                    m.meshVolumeMm3() / 1000, tv / 1000, pct(m.volumeMm3(), tv), pct(m.meshVolumeMm3(), tv), dc,
                    s == null ? Double.NaN : 100 * s.volumeChangeRelative());
        }
        measured.stream().filter(x -> x.label() == lesionLabel).findFirst().ifPresent(m -> {
            if (m.recist() != null) {
                out.printf(Locale.ROOT, "%nlesion RECIST 1.1: long axis %.1f mm, short axis %.1f mm on slice %d (true diameter %.1f mm)%n",
                        m.recist().longAxisMm(), m.recist().shortAxisMm(), m.recist().sliceIndex(), lesionDiameterMm);
            }
            out.printf(Locale.ROOT, "lesion max Feret diameter %.1f mm, sphericity %.3f%n", m.maxFeretDiameterMm(), m.sphericity());
        });
        out.println();
        out.printf(Locale.ROOT, "%-22s %8s%n", "stage", "seconds");
        double total = 0;
        for (Stage s : stages) {
            out.printf(Locale.ROOT, "%-22s %8.2f  %s%n", s.name(), s.seconds(), s.note());
            total += s.seconds();
        }
        out.printf(Locale.ROOT, "%-22s %8.2f%n", "total", total);
        out.flush();
    }

    private static double pct(double v, double truth) {
        return 100 * (v / truth - 1);
    }

    private static double sq(double v) {
        return v * v;
    }
}
