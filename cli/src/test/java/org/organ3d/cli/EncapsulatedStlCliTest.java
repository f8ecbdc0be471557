package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.EncapsulatedStlWriter;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudyFiles;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;

/**
 * {@code organ3d convert <mesh.stl> <model.dcm> --as encapsulated-stl --reference <series>}: the
 * liver surface organ3d's mesh command made from the phantom's labels goes into a DICOM
 * Encapsulated STL that pydicom reads back (the STL bytes identical, the CT's study and frame of
 * reference taken from one of the CT's own files) and dciodvfy finds no error in; the usage errors
 * and refusals.
 */
class EncapsulatedStlCliTest {

    @TempDir
    static Path dir;

    static Path ct;
    static Path stl;

    @BeforeAll
    static void liverSurface() throws Exception {
        Path study = dir.resolve("study");
        PhantomStudyFiles.write(PhantomGenerator.generate(new PhantomGrid(64, 64, 32, 5.5, 5.5, 9.0)), study);
        ct = PhantomStudyFiles.dicomFolder(study);
        stl = dir.resolve("liver.stl");
        CliRun r = run("mesh", PhantomStudyFiles.truthLabels(study).toString(), "--label", "1", "--out", stl.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void stlBecomesAnEncapsulatedStlInTheCtsStudyAndFrame() throws Exception {
        ExternalTool.PYDICOM.require();
        Path model = dir.resolve("liver.dcm");
        CliRun r = run("convert", stl.toString(), model.toString(), "--as", "encapsulated-stl", "--reference", ct.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals("dicom-encapsulated-stl", j.get("format").asText());
        assertEquals(EncapsulatedStlWriter.ENCAPSULATED_STL_STORAGE, j.get("sopClassUID").asText());
        assertEquals(model.toAbsolutePath().normalize().toString(), j.get("out").asText());
        assertTrue(j.get("triangles").asInt() > 100, j.toString());

        Path anyCtFile;
        try (var s = Files.list(ct)) {
            anyCtFile = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        Path back = dir.resolve("back.stl");
        String script = String.join("\n",
                "import sys, pydicom",
                "d = pydicom.dcmread(sys.argv[1])",
                "c = pydicom.dcmread(sys.argv[2], stop_before_pixels=True)",
                "open(sys.argv[3], 'wb').write(d.EncapsulatedDocument[:d.EncapsulatedDocumentLength])",
                "print(d.SOPClassUID == '" + EncapsulatedStlWriter.ENCAPSULATED_STL_STORAGE + "',",
                "      d.StudyInstanceUID == c.StudyInstanceUID, d.FrameOfReferenceUID == c.FrameOfReferenceUID,",
                "      d.PatientID == c.PatientID, d.SeriesInstanceUID != c.SeriesInstanceUID,",
                "      d.ReferencedSeriesSequence[0].SeriesInstanceUID == c.SeriesInstanceUID,",
                "      d.SOPInstanceUID == sys.argv[4], d.FrameOfReferenceUID == sys.argv[5])");
        Processes.Run p = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script, model.toString(),
                anyCtFile.toString(), back.toString(), j.get("sopInstanceUID").asText(), j.get("frameOfReferenceUID").asText()),
                null, Duration.ofSeconds(60)).assertOk("pydicom");
        assertEquals("True True True True True True True True", p.out().strip());
        assertArrayEquals(Files.readAllBytes(stl), Files.readAllBytes(back), "the STL organ3d mesh wrote");

        ExternalTool.DICOM3TOOLS.require();
        Processes.Run v = Processes.run(List.of(ExternalTool.DICOM3TOOLS.command("dciodvfy").toString(), model.toString()),
                null, Duration.ofSeconds(60));
        String all = v.out() + v.err();
        assertTrue(all.startsWith("EncapsulatedSTL"), all);
        assertFalse(all.contains("\nError"), all);
    }

    @Test
    void usageErrorsAndRefusals() throws Exception {
        Path out = dir.resolve("refused.dcm");
        CliRun r = run("convert", stl.toString(), out.toString(), "--as", "encapsulated-stl");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("needs --reference"), r.err());
        r = run("convert", stl.toString(), out.toString(), "--as", "encapsulated-stl", "--reference", ct.toString(),
                "--contour-tolerance", "0.5");
        assertEquals(2, r.code(), r.err());
        r = run("convert", stl.toString(), out.toString(), "--as", "stl-ish", "--reference", ct.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("encapsulated-stl"), r.err());

        Path ras = dir.resolve("ras/liver.stl");
        Files.createDirectories(ras.getParent());
        r = run("mesh", PhantomStudyFiles.truthLabels(dir.resolve("study")).toString(), "--label", "1", "--coords", "RAS",
                "--out", ras.toString());
        assertEquals(0, r.code(), r.err());
        r = run("convert", ras.toString(), out.toString(), "--as", "encapsulated-stl", "--reference", ct.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("SPACE=RAS") && r.err().contains(ras.toString()), r.err());

        Path ply = dir.resolve("liver.ply");
        r = run("mesh", PhantomStudyFiles.truthLabels(dir.resolve("study")).toString(), "--label", "1", "--out", ply.toString());
        assertEquals(0, r.code(), r.err());
        r = run("convert", ply.toString(), out.toString(), "--as", "encapsulated-stl", "--reference", ct.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("not a PLY file"), r.err());
        assertFalse(Files.exists(out));
    }
}
