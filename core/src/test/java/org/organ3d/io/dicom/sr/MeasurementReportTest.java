package org.organ3d.io.dicom.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The TID 1500 report against the reference tools: dciodvfy validates the IOD, dsrdump (dcmtk)
 * prints the tree, whose values must be organ3d's measurements, pydicom walks it independently.
 */
class MeasurementReportTest {

    @TempDir
    static Path tmp;

    static ReferencedSeries ct;
    static LabelMap map;
    static List<LabelMeasurement> measured;
    static WrittenInstance seg;
    static WrittenInstance sr;

    @BeforeAll
    static void report() throws Exception {
        ct = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), ClinicalPhantoms.oblique());
        map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), ClinicalPhantoms.oblique());
        Volume image = ImageFormats.read(tmp.resolve("ct")).volume();
        measured = LabelMeasurements.measure(map, null, image, LabelSurfaces.indicatorIsoSurface());
        seg = SegWriter.write(map, ct, SegWriter.Options.binary(), tmp.resolve("seg.dcm"));
        sr = MeasurementReportWriter.write(measured, ct, CitedSegmentation.of(seg, map),
                MeasurementReportWriter.Options.defaults(), tmp.resolve("sr.dcm"));
    }

    @Test
    void dciodvfyFindsNoError() {
        List<List<String>> v = ClinicalPhantoms.dciodvfy(tmp.resolve("sr.dcm"));
        assertEquals(List.of(), v.get(0), "dciodvfy errors");
        // the one warning: dciodvfy does not know organ3d's private coding scheme (PS3.16 8.2 allows 99 schemes)
        for (String w : v.get(1)) {
            assertEquals("Warning - Unrecognized defined term <99ORGAN3D> for value 1 of attribute <Coding Scheme Designator>", w);
        }
    }

    @Test
    void dsrdumpPrintsTheTreeWithOrgan3dsValues() {
        ExternalTool.DCMTK.require();
        // +Pc: concept name codes too, +Pt: template identifiers; relationship constraints are checked (no -Ec)
        Processes.Run r = Processes.run(List.of(ExternalTool.DCMTK.command("dsrdump").toString(), "+Pc", "+Pt", "+Pl",
                tmp.resolve("sr.dcm").toString()), null, Duration.ofSeconds(60)).assertOk("dsrdump");
        String complaints = r.err().lines().filter(l -> !l.startsWith("W: The VR checker does not support this Specific "
                + "Character Set: ISO_IR 192")).collect(java.util.stream.Collectors.joining("\n"));
        assertEquals("", complaints, "dsrdump complains");
        String out = r.out();
        assertTrue(out.contains("Comprehensive 3D SR"), out);
        assertTrue(out.contains("(126000,DCM,\"Imaging Measurement Report\")"), out);
        assertTrue(out.contains("# TID 1500 (DCMR"), out);
        // each group: the tracking identifier, the referenced segment, the voxel volume with its unit
        Pattern group = Pattern.compile("\"Tracking Identifier\"\\)=\"([^\"]+)\"");
        Pattern volume = Pattern.compile("\\(YEKZ,IBSI,\"Volume from Voxel Summation\"\\)=\"([-0-9.eE+]+)\" "
                + "\\(mm3,UCUM,\"cubic millimeter\"\\)");
        Pattern longAxis = Pattern.compile("\\(103339001,SCT,\"Long Axis\"\\)=\"([-0-9.eE+]+)\" \\(mm,UCUM,\"millimeter\"\\)");
        List<String> names = all(group, out);
        List<String> volumes = all(volume, out);
        List<String> axes = all(longAxis, out);
        assertEquals(measured.size(), names.size(), out);
        for (int n = 0; n < measured.size(); n++) {
            LabelMeasurement m = measured.get(n);
            assertEquals(m.name() == null ? "label " + m.label() : m.name(), names.get(n));
            assertEquals(m.volumeMm3(), Double.parseDouble(volumes.get(n)), 1e-9 * m.volumeMm3() + 1e-6);
            assertEquals(m.recist().longAxisMm(), Double.parseDouble(axes.get(n)), 1e-9 * m.recist().longAxisMm() + 1e-6);
        }
        assertTrue(out.contains("(121191,DCM,\"Referenced Segment\")"), out);
        assertTrue(out.contains("(126081,DCM,\"RECIST 1.1\")"), out);
        assertTrue(out.contains("(111010,DCM,\"Center\")=(POINT,"), out);
    }

    private static List<String> all(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void pydicomWalksTheTreeToTheSameNumbersAndSegments() {
        ExternalTool.PYDICOM.require();
        String script = String.join("\n",
                "import sys, pydicom",
                "d = pydicom.dcmread(sys.argv[1])",
                "assert d.ContentTemplateSequence[0].TemplateIdentifier == '1500'",
                "meas = [i for i in d.ContentSequence if i.ConceptNameCodeSequence[0].CodeValue == '126010'][0]",
                "for g in meas.ContentSequence:",
                "    seg = [i for i in g.ContentSequence if i.ValueType == 'IMAGE'][0].ReferencedSOPSequence[0]",
                "    nums = {i.ConceptNameCodeSequence[0].CodeValue: float(i.MeasuredValueSequence[0].NumericValue)",
                "            for i in g.ContentSequence if i.ValueType == 'NUM'}",
                "    pt = [i for i in g.ContentSequence if i.ValueType == 'SCOORD3D'][0].GraphicData",
                "    print(seg.ReferencedSOPInstanceUID, seg.ReferencedSegmentNumber, nums['YEKZ'], nums['RNU0'],",
                "          nums['MAXFERET'], nums['112031'], *pt)");
        Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script, tmp.resolve("sr.dcm").toString()),
                null, Duration.ofSeconds(60)).assertOk("pydicom");
        String[] lines = r.out().strip().split("\n");
        assertEquals(measured.size(), lines.length);
        for (int n = 0; n < lines.length; n++) {
            String[] x = lines[n].trim().split("\\s+");
            LabelMeasurement m = measured.get(n);
            assertEquals(seg.sopInstanceUID(), x[0]);
            assertEquals(seg.numberOfLabel().get(m.label()).intValue(), Integer.parseInt(x[1]));
            assertEquals(m.volumeMm3(), Double.parseDouble(x[2]), 1e-9 * m.volumeMm3());
            assertEquals(m.meshVolumeMm3(), Double.parseDouble(x[3]), 1e-9 * Math.abs(m.meshVolumeMm3()));
            assertEquals(m.maxFeretDiameterMm(), Double.parseDouble(x[4]), 1e-9 * m.maxFeretDiameterMm());
            assertEquals(m.intensity().mean(), Double.parseDouble(x[5]), 1e-6 * Math.abs(m.intensity().mean()) + 1e-9);
            double[] c = m.centroidLps().toArray();
            for (int a = 0; a < 3; a++) {
                assertEquals(c[a], Double.parseDouble(x[6 + a]), 1e-4, String.format(Locale.ROOT, "centroid %d", a));
            }
        }
    }

    @Test
    void aLabelWithoutASegmentOrASegOfAnotherStudyIsRefused() {
        CitedSegmentation cited = CitedSegmentation.of(seg, map);
        CitedSegmentation missing = new CitedSegmentation(cited.sopClassUID(), cited.sopInstanceUID(),
                cited.seriesInstanceUID(), cited.studyInstanceUID(), java.util.Map.of(1, 1), java.util.Map.of());
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> MeasurementReportWriter.write(measured, ct,
                missing, MeasurementReportWriter.Options.defaults(), tmp.resolve("x.dcm")));
        assertTrue(e.getMessage().contains("label 2 has no segment"), e.getMessage());
        CitedSegmentation other = new CitedSegmentation(cited.sopClassUID(), cited.sopInstanceUID(),
                cited.seriesInstanceUID(), "1.2.3", cited.segmentOfLabel(), cited.typeOfLabel());
        e = assertThrows(ImageFormatException.class, () -> MeasurementReportWriter.write(measured, ct, other,
                MeasurementReportWriter.Options.defaults(), tmp.resolve("y.dcm")));
        assertTrue(e.getMessage().contains("belongs to study 1.2.3"), e.getMessage());
    }
}
