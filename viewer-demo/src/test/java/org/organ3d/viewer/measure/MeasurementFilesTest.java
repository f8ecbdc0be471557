package org.organ3d.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measurement files tied to their study: saved references, the refusal rule, version 1 files, CSV. */
class MeasurementFilesTest {

    static final StudyReference ABDOMEN = new StudyReference("1.2.3.1", "1.2.3.1.1", "1.2.3.9", "CT abdomen", List.of());
    static final StudyReference HEAD = new StudyReference("1.2.4.1", "1.2.4.1.1", "1.2.4.9", "MR head", List.of());

    static MeasurementSet rulers(StudyReference ref) {
        MeasurementSet set = new MeasurementSet();
        set.setReference(ref);
        set.add(Measurement.Kind.RULER, List.of(new Vector3d(-87, -15, 50.25), new Vector3d(-63, -15, 50.25)),
                List.of("liver lesion", "liver lesion"));
        return set;
    }

    @Test
    void theStudyIsSavedAndAFileOfAnotherStudyIsRefusedUnlessForced(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("abdomen.json");
        rulers(ABDOMEN).save(f);
        String text = Files.readString(f);
        assertTrue(text.contains("\"frameOfReferenceUID\" : \"1.2.3.9\"") && text.contains("\"studyInstanceUID\" : \"1.2.3.1\""),
                text);
        assertEquals(1, MeasurementFiles.readFor(f, ABDOMEN, false).measurements().size(), "same study loads");
        ForeignStudyException e = assertThrows(ForeignStudyException.class, () -> MeasurementFiles.readFor(f, HEAD, false));
        assertTrue(e.getMessage().startsWith("abdomen.json: measurements made in frame of reference 1.2.3.9 (CT abdomen)")
                && e.getMessage().contains("1.2.4.9 (MR head)"), e.getMessage());
        assertEquals(1, MeasurementFiles.readFor(f, HEAD, true).measurements().size(), "forced, it loads");
    }

    @Test
    void theRuleComparesFrameOfReferenceThenStudyThenInputDigests() {
        StudyReference otherSeriesSameFrame = new StudyReference("1.2.3.1", "1.2.3.1.7", "1.2.3.9", null, List.of());
        assertTrue(ABDOMEN.mismatch(otherSeriesSameFrame).isEmpty(), "another series in the same frame shares coordinates");
        StudyReference studyOnly = new StudyReference("1.2.3.1", null, null, null, List.of());
        assertTrue(studyOnly.mismatch(ABDOMEN).isEmpty());
        assertTrue(new StudyReference("1.9", null, null, null, List.of()).mismatch(ABDOMEN).isPresent());
        var a = new StudyReference.InputDigest("seg.nii.gz", "a".repeat(64));
        var b = new StudyReference.InputDigest("ct.nii.gz", "b".repeat(64));
        var c = new StudyReference.InputDigest("head.nii.gz", "c".repeat(64));
        StudyReference both = new StudyReference(null, null, null, null, List.of(a, b));
        assertTrue(both.mismatch(new StudyReference(null, null, null, null, List.of(b))).isEmpty(), "one common input");
        String why = both.mismatch(new StudyReference(null, null, null, null, List.of(c))).orElseThrow();
        assertTrue(why.contains("seg.nii.gz, ct.nii.gz") && why.contains("head.nii.gz"), why);
        assertTrue(both.mismatch(ABDOMEN).orElseThrow().contains("nothing to compare"),
                "digests against DICOM UIDs cannot be compared: refused");
        assertTrue(StudyReference.NONE.mismatch(HEAD).isEmpty(), "an old file without a study is accepted (with a warning)");
    }

    @Test
    void digestsAreTheSha256OfTheBytes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("abc.txt");
        Files.writeString(f, "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StudyReference.digest(f).sha256());
        assertEquals("abc.txt", StudyReference.digest(f).file());
    }

    @Test
    void versionOneFilesStillLoadWithoutAStudy(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("v1.json");
        Files.writeString(f, "{\"frame\":\"LPS\",\"units\":\"mm\",\"measurements\":[{\"type\":\"ruler\",\"label\":\"R1\","
                + "\"pointsLps\":[[0,0,0],[3,4,0]],\"distanceMm\":5}]}");
        MeasurementFiles.Content c = MeasurementFiles.readFor(f, HEAD, false);
        assertEquals(1, c.version());
        assertTrue(c.reference().isEmpty());
        assertEquals(5, c.measurements().get(0).value(), 1e-12);
        assertEquals(List.of("", ""), c.measurements().get(0).structures());
    }

    @Test
    void aMalformedFileGivesOneLineWithItsPositionAndNoParserInternals(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"frame\":\"LPS\",\n\"units\":\"mm\",\n  \"measurements\": [}\n");
        IOException e = assertThrows(IOException.class, () -> MeasurementFiles.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": not a JSON measurement file at line 3"), m);
        assertFalse(m.contains("\n") || m.contains("Source:") || m.contains("com.fasterxml"), m);
        Files.writeString(f, "[1, 2]");
        assertTrue(assertThrows(IOException.class, () -> MeasurementFiles.read(f)).getMessage().contains("expected an object"));
        Files.writeString(f, "{\"frame\":\"LPS\",\"units\":\"mm\",\"version\":9,\"measurements\":[]}");
        assertTrue(assertThrows(IOException.class, () -> MeasurementFiles.read(f)).getMessage().contains("version 9"));
        Files.writeString(f, "{\"frame\":\"LPS\",\"units\":\"mm\",\"measurements\":[{\"type\":\"area\"}]}");
        assertTrue(assertThrows(IOException.class, () -> MeasurementFiles.read(f)).getMessage()
                .contains("measurement #1: unknown type 'area'"));
        Files.writeString(f, "{\"frame\":\"LPS\",\"units\":\"mm\",\"study\":{\"inputs\":[{\"file\":\"a\",\"sha256\":\"xyz\"}]},"
                + "\"measurements\":[]}");
        assertTrue(assertThrows(IOException.class, () -> MeasurementFiles.read(f)).getMessage().contains("\"study\""));
    }

    @Test
    void csvHasOneRowPerMeasurementWithPointsNamesAndStudy(@TempDir Path dir) throws IOException {
        MeasurementSet set = rulers(ABDOMEN);
        set.add(Measurement.Kind.ANGLE, List.of(new Vector3d(1, 0, 0), new Vector3d(), new Vector3d(0, 1, 0)),
                List.of("a, \"quoted\" name", "=cmd()", ""));
        Path csv = dir.resolve("m.csv");
        MeasurementFiles.writeCsv(set, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("label,type,value,unit,p1_x"), lines.get(0));
        assertEquals("R1,ruler,24.000,mm,-87.000,-15.000,50.250,liver lesion,-63.000,-15.000,50.250,liver lesion,,,,,"
                + "1.2.3.1,1.2.3.1.1,1.2.3.9", lines.get(1));
        assertTrue(lines.get(2).startsWith("A1,angle,90.000,deg,1.000,0.000,0.000,\"a, \"\"quoted\"\" name\",0.000,0.000,0.000,"
                + "\"'=cmd()\",0.000,1.000,0.000,,"), lines.get(2));
    }
}
