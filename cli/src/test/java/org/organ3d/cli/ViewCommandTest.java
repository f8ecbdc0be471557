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
}
