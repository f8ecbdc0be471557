package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lwjgl.glfw.GLFW.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.io.ImageFormats;
import org.organ3d.viewer.measure.MeasurementSet;
import org.organ3d.viewer.measure.StudyReference;

/**
 * Drives the interactive window with scripted input: loads an STL on the worker thread, selects an
 * organ, measures with the ruler on the surface, cycles all stereo modes and the clipping plane, and
 * saves the measurements.
 */
@Tag("gl")
@RequiresDevice(value = "gl", probe = GlProbe.class)
class ViewerAppTest {

    @Test
    void scriptedSessionMeasuresOnTheSurfaceAndKeepsEveryMeasurement(@TempDir Path dir) throws Exception {
        Path stl = dir.resolve("ball.stl");
        MeshWriters.write(stl, List.of(new NamedMesh(1, "ball", 0xffffffff, MeshPrimitives.icosphere(0, 0, 0, 50, 5))),
                ExportOptions.in(CoordinateSystem.LPS));
        Path json = dir.resolve("m.json");
        ViewerOptions o = new ViewerOptions(List.of(stl), null, null, StereoMode.OFF, "java", json, ViewPreset.ANTERIOR,
                320, 240, Map.of("ball", 0.8f));
        ViewerApp app = new ViewerApp(o);
        app.init();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while ((app.isLoading() || !app.isPickingReady()) && System.nanoTime() < deadline) {
                glfwPollEvents();
                app.frame();
            }
            assertFalse(app.isLoading(), "loaded within 60 s");
            assertTrue(app.isPickingReady(), "picking ready within 60 s");
            ViewerState s = app.state();
            assertEquals(1, s.scene.objects().size());
            assertEquals(0.8f, s.scene.objects().get(0).opacity(), 1e-6);
            Camera cam = app.camera();
            Vector3f c = cam.project(new Vector3f(0, 0, 0), 0, 320, 240, new Vector3f());
            app.click(c.x, c.y);
            assertSame(s.scene.objects().get(0), s.selected, "click selects the organ");
            app.key(GLFW_KEY_M, 0);   // ruler
            // Anterior pole (0, -50, 0) and a point 40 mm to the patient's left on the front surface.
            Vector3f a = cam.project(new Vector3f(0, -50, 0), 0, 320, 240, new Vector3f());
            Vector3f b3 = new Vector3f(40, (float) -Math.sqrt(50 * 50 - 40 * 40), 0);
            Vector3f b = cam.project(b3, 0, 320, 240, new Vector3f());
            app.click(a.x, a.y);
            app.click(b.x, b.y);
            app.click(a.x, a.y);
            app.click(b.x, b.y);
            assertEquals(2, s.measurements.size(), "a new measurement keeps the previous one");
            double expected = new Vector3f(0, -50, 0).distance(b3);
            assertEquals(expected, s.measurements.all().get(0).value(), 0.5, "ruler on the surface, mm");
            for (int i = 0; i < StereoMode.values().length; i++) {
                app.key(GLFW_KEY_S, 0);
                app.frame();
            }
            app.key(GLFW_KEY_C, 0);
            app.key(GLFW_KEY_COMMA, 0);
            for (int k = GLFW_KEY_1; k <= GLFW_KEY_6; k++) {
                app.key(k, 0);
                app.frame();
            }
            app.key(GLFW_KEY_F1, 0);
            app.frame();
            app.key(GLFW_KEY_S, GLFW_MOD_CONTROL);
            assertTrue(Files.exists(json));
            assertEquals(2, MeasurementSet.load(json).size());
            assertNotNull(s.scene);
            // Ctrl+Shift+E: an STL view has no DICOM series to cite; the SR is refused, saying why
            app.key(GLFW_KEY_E, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
            assertTrue(s.currentMessage().contains("no DICOM SR written: the view shows no DICOM image (ball.stl)"),
                    s.currentMessage());
            assertFalse(Files.exists(dir.resolve("m-sr.dcm")));
        } finally {
            app.cleanup();
        }
    }

