package org.organ3d.io.dicom.rtstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;
import org.organ3d.volume.LabelMap;

/**
 * The rasterisation rule on hand-made contours with known answers: even-odd holes whatever the
 * winding, keyholes, islands, clipping, contours between or across slices, overlaps, points; and
 * damaged structure sets that must warn, never crash.
 */
class ContourRasterizerTest {

    @TempDir
    static Path tmp;

    static ReferencedSeries ref;

    @BeforeAll
    static void series() throws Exception {
        ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), ClinicalPhantoms.axial());
    }

    /** A contour through index points (i, j) on slice k (any fractional k), in LPS. */
    static RtContour contour(double k, double... ij) {
        double[] p = new double[ij.length / 2 * 3];
        for (int q = 0; q < ij.length / 2; q++) {
            p[3 * q] = -40.4 + 0.8 * ij[2 * q];
            p[3 * q + 1] = -30.2 + 0.8 * ij[2 * q + 1];
            p[3 * q + 2] = -20.25 + 1.5 * k;
        }
        return new RtContour("CLOSED_PLANAR", p);
    }

    static RtContour square(double k, double lo, double hi, boolean ccw) {
        return ccw ? contour(k, lo, lo, lo, hi, hi, hi, hi, lo) : contour(k, lo, lo, hi, lo, hi, hi, lo, hi);
    }

    static RtStructureSet set(RtRoi... rois) {
        return new RtStructureSet(tmp.resolve("hand.dcm"), "1.2.840.10008.1.2.1", "1.2.3", "1.2.4", ref.studyInstanceUID(),
                ref.frameOfReferenceUID(), ref.seriesInstanceUID(), "hand", List.of(rois), List.of());
    }

    static RtRoi roi(int n, RtContour... contours) {
        return new RtRoi(n, "roi " + n, 0, "ORGAN", null, List.of(contours));
    }

    static int count(LabelMap m, int k, int label) {
        int n = 0;
        for (int j = 0; j < m.dimensions().ny(); j++) {
            for (int i = 0; i < m.dimensions().nx(); i++) {
                n += m.label(i, j, k) == label ? 1 : 0;
            }
        }
        return n;
    }

    static boolean warns(ContourRasterizer.Result r, String text) {
        return r.warnings().stream().anyMatch(w -> w.detail().contains(text));
    }

    @Test
    void aContourInsideAnotherIsAHoleWhateverItsWinding() throws Exception {
        for (boolean same : new boolean[] {true, false}) {
            ContourRasterizer.Result r = ContourRasterizer.rasterize(set(roi(3, square(4, 9.5, 30.5, true),
                    square(4, 14.5, 25.5, same))), ref);
            assertEquals(21 * 21 - 11 * 11, count(r.labels(), 4, 3));
            assertEquals(0, r.labels().label(20, 20, 4));
            assertEquals(3, r.labels().label(10, 10, 4));
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        }
    }

    @Test
    void aKeyholeContourAndAnIslandInAHoleFillByEvenOdd() throws Exception {
        // outline, then a zero-width channel in to the hole, round the hole the other way, and out again
        RtContour keyhole = contour(5, 9.5, 9.5, 30.5, 9.5, 30.5, 30.5, 20, 30.5, 20, 25.5, 25.5, 25.5, 25.5, 14.5,
                14.5, 14.5, 14.5, 25.5, 20, 25.5, 20, 30.5, 9.5, 30.5);
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set(roi(1, keyhole, square(5, 17.5, 22.5, true))), ref);
        assertEquals(21 * 21 - 11 * 11 + 5 * 5, count(r.labels(), 5, 1));
        assertEquals(0, r.labels().label(16, 16, 5), "hole");
        assertEquals(1, r.labels().label(20, 20, 5), "island");
    }

    @Test
    void contoursPartlyOutsideAreClippedAndWhollyOutsideIgnoredWithWarnings() throws Exception {
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set(
                roi(1, square(2, -5.5, 5.5, true), square(3, 100, 120, true), square(40, 10, 20, true)),
                roi(2, contour(1, 60.5, 9.5, 70.5, 9.5, 70.5, 20.5, 60.5, 20.5))), ref);
        assertEquals(6 * 6, count(r.labels(), 2, 1), "clipped to voxels 0..5");
        assertEquals(3 * 11, count(r.labels(), 1, 2), "columns 61..63 of 64");
        assertTrue(warns(r, "1 contour(s) extend beyond the image") && warns(r, "2 contour(s) lie wholly outside"),
                r.warnings().toString());
    }

    @Test
    void contoursBetweenSlicesOrAcrossThemWarn() throws Exception {
        RtContour tilted = new RtContour("CLOSED_PLANAR", new double[] {-30, -20, -16, -20, -20, -12, -25, -10, -16});
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set(roi(1, square(6.02, 9.5, 12.5, true),
                square(8.3, 9.5, 12.5, true), tilted)), ref);
        assertEquals(9, count(r.labels(), 6, 1), "within 5 % of a slice: no warning");
        assertEquals(9, count(r.labels(), 8, 1), "placed on the nearest slice");
        assertTrue(warns(r, "1 contour(s) lie between slices") && warns(r, "1 contour(s) are not parallel"),
                r.warnings().toString());
    }

    @Test
    void overlapsKeepTheLargerLabelAndPointsAreNotDrawn() throws Exception {
        RtRoi point = new RtRoi(7, "marker", 0, "MARKER", null, List.of(new RtContour("POINT", new double[] {0, 0, 0})));
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set(roi(1, square(3, 9.5, 19.5, true)),
                roi(4, square(3, 14.5, 24.5, true)), point), ref);
        assertEquals(10 * 10, count(r.labels(), 3, 4));
        assertEquals(10 * 10 - 5 * 5, count(r.labels(), 3, 1));
        assertTrue(warns(r, "labels 1 and 4 overlap in 25 voxel(s)"), r.warnings().toString());
        assertTrue(warns(r, "'marker': 1 POINT or open contour(s) kept"), r.warnings().toString());
        assertEquals(Map.of(1, 1, 4, 4), r.roiLabel());
    }

    @Test
    void roiNumbersOutsideLabelValuesAreRenumbered() throws Exception {
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set(roi(70000, square(3, 9.5, 12.5, true)),
                roi(-2, square(4, 9.5, 12.5, true))), ref);
        assertEquals(Map.of(70000, 1, -2, 2), r.roiLabel());
        assertEquals(9, count(r.labels(), 4, 2));
        assertTrue(warns(r, "label values are 1..2"), r.warnings().toString());
    }

    @Test
    void anotherFrameOfReferenceIsATypedError() {
        RtStructureSet s = new RtStructureSet(tmp.resolve("other.dcm"), "1.2.840.10008.1.2.1", "1.2.3", "1.2.4", "1.2.5",
                "1.2.99", null, "x", List.of(roi(1, square(3, 9.5, 12.5, true))), List.of());
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ContourRasterizer.rasterize(s, ref));
        assertTrue(e.getMessage().contains("other.dcm") && e.getMessage().contains("Frame of Reference 1.2.99"), e.getMessage());
        RtRoi stray = new RtRoi(2, "stray", 0, "", "1.2.98", List.of(square(3, 9.5, 12.5, true)));
        e = assertThrows(ImageFormatException.class, () -> ContourRasterizer.rasterize(set(stray), ref));
        assertTrue(e.getMessage().contains("ROI 2 'stray'"), e.getMessage());
    }

    @Test
    void damagedContoursAreDroppedWithAWarningNamingTheRoi() throws Exception {
        Path good = tmp.resolve("good.dcm");
        RtStructWriter.write(ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), ClinicalPhantoms.axial()), ref,
                RtStructWriter.Options.defaults(), good);
        DicomFile df = DicomParser.read(good);
        Attributes ds = df.dataset();
        List<Attributes> ball = ds.getSequence(Tag.ROIContourSequence).get(0).getSequence(Tag.ContourSequence);
        ball.get(0).setString(Tag.ContourData, VR.DS, "1", "2", "3", "4", "5", "6");
        ball.get(1).setString(Tag.ContourData, VR.DS, "1", "NaN", "3", "4", "5", "6", "7", "8", "9");
        ball.get(2).setString(Tag.ContourData, VR.DS, "1", "x", "3");
        ball.get(3).setString(Tag.NumberOfContourPoints, VR.IS, "999");
        Path bad = tmp.resolve("bad.dcm");
        DicomWriter.write(bad, ds);
        RtStructureSet s = RtStructReader.read(bad);
        List<String> w = new ArrayList<>(s.warnings().stream().map(ReadWarning::detail).toList());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("ROI 1 'ball', contour 1: a closed contour of 2 point(s)")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("ROI 1 'ball', contour 2: a coordinate is not a finite")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("ROI 1 'ball', contour 3: Contour Data is not numbers")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("ROI 1 'ball', contour 4: Number of Contour Points says 999")), w.toString());
        assertTrue(ContourRasterizer.rasterize(s, ref).labels().counts().containsKey(1));
    }
}
