package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.compute.JavaBackend;
import org.organ3d.io.ImageFormatException;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshFormatException;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.LabelMap;

/**
 * Encapsulated STL against the reference tools: dciodvfy validates the IOD; pydicom and dcmtk's
 * dcm2json each take the Encapsulated Document out of the file (trimmed to Encapsulated Document
 * Length), which must be organ3d's STL writer output byte for byte, binary and (odd-length) ASCII;
 * the instance cites the series' study, frame of reference and images. RAS files and surfaces
 * outside the series' volume are refused.
 */
class EncapsulatedStlTest {

    @TempDir
    static Path tmp;

    static ReferencedSeries ct;
    static Path binary;
    static Path ascii;
    static WrittenInstance written;

    @BeforeAll
    static void model() throws Exception {
        ct = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), ClinicalPhantoms.oblique());
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), ClinicalPhantoms.oblique());
        Mesh ball;
        try (JavaBackend b = new JavaBackend()) {
            ball = b.labelSurfaces(map, Set.of(ClinicalPhantoms.BALL)).get(ClinicalPhantoms.BALL);
        }
        List<NamedMesh> meshes = List.of(new NamedMesh(ClinicalPhantoms.BALL, "ball", 0xcc4444ff, ball));
        binary = MeshWriters.write(tmp.resolve("ball.stl"), meshes, ExportOptions.in(CoordinateSystem.LPS)).get(0);
        ascii = MeshWriters.write(tmp.resolve("ascii/ball.stl"), meshes,
                ExportOptions.in(CoordinateSystem.LPS).withAsciiStl(true)).get(0);
        if (Files.size(ascii) % 2 == 0) {
            // NB: exercise the pad byte: one more trailing newline makes the length odd
            Files.writeString(ascii, "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        written = EncapsulatedStlWriter.write(binary, ct, EncapsulatedStlWriter.Options.defaults(), tmp.resolve("ball.dcm"));
        EncapsulatedStlWriter.write(ascii, ct, EncapsulatedStlWriter.Options.defaults(), tmp.resolve("ascii.dcm"));
    }

    @Test
    void dciodvfyFindsNoError() {
        for (String f : new String[] {"ball.dcm", "ascii.dcm"}) {
            List<List<String>> v = ClinicalPhantoms.dciodvfy(tmp.resolve(f));
            assertEquals(List.of(), v.get(0), "dciodvfy errors in " + f);
        }
        assertEquals(EncapsulatedStlWriter.ENCAPSULATED_STL_STORAGE, written.sopClassUID());
        assertEquals(ct.studyInstanceUID(), written.studyInstanceUID());
    }

    @Test
    void pydicomTakesOutOrgan3dsStlByteForByteWithTheSeriesFrameAndImages() throws Exception {
        ExternalTool.PYDICOM.require();
        String script = String.join("\n",
                "import sys, pydicom",
                "d = pydicom.dcmread(sys.argv[1])",
                "doc = d.EncapsulatedDocument[:d.EncapsulatedDocumentLength]",
                "open(sys.argv[2], 'wb').write(doc)",
                "print(d.SOPClassUID, d.Modality, d.MIMETypeOfEncapsulatedDocument, d.FrameOfReferenceUID, d.StudyInstanceUID,",
                "      d.MeasurementUnitsCodeSequence[0].CodeValue, d.MeasurementUnitsCodeSequence[0].CodingSchemeDesignator,",
                "      len(d.SourceInstanceSequence), d.SourceInstanceSequence[0].PurposeOfReferenceCodeSequence[0].CodeValue,",
                "      d.ConceptNameCodeSequence[0].CodeValue, len(d.EncapsulatedDocument) - d.EncapsulatedDocumentLength)");
        for (Path[] pair : new Path[][] {{tmp.resolve("ball.dcm"), binary}, {tmp.resolve("ascii.dcm"), ascii}}) {
            Path out = tmp.resolve(pair[0].getFileName() + ".pydicom.stl");
            Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script, pair[0].toString(),
                    out.toString()), null, Duration.ofSeconds(60)).assertOk("pydicom");
            assertArrayEquals(Files.readAllBytes(pair[1]), Files.readAllBytes(out), "the STL organ3d wrote, " + pair[1]);
            String[] x = r.out().strip().split("\\s+");
            assertEquals(EncapsulatedStlWriter.ENCAPSULATED_STL_STORAGE, x[0]);
            assertEquals("M3D", x[1]);
            assertEquals("model/stl", x[2]);
            assertEquals(ct.frameOfReferenceUID(), x[3], "the model lies in the series' frame of reference");
            assertEquals(ct.studyInstanceUID(), x[4]);
            assertEquals("mm", x[5]);
            assertEquals("UCUM", x[6]);
            assertEquals(ct.slices().size(), Integer.parseInt(x[7]), "every image of the series is a source");
            assertEquals("121324", x[8]);
            assertEquals("85040-4", x[9], "CT 3D CAM model");
            assertEquals(Files.size(pair[1]) % 2, Integer.parseInt(x[10]), "one pad byte for an odd length");
        }
    }

    @Test
    void dcmtkTakesOutTheSameBytes() throws Exception {
        ExternalTool.DCMTK.require();
        ExternalTool.PYDICOM.require();
        // dcm2json (dcmtk) writes the OB value as InlineBinary (base64); Python only decodes the JSON
        String decode = String.join("\n",
                "import sys, json, base64",
                "d = json.load(sys.stdin)",
                "b = base64.b64decode(d['00420011']['InlineBinary'])",
                "n = d['00420015']['Value'][0]",
                "open(sys.argv[1], 'wb').write(b[:n])",
                "print(len(b) - n)");
        for (Path[] pair : new Path[][] {{tmp.resolve("ball.dcm"), binary}, {tmp.resolve("ascii.dcm"), ascii}}) {
            Processes.Run j = Processes.run(List.of(ExternalTool.DCMTK.command("dcm2json").toString(), pair[0].toString()),
                    null, Duration.ofSeconds(60)).assertOk("dcm2json");
            Path json = Files.writeString(tmp.resolve(pair[0].getFileName() + ".json"), j.out());
            Path out = tmp.resolve(pair[0].getFileName() + ".dcmtk.stl");
            Processes.run(List.of("/bin/sh", "-c", ExternalTool.PYTHON + " -c \"$0\" \"$1\" < \"$2\"", decode,
                    out.toString(), json.toString()), null, Duration.ofSeconds(60)).assertOk("decode");
            assertArrayEquals(Files.readAllBytes(pair[1]), Files.readAllBytes(out), "dcmtk's copy of " + pair[1]);
        }
    }

    @Test
    void rasOrOutsideTheSeriesOrNotAnStlIsRefusedAndNothingWritten() throws Exception {
        NamedMesh ball = new NamedMesh(1, "ball", 0xffffffff, MeshPrimitives.icosphere(-20, 25, 30, 8, 2));
        Path ras = MeshWriters.write(tmp.resolve("ras.stl"), List.of(ball), ExportOptions.in(CoordinateSystem.RAS)).get(0);
        assertEquals(Optional.of("RAS"), EncapsulatedStlWriter.statedFrame(ras));
        assertEquals(Optional.of("LPS"), EncapsulatedStlWriter.statedFrame(binary));
        assertEquals(Optional.of("LPS"), EncapsulatedStlWriter.statedFrame(ascii));
        Path out = tmp.resolve("refused.dcm");
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> EncapsulatedStlWriter.write(ras, ct, EncapsulatedStlWriter.Options.defaults(), out));
        assertTrue(e.getMessage().contains("states SPACE=RAS"), e.getMessage());
        NamedMesh far = new NamedMesh(1, "far", 0xffffffff, MeshPrimitives.icosphere(400, 25, 30, 8, 2));
        Path farStl = MeshWriters.write(tmp.resolve("far.stl"), List.of(far), ExportOptions.in(CoordinateSystem.LPS)).get(0);
        e = assertThrows(ImageFormatException.class,
                () -> EncapsulatedStlWriter.write(farStl, ct, EncapsulatedStlWriter.Options.defaults(), out));
        assertTrue(e.getMessage().contains("lies outside the volume of series " + ct.seriesInstanceUID()), e.getMessage());
        MeshFormatException e2;
        Path junk = Files.writeString(tmp.resolve("junk.stl"), "not a surface at all, just text");
        assertThrows(MeshFormatException.class,
                () -> EncapsulatedStlWriter.write(junk, ct, EncapsulatedStlWriter.Options.defaults(), out));
        Path ply = MeshWriters.write(tmp.resolve("ball.ply"), List.of(ball), ExportOptions.in(CoordinateSystem.LPS)).get(0);
        e2 = assertThrows(MeshFormatException.class,
                () -> EncapsulatedStlWriter.write(ply, ct, EncapsulatedStlWriter.Options.defaults(), out));
        assertTrue(e2.getMessage().contains("not a PLY file"), e2.getMessage());
        assertFalse(Files.exists(out));
    }
}