    @Test
    void quadStereoRequestEitherGetsAStereoFramebufferOrSaysSoAndFallsBackToAnaglyph(@TempDir Path dir) throws Exception {
        Path stl = dir.resolve("ball.stl");
        MeshWriters.write(stl, List.of(new NamedMesh(1, "ball", 0xffffffff, MeshPrimitives.icosphere(0, 0, 0, 50, 2))),
                ExportOptions.in(CoordinateSystem.LPS));
        ViewerOptions o = new ViewerOptions(List.of(stl), null, null, StereoMode.QUAD, "java", null, ViewPreset.ANTERIOR,
                320, 240, Map.of());
        ViewerApp app = new ViewerApp(o);
        app.init();
        try {
            ViewerState s = app.state();
            if (s.stereo == StereoMode.QUAD) {
                System.out.println("driver granted a quad-buffered stereo framebuffer");
            } else {
                assertEquals(StereoMode.ANAGLYPH, s.stereo, "never silently nothing");
                assertNotNull(s.currentMessage());
                assertTrue(s.currentMessage().contains("quad-buffered stereo refused"), s.currentMessage());
            }
            app.frame();
        } finally {
            app.cleanup();
        }
    }

    static ViewerApp open(ViewerOptions o) {
        ViewerApp app = new ViewerApp(o);
        app.init();
        waitReady(app);
        return app;
    }

