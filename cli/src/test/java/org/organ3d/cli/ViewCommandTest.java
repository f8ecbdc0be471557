package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.testkit.RequiresDevice;
import picocli.CommandLine;

class ViewCommandTest {

    @TempDir
    Path dir;

    private record Run(int rc, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Run(rc, err.toString());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Path stl = dir.resolve("a.stl");
        assertEquals(2, run("view", stl.toString(), "--stereo", "wobble").rc());
        assertEquals(2, run("view", stl.toString(), "--size", "800by600").rc());
        assertEquals(2, run("view", stl.toString(), "--view", "sideways").rc());
        assertEquals(2, run("view", stl.toString(), "--screenshot", "x.jpg").rc());
        Run none = run("view");
        assertEquals(2, none.rc());
        assertTrue(none.err().contains("nothing to view"), none.err());
    }

    @Tag("gl")
    @RequiresDevice(value = "gl", probe = DisplayProbe.class)
    @Test
    void screenshotOfMeshFilesInEveryStereoModeHasTheRequestedSize() throws Exception {
        Path stl = dir.resolve("ball.stl");
        MeshWriters.write(stl, List.of(new NamedMesh(1, "ball", 0xffffffff, MeshPrimitives.icosphere(0, 0, 0, 40, 3))),
                ExportOptions.in(CoordinateSystem.LPS));
        for (String mode : new String[] {"off", "anaglyph", "side-by-side", "top-bottom", "interlaced", "quad"}) {
            Path png = dir.resolve("shot-" + mode + ".png");
            Run r = run("view", stl.toString(), "--stereo", mode, "--screenshot", png.toString(), "--size", "200x150");
            assertEquals(0, r.rc(), r.err());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(200, img.getWidth());
            assertEquals(150, img.getHeight());
            // The ball is at the centre of each eye's viewport.
            int c = mode.equals("side-by-side") ? img.getRGB(50, 75) : mode.equals("top-bottom") ? img.getRGB(100, 37)
                    : img.getRGB(100, 75);
            assertTrue((c >> 16 & 0xFF) + (c >> 8 & 0xFF) + (c & 0xFF) > 150, mode + ": the ball is in the middle");
            if (mode.equals("quad")) {
                assertTrue(r.err().contains("anaglyph"), "quad offscreen says it falls back: " + r.err());
            }
        }
    }

