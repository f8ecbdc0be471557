package org.organ3d.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The viewer's measurement table as a DICOM SR: rulers reach the report with their labels, points
 * (in the series' frame) and structure names, read back by pydicom; angles are counted and left out;
 * a view without a DICOM image, measurements of another frame and a table without rulers are refused
 * with a reason and nothing written.
 */
class MeasurementReportsTest {

    @TempDir
    static Path tmp;

    static Path ct;
    static SeriesInfo info;

    @BeforeAll
    static void series() throws IOException {
        Geometry g = Geometry.of(new Vector3d(0.7, 0.7, 2.5), new Vector3d(-40, -30, 12), new Matrix3d().rotationZ(0.2));
        Volume.Builder b = Volume.builder(new Dimensions(24, 20, 6), VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        for (int k = 0; k < 6; k++) {
            short[] s = new short[24 * 20];
            java.util.Arrays.fill(s, (short) (1000 + 10 * k));
            b.setSlice(k, s);
        }
        info = SeriesInfo.ct("Ruler^Test", "RULER1", "ruler CT");
        ct = tmp.resolve("ct");
        DicomSeriesWriter.writeCtSeries(b.build(), ct, info);
    }

    static MeasurementSet table() {
        MeasurementSet set = new MeasurementSet();
        set.add(Measurement.Kind.RULER, List.of(new Vector3d(-30.5, -20.25, 15), new Vector3d(-10.75, -18, 19.5)),
                List.of("liver lesion", "liver"));
        set.add(Measurement.Kind.ANGLE, List.of(new Vector3d(0, 0, 15), new Vector3d(10, 0, 15), new Vector3d(10, 10, 15)));
        set.add(Measurement.Kind.RULER, List.of(new Vector3d(-20, -5, 14), new Vector3d(-19, -4, 22)), List.of("", "aorta"));
        return set;
    }

    @Test
    void rulersReachTheReportWithTheirPointsAndStructures() throws IOException {
        ExternalTool.PYDICOM.require();
        MeasurementSet set = table();
        Path out = tmp.resolve("m-sr.dcm");
        MeasurementReports.Result r = MeasurementReports.write(set, StudyReference.NONE, ct, null, out);
        assertEquals(2, r.rulers());
        assertEquals(1, r.angles());
        assertEquals(info.frameOfReferenceUID(), r.series().frameOfReferenceUID());
        String script = String.join("\n",
                "import sys, pydicom",
                "d = pydicom.dcmread(sys.argv[1])",
                "print(d.StudyInstanceUID, d.PatientID)",
                "meas = [i for i in d.ContentSequence if i.ConceptNameCodeSequence[0].CodeValue == '126010'][0]",
                "for g in meas.ContentSequence:",
                "    label = [i.TextValue for i in g.ContentSequence if i.ConceptNameCodeSequence[0].CodeValue == '112039'][0]",
                "    names = [i.TextValue for i in g.ContentSequence if i.ValueType == 'TEXT'",
                "             and i.ConceptNameCodeSequence[0].CodingSchemeDesignator == '99ORGAN3D']",
                "    num = [i for i in g.ContentSequence if i.ValueType == 'NUM'][0]",
                "    sc = [i for i in num.ContentSequence if i.ValueType == 'SCOORD3D'][0]",
                "    print(label, num.MeasuredValueSequence[0].NumericValue, sc.ReferencedFrameOfReferenceUID,",
                "          *[float(x) for x in sc.GraphicData], '|'.join(names))");
        Processes.Run p = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script, out.toString()), null,
                Duration.ofSeconds(60)).assertOk("pydicom");
        String[] lines = p.out().strip().split("\n");
        assertEquals(3, lines.length, p.out());
        assertEquals(info.studyInstanceUID() + " RULER1", lines[0].strip());
        int line = 1;
        for (Measurement m : set.all()) {
            if (m.kind() != Measurement.Kind.RULER) {
                continue;
            }
            String[] x = lines[line++].strip().split("\\s+", 10);
            assertEquals(m.label(), x[0]);
            assertEquals(m.value(), Double.parseDouble(x[1]), 1e-9 * m.value());
            assertEquals(info.frameOfReferenceUID(), x[2]);
            for (int a = 0; a < 6; a++) {
                Vector3d q = m.points().get(a / 3);
                assertEquals(q.get(a % 3), Double.parseDouble(x[3 + a]), 1e-5, m.label() + " coordinate " + a);
            }
            String names = x.length > 9 ? x[9] : "";
            assertEquals(String.join("|", m.structures().stream().filter(s -> !s.isEmpty()).toList()), names);
        }
    }

    @Test
    void aViewWithoutADicomImageIsRefusedSayingWhy() {
        MeasurementSet set = table();
        set.setReference(new StudyReference("1.2.3.4", null, null, null, List.of()));
        StudyReference view = new StudyReference(null, null, null, null,
                List.of(new StudyReference.InputDigest("ct.nii.gz", "0".repeat(64))));
        Path out = tmp.resolve("nifti-sr.dcm");
        IOException e = assertThrows(MeasurementReports.ReportRefusedException.class,
                () -> MeasurementReports.write(set, view, null, null, out));
        assertTrue(e.getMessage().contains("the view shows no DICOM image (ct.nii.gz)"), e.getMessage());
        assertTrue(e.getMessage().contains("no study, series and frame of reference to cite"), e.getMessage());
        assertTrue(e.getMessage().contains("the measurements name study 1.2.3.4"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void measurementsOfAnotherFrameOrWithoutRulersAreRefused() {
        MeasurementSet set = table();
        set.setReference(new StudyReference(info.studyInstanceUID(), null, "1.2.840.99.1", null, List.of()));
        Path out = tmp.resolve("other-sr.dcm");
        IOException e = assertThrows(MeasurementReports.ReportRefusedException.class,
                () -> MeasurementReports.write(set, StudyReference.NONE, ct, null, out));
        assertTrue(e.getMessage().contains("made in frame of reference 1.2.840.99.1"), e.getMessage());
        MeasurementSet angles = new MeasurementSet();
        angles.add(Measurement.Kind.ANGLE, List.of(new Vector3d(0, 0, 15), new Vector3d(10, 0, 15), new Vector3d(10, 10, 15)));
        e = assertThrows(MeasurementReports.ReportRefusedException.class,
                () -> MeasurementReports.write(angles, StudyReference.NONE, ct, null, out));
        assertTrue(e.getMessage().contains("no ruler to report (1 angle: angles are not in the SR)"), e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(tmp.resolve("m-sr.dcm"), MeasurementReports.besides(tmp.resolve("m.json")));
    }
}
