package org.organ3d.io.dicom.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.joml.Vector3d;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;

/**
 * The viewer's rulers as a TID 1500 report, checked by the reference tools: dciodvfy validates the
 * IOD, dsrdump (dcmtk, with its relationship-constraint checks) prints the TID 1501 groups with the
 * lengths, endpoints and structure names, and pydicom walks the tree independently: concept codes,
 * relationship types, the SCOORD3D's frame of reference and points, and a length recomputed from
 * those points.
 */
class RulerReportTest {

    @TempDir
    static Path tmp;

    static ReferencedSeries ct;
    static List<Ruler> rulers;
    static WrittenInstance sr;

    @BeforeAll
    static void report() throws Exception {
        ct = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), ClinicalPhantoms.oblique());
        rulers = List.of(
                new Ruler("R1", new Vector3d(-12.25, 31.5, 40.125), new Vector3d(11.75, 30.5, 41.0), "liver lesion", "liver lesion"),
                new Ruler("R2", new Vector3d(-5, 40, 30), new Vector3d(25.5, 42.25, 52.75), "aorta", "kidney_right"),
                new Ruler("R3", new Vector3d(0, 0, 0), new Vector3d(3, 4, 0), "", "label 7"));
        sr = RulerReportWriter.write(rulers, ct, RulerReportWriter.defaultOptions(), tmp.resolve("rulers.dcm"));
    }

    @Test
    void dciodvfyFindsNoError() {
        List<List<String>> v = ClinicalPhantoms.dciodvfy(tmp.resolve("rulers.dcm"));
        assertEquals(List.of(), v.get(0), "dciodvfy errors");
        for (String w : v.get(1)) {
            assertEquals("Warning - Unrecognized defined term <99ORGAN3D> for value 1 of attribute <Coding Scheme Designator>", w);
        }
        assertEquals(3, sr.items());
    }

    @Test
    void dsrdumpPrintsEachRulerWithItsLengthEndpointsAndStructures() {
        ExternalTool.DCMTK.require();
        Processes.Run r = Processes.run(List.of(ExternalTool.DCMTK.command("dsrdump").toString(), "+Pc", "+Pt", "+Pl",
                tmp.resolve("rulers.dcm").toString()), null, Duration.ofSeconds(60)).assertOk("dsrdump");
        String complaints = r.err().lines().filter(l -> !l.startsWith("W: The VR checker does not support this Specific "
                + "Character Set: ISO_IR 192")).collect(Collectors.joining("\n"));
        assertEquals("", complaints, "dsrdump complains");
        String out = r.out();
        assertTrue(out.contains("# TID 1500 (DCMR"), out);
        for (Ruler ruler : rulers) {
            assertTrue(out.contains("(112039,DCM,\"Tracking Identifier\")=\"" + ruler.label() + "\""), out);
        }
        // the length as written, with its unit; the endpoints as a POLYLINE
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(410668003,SCT,\"Length\"\\)=\"([-0-9.eE+]+)\" "
                + "\\(mm,UCUM,\"millimeter\"\\)").matcher(out);
        int n = 0;
        while (m.find()) {
            assertEquals(rulers.get(n).lengthMm(), Double.parseDouble(m.group(1)), 1e-9 * rulers.get(n).lengthMm() + 1e-6);
            n++;
        }
        assertEquals(3, n, out);
        assertTrue(out.contains("<inferred from SCOORD3D:(121112,DCM,\"Source of Measurement\")=(POLYLINE,"), out);
        assertTrue(out.contains("(ENDPOINT1,99ORGAN3D,\"Structure at first endpoint\")=\"liver lesion\""), out);
        assertTrue(out.contains("(ENDPOINT2,99ORGAN3D,\"Structure at second endpoint\")=\"label 7\""), out);
        assertTrue(out.contains("(363698007,SCT,\"Finding Site\")=(10200004,SCT,\"Liver\")"), out);
        assertTrue(out.contains("(363698007,SCT,\"Finding Site\")=(15825003,SCT,\"Aorta\")"), out);
        assertTrue(out.contains("(363698007,SCT,\"Finding Site\")=(64033007,SCT,\"Kidney\")"), out);
    }

    @Test
    void pydicomReadsTheGroupsAsTid1501WithTheEndpointsInTheSeriesFrame() {
        ExternalTool.PYDICOM.require();
        String script = String.join("\n",
                "import sys, math, pydicom",
                "d = pydicom.dcmread(sys.argv[1])",
                "assert d.SOPClassUID == '1.2.840.10008.5.1.4.1.1.88.34'",
                "assert d.ContentTemplateSequence[0].TemplateIdentifier == '1500'",
                "code = lambda i: (i.ConceptNameCodeSequence[0].CodeValue, i.ConceptNameCodeSequence[0].CodingSchemeDesignator)",
                "meas = [i for i in d.ContentSequence if code(i) == ('126010', 'DCM')][0]",
                "for g in meas.ContentSequence:",
                "    assert code(g) == ('125007', 'DCM') and g.RelationshipType == 'CONTAINS'",
                "    tid = [i.TextValue for i in g.ContentSequence if code(i) == ('112039', 'DCM')][0]",
                "    names = {code(i)[0]: i.TextValue for i in g.ContentSequence if i.ValueType == 'TEXT'",
                "             and code(i)[1] == '99ORGAN3D'}",
                "    num = [i for i in g.ContentSequence if i.ValueType == 'NUM'][0]",
                "    assert code(num) == ('410668003', 'SCT') and num.RelationshipType == 'CONTAINS'",
                "    mv = num.MeasuredValueSequence[0]",
                "    assert mv.MeasurementUnitsCodeSequence[0].CodeValue == 'mm'",
                "    sc = [i for i in num.ContentSequence if i.ValueType == 'SCOORD3D'][0]",
                "    assert sc.RelationshipType == 'INFERRED FROM' and code(sc) == ('121112', 'DCM')",
                "    assert sc.GraphicType == 'POLYLINE' and len(sc.GraphicData) == 6",
                "    p = [float(x) for x in sc.GraphicData]",
                "    sites = [i.ConceptCodeSequence[0].CodeMeaning for i in num.ContentSequence if i.ValueType == 'CODE']",
                "    print(tid, float(mv.NumericValue), math.dist(p[:3], p[3:]), sc.ReferencedFrameOfReferenceUID,",
                "          *p, '|' + names.get('ENDPOINT1', '') + '|' + names.get('ENDPOINT2', '') + '|' + ','.join(sites) + '|')");
        Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script,
                tmp.resolve("rulers.dcm").toString()), null, Duration.ofSeconds(60)).assertOk("pydicom");
        String[] lines = r.out().strip().split("\n");
        assertEquals(rulers.size(), lines.length, r.out());
        for (int n = 0; n < lines.length; n++) {
            Ruler ruler = rulers.get(n);
            String[] x = lines[n].substring(0, lines[n].indexOf('|')).trim().split("\\s+");
            String[] tail = lines[n].substring(lines[n].indexOf('|') + 1).split("\\|", -1);
            assertEquals(ruler.label(), x[0]);
            assertEquals(ruler.lengthMm(), Double.parseDouble(x[1]), 1e-9 * ruler.lengthMm());
            // the points are 32-bit floats: their distance agrees to a few micrometres
            assertEquals(ruler.lengthMm(), Double.parseDouble(x[2]), 1e-4);
            assertEquals(ct.frameOfReferenceUID(), x[3]);
            double[] want = {ruler.first().x(), ruler.first().y(), ruler.first().z(),
                ruler.second().x(), ruler.second().y(), ruler.second().z()};
            for (int a = 0; a < 6; a++) {
                assertEquals(want[a], Double.parseDouble(x[4 + a]), 1e-5, ruler.label() + " coordinate " + a);
            }
            assertEquals(ruler.firstOn(), tail[0]);
            assertEquals(ruler.secondOn(), tail[1]);
            String sites = tail[2];
            switch (ruler.label()) {
                case "R1" -> assertEquals("Liver", sites, "one site for two endpoints in the liver");
                case "R2" -> assertEquals("Aorta,Kidney", sites);
                default -> assertEquals("", sites, "'label 7' names no body structure");
            }
        }
    }

    @Test
    void noRulerOrAZeroLengthRulerIsRefusedAndNothingIsWritten() {
        Path none = tmp.resolve("none.dcm");
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> RulerReportWriter.write(List.of(), ct, RulerReportWriter.defaultOptions(), none));
        assertTrue(e.getMessage().contains("no ruler"), e.getMessage());
        Ruler point = new Ruler("R9", new Vector3d(1, 2, 3), new Vector3d(1, 2, 3), "liver", "liver");
        e = assertThrows(ImageFormatException.class,
                () -> RulerReportWriter.write(List.of(point), ct, RulerReportWriter.defaultOptions(), none));
        assertTrue(e.getMessage().contains("R9: both endpoints are the same point"), e.getMessage());
        assertFalse(Files.exists(none));
        assertThrows(IllegalArgumentException.class,
                () -> new Ruler("R8", new Vector3d(Double.NaN, 0, 0), new Vector3d(1, 0, 0), "", ""));
    }
}