    static void waitReady(ViewerApp app) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((app.isLoading() || !app.isPickingReady()) && app.failure() == null && System.nanoTime() < deadline) {
            glfwPollEvents();
            app.frame();
        }
        assertTrue(app.isPickingReady(), "loaded and picking ready within 60 s");
    }

    static Path ball(Path dir) throws Exception {
        Path stl = dir.resolve("ball.stl");
        MeshWriters.write(stl, List.of(new NamedMesh(1, "ball", 0xffffffff, MeshPrimitives.icosphere(0, 0, 0, 50, 4))),
                ExportOptions.in(CoordinateSystem.LPS));
        return stl;
    }

    /** Screen position of an LPS point in the app's window. */
    static Vector3f at(ViewerApp app, float x, float y, float z) {
        int[] size = app.size();
        return app.camera().project(new Vector3f(x, y, z), 0, size[0], size[1], new Vector3f());
    }

    @Test
    void addMoveAndDeleteAreUndoneAndRedoneFromTheKeyboard(@TempDir Path dir) throws Exception {
        ViewerApp app = open(ViewerOptions.builder(List.of(ball(dir))).size(320, 240).build());
        try {
            ViewerState s = app.state();
            int[] size = app.size();
            app.key(GLFW_KEY_M, 0);
            Vector3f a = at(app, 0, -50, 0);
            Vector3f b = at(app, 30, -40, 0);
            app.click(a.x, a.y);
            app.click(b.x, b.y);
            assertEquals(1, s.measurements.size());
            double before = s.measurements.get(0).value();
            assertEquals("ball", s.measurements.get(0).structures().get(0), "the endpoint names its surface");
            // drag the second endpoint to the point 30 mm up the front surface
            Vector3f c = at(app, 0, -40, 30);
            ViewerControls in = app.controls();
            in.move(b.x, b.y, size[0], size[1]);
            in.press(GLFW_MOUSE_BUTTON_LEFT, 0, size[0], size[1]);
            in.move((b.x + c.x) / 2, (b.y + c.y) / 2, size[0], size[1]);
            in.move(c.x, c.y, size[0], size[1]);
            app.frame();
            assertEquals(0, s.dragIndex, "dragging R1");
            in.release(GLFW_MOUSE_BUTTON_LEFT, size[0], size[1]);
            double moved = s.measurements.get(0).value();
            assertEquals(new Vector3f(0, -50, 0).distance(0, -40, 30), moved, 0.5, "the endpoint followed the surface");
            assertEquals(1, s.measurements.size(), "a move is not a new measurement");
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            assertEquals(before, s.measurements.get(0).value(), 1e-12, "undo of the move");
            app.key(GLFW_KEY_Y, GLFW_MOD_CONTROL);
            assertEquals(moved, s.measurements.get(0).value(), 1e-12, "redo of the move");
            app.key(GLFW_KEY_BACKSPACE, 0);
            assertEquals(0, s.measurements.size(), "deleted");
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            assertEquals(1, s.measurements.size(), "undo of the delete");
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
            assertEquals(0, s.measurements.size(), "Ctrl+Shift+Z redoes the delete");
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            assertEquals(0, s.measurements.size(), "undo of the add");
            app.key(GLFW_KEY_Y, GLFW_MOD_CONTROL);
            assertEquals(1, s.measurements.size(), "redo of the add");
            assertEquals(before, s.measurements.get(0).value(), 1e-12);
        } finally {
            app.cleanup();
        }
    }

    @Test
    void clearAllAsksFirstAndSavingAnEmptyListOverSavedOnesAsksToo(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("m.json");
        ViewerApp app = open(ViewerOptions.builder(List.of(ball(dir))).measurements(json).size(320, 240).build());
        try {
            ViewerState s = app.state();
            app.key(GLFW_KEY_M, 0);
            Vector3f a = at(app, 0, -50, 0);
            Vector3f b = at(app, 30, -40, 0);
            app.click(a.x, a.y);
            app.click(b.x, b.y);
            app.key(GLFW_KEY_S, GLFW_MOD_CONTROL);
            assertEquals(ViewerState.Level.SUCCESS, s.currentLevel(), "a success is not shown as an error");
            app.key(GLFW_KEY_DELETE, 0);
            assertNotNull(s.prompt, "Delete asks first");
            assertEquals("Clear all 1 measurements?", s.prompt.question());
            app.key(GLFW_KEY_BACKSPACE, 0);
            assertEquals(1, s.measurements.size(), "other keys do nothing while the question is open");
            app.key(GLFW_KEY_N, 0);
            assertNull(s.prompt);
            assertEquals(1, s.measurements.size(), "N keeps them");
            app.key(GLFW_KEY_DELETE, 0);
            app.key(GLFW_KEY_Y, 0);
            assertEquals(0, s.measurements.size(), "Y clears");
            app.key(GLFW_KEY_S, GLFW_MOD_CONTROL);
            assertNotNull(s.prompt, "saving an empty list over a file that holds measurements asks");
            assertTrue(s.prompt.question().contains("m.json (it holds 1 measurements)"), s.prompt.question());
            app.key(GLFW_KEY_ESCAPE, 0);
            assertEquals(1, MeasurementSet.load(json).size(), "declined: the file is untouched");
            assertFalse(app.failure() != null);
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            assertEquals(1, s.measurements.size(), "the clear is undone");
        } finally {
            app.cleanup();
        }
    }

    @Test
    void aMeasurementFileOfAnotherStudyIsRefusedWithAMessageUnlessForced(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("head.json");
        MeasurementSet head = new MeasurementSet();
        head.setReference(new StudyReference("1.2.4.1", null, "1.2.4.9", "MR head", List.of()));
        head.add(org.organ3d.viewer.measure.Measurement.Kind.RULER, List.of(new Vector3d(), new Vector3d(10, 0, 0)));
        head.save(json);
        ViewerApp app = open(ViewerOptions.builder(List.of(ball(dir))).measurements(json).size(320, 240).build());
        try {
            ViewerState s = app.state();
            assertEquals(0, s.measurements.size(), "not loaded at start");
            assertEquals(ViewerState.Level.ERROR, s.alertLevel(), "shown as an error, and not hidden by later notes");
            assertTrue(s.currentAlert().startsWith("head.json: measurements made on study 1.2.4.1 (MR head), this view "
                    + "shows ball.stl: nothing to compare them by: not loaded (Ctrl+Shift+O loads it anyway)"),
                    s.currentAlert());
            app.key(GLFW_KEY_O, GLFW_MOD_CONTROL);
            assertEquals(0, s.measurements.size(), "Ctrl+O refuses too");
            app.key(GLFW_KEY_O, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
            assertEquals(1, s.measurements.size(), "Ctrl+Shift+O loads it anyway");
            assertEquals(ViewerState.Level.WARNING, s.currentLevel());
            assertTrue(s.currentMessage().contains("from ANOTHER study, as forced"), s.currentMessage());
            app.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
            assertEquals(0, s.measurements.size(), "and the load can be undone");
        } finally {
            app.cleanup();
        }
    }

    @Test
    void resetViewLeavesTheClippingPlaneWhereItIs(@TempDir Path dir) throws Exception {
        ViewerApp app = open(ViewerOptions.builder(List.of(ball(dir))).size(320, 240).build());
        try {
            ViewerState s = app.state();
            app.key(GLFW_KEY_C, 0);
            app.key(GLFW_KEY_C, 0);
            app.key(GLFW_KEY_C, 0);   // axial
            app.key(GLFW_KEY_PERIOD, GLFW_MOD_SHIFT);
            app.key(GLFW_KEY_PERIOD, 0);
            assertEquals("clip axial S 11.0 mm, keeps superior", s.clip.describe(), "the plane's place in mm");
            app.key(GLFW_KEY_2, 0);
            app.key(GLFW_KEY_R, 0);
            assertEquals("clip axial S 11.0 mm, keeps superior", s.clip.describe(), "R resets the view only");
            app.key(GLFW_KEY_UP, GLFW_MOD_CONTROL);
            assertEquals(ClipPlane.Kind.OBLIQUE, s.clip.kind(), "Ctrl+arrow tilts it");
            app.frame();
        } finally {
            app.cleanup();
        }
    }

    @Test
    void aTruncatedInputClosesTheWindowAndFailsWithOneLine(@TempDir Path dir) throws Exception {
        Path nii = dir.resolve("ct.nii");
        ImageFormats.write(nii, SceneLoaderTest.mrLike(), Map.of());
        byte[] all = Files.readAllBytes(nii);
        Files.write(nii, java.util.Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class,
                () -> ViewerApp.run(ViewerOptions.builder(List.of(nii)).size(200, 150).build()));
        assertTrue(e.getMessage().contains("ct.nii"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertThrows(NoSuchFileException.class,
                () -> ViewerApp.run(ViewerOptions.builder(List.of(dir.resolve("gone.nii"))).size(200, 150).build()),
                "a missing input fails before any window opens");
    }

    @Test
    void twoMillionTrianglesAreShownBeforeThePickingBvhIsReady() throws Exception {
        List<SceneObject> balls = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            NamedMesh m = new NamedMesh(i + 1, "ball" + i, 0xc0c0c0ff,
                    MeshPrimitives.icosphere(60.0 * (i % 5), 0, 60.0 * (i / 5), 28, 6));
            balls.add(new SceneObject(m, OrganInfo.ofSurface(m.name(), m.mesh())));
        }
        LoadedScene scene = new LoadedScene(balls, null, StudyReference.NONE, List.of(), "balls");
        ViewerApp app = new ViewerApp(ViewerOptions.builder(List.of(Path.of("balls"))).size(320, 240).build(),
                (o, p) -> scene);
        app.init();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (app.firstFrameNanos() < 0 && System.nanoTime() < deadline) {
                glfwPollEvents();
                app.frame();
            }
            int tris = balls.stream().mapToInt(o -> o.mesh().triangleCount()).sum();
            assertEquals(2_048_000, tris);
            System.out.printf("first frame of %d triangles %.0f ms after the meshes were ready (upload included); "
                    + "picking ready: %s%n", tris, app.firstFrameNanos() / 1e6, app.isPickingReady());
            assertFalse(app.isPickingReady(), "the surfaces are on screen while the BVH is still being built");
            Vector3f mid = at(app, 120, 0, 120);
            app.click(mid.x, mid.y);
            assertTrue(app.state().currentMessage().startsWith("picking is being prepared"), app.state().currentMessage());
            waitReady(app);
            app.click(mid.x, mid.y);
            assertEquals("ball12", app.state().selected.name(), "then picking works");
        } finally {
            app.cleanup();
        }
    }

    @Test
    void slicePanesFollowThe3dViewScrollAndMeasure(@TempDir Path dir) throws Exception {
        var st = DemoPhantom.small();
        Path ct = dir.resolve("ct.nii.gz");
        Path seg = dir.resolve("seg.nii.gz");
        ImageFormats.write(ct, st.ct(), Map.of());
        ImageFormats.write(seg, st.labels().labels(), st.labels().info());
        ViewerApp app = open(ViewerOptions.builder(List.of(ct)).labels(seg).size(400, 300).build());
        try {
            ViewerState s = app.state();
            assertEquals(ViewLayout.FOUR_UP, s.layout, "an image and labels: 2x2");
            int[] size = app.size();
            int[] axial = new int[4];
            ViewLayout.FOUR_UP.pane(1, size[0], size[1], axial);
            app.frame();
            // a click in the axial pane puts the crosshair there
            app.click(axial[0] + 60.5f, axial[1] + 70.5f);
            Vector3d expected = s.slices[0].toLps(60.5, 70.5, new Vector3d());
            assertEquals(0, s.cursor.distance(expected), 1e-9, "crosshair at the clicked point");
            // scrolling steps one slice (3 mm) along the axial normal, onto a slice centre
            double z = s.cursor.z;
            app.controls().move(axial[0] + 60, axial[1] + 70, size[0], size[1]);
            app.controls().scroll(1, false, size[0], size[1]);
            double k = st.ct().geometry().patientToIndex(s.cursor).z;
            assertEquals(Math.rint(k), k, 1e-9, "on a slice centre");
            assertEquals(3.0, s.cursor.z - z, 1e-6, "one slice up");
            // a click on the liver in 3D moves the crosshair to the surface point
            int[] three = new int[4];
            ViewLayout.FOUR_UP.pane(0, size[0], size[1], three);
            Vector3f liver = app.camera().project(new Vector3f(-58, -14, 45), 0, three[2], three[3], new Vector3f());
            app.click(three[0] + liver.x, three[1] + liver.y);
            assertEquals("liver", s.selected.name());
            assertTrue(s.cursor.y < -14 - 30, "crosshair on the liver's front surface: " + s.cursor);
            // a ruler in the axial pane: points on the slice, named by the label map
            app.key(GLFW_KEY_M, 0);
            Vector3d lesion = new Vector3d(DemoPhantom.LESION_CENTRE);
            s.cursor.set(lesion);
            app.frame();
            Vector3d a = s.slices[0].toPane(lesion, new Vector3d());
            Vector3d spleen = s.slices[0].toPane(new Vector3d(88, 30, lesion.z), new Vector3d());
            app.click((float) (axial[0] + a.x), (float) (axial[1] + a.y));
            app.click((float) (axial[0] + spleen.x), (float) (axial[1] + spleen.y));
            var m = s.measurements.get(0);
            assertEquals(List.of("liver lesion", "spleen"), m.structures());
            assertEquals(s.slices[0].toLps(a.x, a.y, new Vector3d()).distance(s.slices[0].toLps(spleen.x, spleen.y,
                    new Vector3d())), m.value(), 1e-4, "the ruler joins the two slice points");
            // right-drag adjusts the window; F2 switches to the 3D layout and back
            String before = s.window.describe();
            app.controls().move(axial[0] + 100, axial[1] + 100, size[0], size[1]);
            app.controls().press(GLFW_MOUSE_BUTTON_RIGHT, 0, size[0], size[1]);
            app.controls().move(axial[0] + 140, axial[1] + 80, size[0], size[1]);
            app.controls().release(GLFW_MOUSE_BUTTON_RIGHT, size[0], size[1]);
            assertTrue(!before.equals(s.window.describe()), "window changed: " + s.window.describe());
            app.key(GLFW_KEY_F2, 0);
            assertEquals(ViewLayout.THREE_D, s.layout);
            app.frame();
            app.key(GLFW_KEY_F2, 0);
            assertEquals(ViewLayout.FOUR_UP, s.layout);
            app.key(GLFW_KEY_U, 0);
            assertNotNull(s.volumeRendering, "U turns volume rendering on");
            app.frame();
            // the mouse over a slice view reads out the point under it
            app.controls().move(axial[0] + 30, axial[1] + 40, size[0], size[1]);
            assertEquals(0, s.hover.distance(s.slices[0].toLps(30, 40, new Vector3d())), 1e-9);
            // the clipping plane: J puts it through the selected organ, Ctrl+drag in a slice view moves it
            app.key(GLFW_KEY_J, 0);
            assertEquals(ClipPlane.Kind.SAGITTAL, s.clip.kind());
            assertEquals(s.selected.info().centroidLps().x, s.clip.point().x(), 1e-9, "through the liver's centroid");
            double x0 = s.clip.point().x();
            app.controls().press(GLFW_MOUSE_BUTTON_LEFT, GLFW_MOD_CONTROL, size[0], size[1]);
            app.controls().move(axial[0] + 70, axial[1] + 40, size[0], size[1]);
            app.controls().release(GLFW_MOUSE_BUTTON_LEFT, size[0], size[1]);
            assertEquals(40 * s.slices[0].mmPerPixel(), s.clip.point().x() - x0, 1e-6,
                    "dragged 40 pixels to the patient's left in the axial view");
            app.frame();
        } finally {
            app.cleanup();
        }
    }
}