    @Tag("gl")
    @RequiresDevice(value = "gl", probe = DisplayProbe.class)
    @Test
    void glbOrgansAreShownInTheirOwnColours() throws Exception {
        // a red ball on the patient's right and a blue one on the left, exported in RAS: the GLB's
        // recorded frame puts them back, so in the anterior view red is on the image's left
        Path glb = dir.resolve("organs.glb");
        MeshWriters.write(glb, List.of(
                new NamedMesh(1, "right", 0xff0000ff, MeshPrimitives.icosphere(-60, 0, 0, 30, 3)),
                new NamedMesh(2, "left", 0x0000ffff, MeshPrimitives.icosphere(60, 0, 0, 30, 3))),
                ExportOptions.in(CoordinateSystem.RAS));
        Path png = dir.resolve("glb.png");
        Run r = run("view", glb.toString(), "--screenshot", png.toString(), "--size", "300x150");
        assertEquals(0, r.rc(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        int leftHalf = img.getRGB(100, 75);
        int rightHalf = img.getRGB(200, 75);
        assertTrue((leftHalf >> 16 & 0xFF) > 2 * (leftHalf & 0xFF),
                "red on the image's left: " + Integer.toHexString(leftHalf));
        assertTrue((rightHalf & 0xFF) > 2 * (rightHalf >> 16 & 0xFF),
                "blue on the image's right: " + Integer.toHexString(rightHalf));
    }

    private Path ball() throws Exception {
        Path stl = dir.resolve("ball.stl");
        MeshWriters.write(stl, List.of(new NamedMesh(1, "ball", 0xffffffff, MeshPrimitives.icosphere(0, 0, 0, 40, 3))),
                ExportOptions.in(CoordinateSystem.LPS));
        return stl;
    }

    @Test
    void badInputsFailWithOneLineBeforeAnySceneIsBuilt() throws Exception {
        Path stl = ball();
        Path json = dir.resolve("m.json");
        java.nio.file.Files.writeString(json, "{\"frame\": \"LPS\",\n \"units\": \"mm\", \"measurements\": [}");
        Run bad = run("view", stl.toString(), "--measurements", json.toString(), "--screenshot", dir.resolve("x.png").toString());
        assertEquals(1, bad.rc(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), "one line: " + bad.err());
        assertTrue(bad.err().startsWith("organ3d view: error: ") && bad.err().contains(json
                + ": not a JSON measurement file at line 2, column 34: Unexpected close marker '}'"), bad.err());
        Run missing = run("view", dir.resolve("gone.nii.gz").toString(), "--screenshot", dir.resolve("x.png").toString());
        assertEquals(1, missing.rc());
        assertTrue(missing.err().contains("gone.nii.gz") && missing.err().contains("no such file"), missing.err());
        assertEquals(2, run("view", stl.toString(), "--crosshair", "1,2").rc());
        assertEquals(2, run("view", stl.toString(), "--layout", "3x3").rc());
        assertEquals(2, run("view", stl.toString(), "--window", "lungs").rc());
        assertEquals(2, run("view", stl.toString(), "--volume", "skin").rc());
        Run series = run("view", stl.toString(), "--series", "1.2.3", "--screenshot", dir.resolve("x.png").toString());
        assertEquals(2, series.rc(), series.err());
        assertTrue(series.err().contains("--series applies to a DICOM folder"), series.err());
    }

    @Tag("gl")
    @RequiresDevice(value = "gl", probe = DisplayProbe.class)
    @Test
    void optionsThatDoNotFitTheDataAreUsageErrorsAndForeignMeasurementsAreRefused() throws Exception {
        Path stl = ball();
        Path png = dir.resolve("x.png");
        Run opacity = run("view", stl.toString(), "--opacity", "livr=0.3", "--screenshot", png.toString(), "--size", "64x48");
        assertEquals(2, opacity.rc(), opacity.err());
        assertTrue(opacity.err().contains("--opacity names no organ on display: livr (organs: ball)"), opacity.err());
        org.organ3d.viewer.measure.MeasurementSet other = new org.organ3d.viewer.measure.MeasurementSet();
        other.setReference(new org.organ3d.viewer.measure.StudyReference("1.2.4.1", null, null, "MR head", List.of()));
        Path json = dir.resolve("head.json");
        other.save(json);
        Run foreign = run("view", stl.toString(), "--measurements", json.toString(), "--screenshot", png.toString(),
                "--size", "64x48");
        assertEquals(1, foreign.rc(), foreign.err());
        assertTrue(foreign.err().contains("head.json: measurements made on study 1.2.4.1 (MR head)")
                && foreign.err().contains("(--force-measurements loads them anyway)"), foreign.err());
        Run forced = run("view", stl.toString(), "--measurements", json.toString(), "--force-measurements",
                "--screenshot", png.toString(), "--size", "64x48");
        assertEquals(0, forced.rc(), forced.err());
    }

    @Test
    void exportSrWritesTheRulersOfADicomViewAndRefusesAViewWithoutDicom() throws Exception {
        org.organ3d.volume.Volume.Builder b = org.organ3d.volume.Volume.builder(new org.organ3d.volume.Dimensions(20, 16, 5),
                org.organ3d.volume.VoxelType.INT16, org.organ3d.volume.Geometry.axisAligned(
                        new org.organ3d.volume.Spacing(0.8, 0.8, 2.0), new org.joml.Vector3d(-8, -6, 10)))
                .rescale(new org.organ3d.volume.Rescale(1, -1024));
        for (int k = 0; k < 5; k++) {
            short[] sl = new short[20 * 16];
            for (int p = 0; p < sl.length; p++) {
                sl[p] = (short) (900 + (p * 7 + k * 13) % 300);
            }
            b.setSlice(k, sl);
        }
        org.organ3d.volume.Volume v = b.build();
        org.organ3d.io.dicom.SeriesInfo info = org.organ3d.io.dicom.SeriesInfo.ct("Export^Sr", "EXP1", "export CT");
        Path ct = dir.resolve("ct");
        org.organ3d.io.dicom.DicomSeriesWriter.writeCtSeries(v, ct, info);
        org.organ3d.viewer.measure.MeasurementSet set = new org.organ3d.viewer.measure.MeasurementSet();
        set.add(org.organ3d.viewer.measure.Measurement.Kind.RULER,
                List.of(new org.joml.Vector3d(-6, -4, 12), new org.joml.Vector3d(4, 5, 16)), List.of("liver", "liver lesion"));
        set.setReference(new org.organ3d.viewer.measure.StudyReference(info.studyInstanceUID(), info.seriesInstanceUID(),
                info.frameOfReferenceUID(), "export CT", List.of()));
        Path json = dir.resolve("m.json");
        set.save(json);
        Path sr = dir.resolve("m-sr.dcm");
        Run ok = run("view", ct.toString(), "--measurements", json.toString(), "--export-sr", sr.toString());
        assertEquals(0, ok.rc(), ok.err());
        assertTrue(ok.err().contains("wrote the measurement report (TID 1500, 1 ruler, citing series "
                + info.seriesInstanceUID()), ok.err());
        org.organ3d.io.dicom.Attributes ds = org.organ3d.io.dicom.DicomParser.read(sr).dataset();
        assertEquals(info.studyInstanceUID(), ds.getString(org.organ3d.io.dicom.Tag.StudyInstanceUID));
        assertEquals("EXP1", ds.getString(org.organ3d.io.dicom.Tag.PatientID));

        // the same image as NIfTI: nothing DICOM to cite, one error line, nothing written
        Path nii = dir.resolve("ct.nii.gz");
        org.organ3d.io.ImageFormats.write(nii, v, java.util.Map.of());
        org.organ3d.viewer.measure.MeasurementSet loose = new org.organ3d.viewer.measure.MeasurementSet();
        loose.add(org.organ3d.viewer.measure.Measurement.Kind.RULER,
                List.of(new org.joml.Vector3d(-6, -4, 12), new org.joml.Vector3d(4, 5, 16)));
        Path looseJson = dir.resolve("loose.json");
        loose.save(looseJson);
        Path sr2 = dir.resolve("loose-sr.dcm");
        Run refused = run("view", nii.toString(), "--measurements", looseJson.toString(), "--export-sr", sr2.toString());
        assertEquals(1, refused.rc(), refused.err());
        assertTrue(refused.err().contains("no DICOM SR written: the view shows no DICOM image (ct.nii.gz)"), refused.err());
        assertEquals(1, refused.err().lines().filter(l -> !l.contains(": note: ") && !l.contains(": warning: ")
                && !l.startsWith("organ3d view: reading")).count(), refused.err());
        assertTrue(!java.nio.file.Files.exists(sr2));
        assertEquals(2, run("view", ct.toString(), "--export-sr", sr2.toString()).rc(), "--export-sr needs --measurements");
        assertEquals(2, run("view", ct.toString(), "--measurements", json.toString(), "--export-sr", sr2.toString(),
                "--screenshot", dir.resolve("x.png").toString()).rc());
    }
}
