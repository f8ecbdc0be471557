package org.organ3d.io.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;

/**
 * SEGs that organ3d did not write: made by pydicom and numpy alone (make_seg.py) with overlapping
 * segments, shuffled frames, frames straddling bytes, shared segment identification, fractional and
 * 16-bit label map frames; then damaged SEGs, which must give typed errors naming the file.
 */
class SegReaderTest {

    @TempDir
    static Path tmp;

    static ReferencedSeries ct;
    static Dimensions dims = new Dimensions(15, 13, 7);

    @BeforeAll
    static void makeFiles() throws Exception {
        ExternalTool.PYDICOM.require();
        ct = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), dims, ClinicalPhantoms.oblique());
        Path script;
        try {
            script = Path.of(SegReaderTest.class.getResource("make_seg.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Processes.run(List.of(ExternalTool.PYTHON.toString(), script.toString(), tmp.resolve("ct").toString(),
                tmp.resolve("seg").toString()), null, Duration.ofSeconds(120)).assertOk("make_seg.py");
    }

    private static int[] truth(String name) throws IOException {
        String[] t = Files.readString(tmp.resolve("seg").resolve(name + ".txt")).trim().split("\\s+");
        int[] v = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = Integer.parseInt(t[i]);
        }
        return v;
    }

    private static void assertVoxels(int[] expected, LabelMap m) {
        assertEquals(dims, m.dimensions());
        int n = 0;
        long bad = 0;
        for (int k = 0; k < dims.nz(); k++) {
            for (int j = 0; j < dims.ny(); j++) {
                for (int i = 0; i < dims.nx(); i++) {
                    if (m.label(i, j, k) != expected[n++]) {
                        bad++;
                    }
                }
            }
        }
        assertEquals(0, bad, "voxels differ from make_seg.py's truth");
    }

    @Test
    void binaryFramesInAnyOrderWithOverlapsKeepTheLargerLabelAndSayWhere() throws Exception {
        Segmentation s = SegReader.readOnto(tmp.resolve("seg/binary-overlap.dcm"), ct);
        assertVoxels(truth("binary-overlap"), s.labels());
        assertEquals(List.of("blob one", "blob two"), s.segments().stream().map(Segment::label).toList());
        assertEquals("(10200004, SCT, \"Liver\")", s.segments().get(0).type().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.detail().startsWith("labels 1 and 2 overlap in ")), s.warnings().toString());
        Segmentation one = SegReader.readOnto(tmp.resolve("seg/binary-overlap.dcm"), ct, Set.of(1));
        assertVoxels(truth("binary-overlap-seg1"), one.labels());
        assertTrue(one.warnings().isEmpty(), one.warnings().toString());
    }

    @Test
    void fractionalFramesAreInsideFromHalfTheMaximum() throws Exception {
        Segmentation s = SegReader.readOnto(tmp.resolve("seg/fractional.dcm"), ct);
        assertEquals("FRACTIONAL", s.segmentationType());
        assertVoxels(truth("fractional"), s.labels());
    }

    @Test
    void labelMapSegKeepsItsSegmentNumbersAsLabels() throws Exception {
        Segmentation s = SegReader.readOnto(tmp.resolve("seg/labelmap.dcm"), ct);
        assertEquals("LABELMAP", s.segmentationType());
        assertEquals(List.of(7, 300), s.segments().stream().map(Segment::labelValue).toList());
        assertVoxels(truth("labelmap"), s.labels());
    }

    @Test
    void framesThatDoNotFitTheReferencedGridAreATypedError() throws Exception {
        Geometry g = ClinicalPhantoms.oblique();
        Geometry shifted = Geometry.fromAffine(g.indexToLps().translate(0.5, 0, 0));
        ReferencedSeries other = ClinicalPhantoms.ctSeries(tmp.resolve("ct-shifted"), dims, shifted);
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> SegReader.readOnto(tmp.resolve("seg/binary-overlap.dcm"), other));
        assertTrue(e.getMessage().contains("binary-overlap.dcm") && e.getMessage().contains("do not fit")
                && e.getMessage().contains("(segment "), e.getMessage());
        ReferencedSeries small = ClinicalPhantoms.ctSeries(tmp.resolve("ct-small"), new Dimensions(14, 13, 7), g);
        e = assertThrows(ImageFormatException.class, () -> SegReader.readOnto(tmp.resolve("seg/fractional.dcm"), small));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    @Test
    void damagedSegsGiveTypedErrorsNamingTheFile() throws Exception {
        Path good = tmp.resolve("seg/binary-overlap.dcm");
        byte[] all = Files.readAllBytes(good);
        Path truncated = tmp.resolve("truncated.dcm");
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 40));
        IOException e = assertThrows(IOException.class, () -> SegReader.readOnto(truncated, ct));
        assertTrue(e.getMessage().contains("truncated.dcm"), e.getMessage());

        DicomFile df = DicomParser.read(good);
        Attributes ds = df.dataset();
        ds.getSequence(Tag.PerFrameFunctionalGroupsSequence).get(3).getItem(Tag.SegmentIdentificationSequence)
                .setInt(Tag.ReferencedSegmentNumber, VR.US, 77);
        Path undescribed = tmp.resolve("undescribed.dcm");
        DicomWriter.write(undescribed, ds);
        e = assertThrows(ImageFormatException.class, () -> SegReader.readOnto(undescribed, ct));
        assertTrue(e.getMessage().contains("undescribed.dcm") && e.getMessage().contains("frame 4 names segment 77"),
                e.getMessage());

        DicomFile d2 = DicomParser.read(good);
        d2.dataset().getSequence(Tag.PerFrameFunctionalGroupsSequence).get(0).getItem(Tag.PlanePositionSequence)
                .setString(Tag.ImagePositionPatient, VR.DS, "NaN", "0", "0");
        Path nan = tmp.resolve("nan.dcm");
        DicomWriter.write(nan, d2.dataset());
        e = assertThrows(ImageFormatException.class, () -> SegReader.readOnto(nan, ct));
        assertTrue(e.getMessage().matches(".*frame 1 \\(segment \\d\\) has no Plane Position.*"), e.getMessage());

        e = assertThrows(ImageFormatException.class, () -> SegReader.readOnto(ct.source().resolve(
                Files.list(ct.source()).sorted().findFirst().orElseThrow().getFileName()), ct));
        assertTrue(e.getMessage().contains("not a DICOM segmentation"), e.getMessage());
    }
}
