package org.organ3d.io.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.VR;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;

/**
 * organ3d's SEGs against the reference tools: dciodvfy (dicom3tools) validates the IOD, pydicom
 * decodes the bit-packed frames independently.
 */
class SegValidationTest {

    /** The one warning dciodvfy gives on organ3d's binary SEG: the private label-value element it does not know. */
    static final Pattern PRIVATE_TAG = Pattern.compile("^\\(0x0073,0x1001\\).*Warning - Unrecognized tag.*");

    /**
     * dciodvfy (2022) predates Supplement 243: on a label map SEG presented as Segmentation Storage
     * it reports exactly the differences the supplement introduced, and nothing else may appear.
     */
    static final List<Pattern> SUPPLEMENT_243 = List.of(
            Pattern.compile("^Error - SegmentNumber not monotonically increasing from one by one.*"),
            Pattern.compile("^Error - Unrecognized enumerated value <LABELMAP> for value 1 of attribute <Segmentation Type>"),
            Pattern.compile("^Error - Value is zero for value 1 of attribute <Segment Number>"),
            Pattern.compile("^Error - Missing attribute Type 1 Required Element=<SegmentIdentificationSequence> "
                    + "Module=<SegmentationMacro>"));

    @TempDir
    Path tmp;

    @Test
    void dciodvfyFindsNoErrorInABinarySeg() throws Exception {
        for (boolean oblique : new boolean[] {false, true}) {
            var g = oblique ? ClinicalPhantoms.oblique() : ClinicalPhantoms.axial();
            ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct" + oblique), ClinicalPhantoms.dims(), g);
            Path file = tmp.resolve("seg" + oblique + ".dcm");
            SegWriter.write(ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g), ref, SegWriter.Options.binary(), file);
            List<List<String>> v = ClinicalPhantoms.dciodvfy(file);
            assertEquals(List.of(), v.get(0), "dciodvfy errors");
            for (String w : v.get(1)) {
                assertTrue(PRIVATE_TAG.matcher(w).matches(), "unexpected dciodvfy warning: " + w);
            }
        }
    }

    @Test
    void dciodvfyFindsOnlyTheSupplement243DifferencesInALabelMapSeg() throws Exception {
        var g = ClinicalPhantoms.axial();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), g);
        Path file = tmp.resolve("labelmap.dcm");
        SegWriter.write(ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g), ref, SegWriter.Options.labelMap(), file);
        DicomFile df = DicomParser.read(file);
        Attributes ds = df.dataset();
        assertEquals(Uids.LABEL_MAP_SEGMENTATION_STORAGE, ds.getString(Tag.SOPClassUID));
        ds.setString(Tag.SOPClassUID, VR.UI, Uids.SEGMENTATION_STORAGE);
        Path asBinaryClass = tmp.resolve("labelmap-as-66.4.dcm");
        DicomWriter.write(asBinaryClass, ds);
        List<List<String>> v = ClinicalPhantoms.dciodvfy(asBinaryClass);
        assertTrue(v.get(0).size() >= 3, "the validator must see the label map SEG: " + v);
        for (String e : v.get(0)) {
            assertTrue(SUPPLEMENT_243.stream().anyMatch(p -> p.matcher(e).matches()), "dciodvfy error beyond Supplement 243: " + e);
        }
        assertEquals(List.of(), v.get(1), "dciodvfy warnings");
    }

    @Test
    void pydicomDecodesEveryFrameAsOrgan3dPackedIt() throws Exception {
        ExternalTool.PYDICOM.require();
        // 15 x 13 pixels: frames start inside bytes, which tests the packing across frame boundaries
        Dimensions d = new Dimensions(15, 13, 9);
        var g = ClinicalPhantoms.oblique();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), d, g);
        LabelMap map = ClinicalPhantoms.shapes(d, g);
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(map, ref, SegWriter.Options.binary(), file);
        String script = String.join("\n",
                "import sys, pydicom, numpy as np",
                "d = pydicom.dcmread(sys.argv[1])",
                "a = d.pixel_array.reshape(int(d.NumberOfFrames), d.Rows, d.Columns)",
                "for f, item in enumerate(d.PerFrameFunctionalGroupsSequence):",
                "    s = item.SegmentIdentificationSequence[0].ReferencedSegmentNumber",
                "    k = item.FrameContentSequence[0].DimensionIndexValues[1] - 1",
                "    idx = np.flatnonzero(a[f])",
                "    print(s, k, len(idx), int(idx.sum()))");
        Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script, file.toString()), null,
                Duration.ofSeconds(120)).assertOk("pydicom");
        Segmentation seg = SegReader.readOnto(file, ref);
        String[] lines = r.out().strip().split("\n");
        assertEquals(SegRoundTripTest.expectedFrames(map), lines.length);
        for (String line : lines) {
            String[] x = line.trim().split(" ");
            int label = seg.segment(Integer.parseInt(x[0])).orElseThrow().labelValue();
            int k = Integer.parseInt(x[1]);
            long count = 0;
            long sum = 0;
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    if (map.label(i, j, k) == label) {
                        count++;
                        sum += j * d.nx() + i;
                    }
                }
            }
            assertEquals(count + " " + sum, x[2] + " " + x[3], "frame of label " + label + " on slice " + k);
        }
    }
}
