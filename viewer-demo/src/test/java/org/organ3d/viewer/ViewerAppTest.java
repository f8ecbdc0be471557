package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lwjgl.glfw.GLFW.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.organ3d.viewer.measure.MeasurementSet;

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
}
