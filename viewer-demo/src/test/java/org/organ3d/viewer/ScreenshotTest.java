package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.joml.Vector3f;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.testkit.RequiresDevice;

/**
 * Offscreen pictures of an analytic scene (red sphere r = 30 mm at (-40, 0, 0), green box 40 mm wide
 * centred at (+45, 0, 0), LPS) checked against the camera's own projection.
 */
@Tag("gl")
@RequiresDevice(value = "gl", probe = GlProbe.class)
class ScreenshotTest {

    static final int W = 320;
    static final int H = 240;
    static final Vector3f SPHERE = new Vector3f(-40, 0, 0);
    static final Vector3f BOX = new Vector3f(45, 0, 0);
    static OffscreenRenderer renderer;
    static Scene scene;

    @BeforeAll
    static void open() {
        renderer = new OffscreenRenderer();
        scene = Scene.ofMeshes(List.of(
                new NamedMesh(1, "sphere", 0xff2020ff, MeshPrimitives.icosphere(SPHERE.x, SPHERE.y, SPHERE.z, 30, 4)),
                new NamedMesh(2, "box", 0x20ff20ff, MeshPrimitives.box(25, -20, -20, 65, 20, 20))));
    }

    @AfterAll
    static void close() {
        if (renderer != null) {
            scene.deleteGpu();
            renderer.close();
        }
    }

    static Camera anterior() {
        return OffscreenRenderer.frame(scene, ViewPreset.ANTERIOR);
    }

    static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }

    @Test
    void monoPictureShowsEachOrganWhereTheCameraProjectsIt() {
        Camera cam = anterior();
        BufferedImage img = renderer.render(scene, cam, StereoMode.OFF, W, H, null);
        Vector3f s = cam.project(SPHERE, 0, W, H, new Vector3f());
        Vector3f b = cam.project(BOX, 0, W, H, new Vector3f());
        // Anterior view: patient's left (+x) on the screen's right.
        assertTrue(b.x > s.x, "box (patient left) should be right of the sphere: " + b.x + " vs " + s.x);
        int ps = img.getRGB(Math.round(s.x), Math.round(s.y));
        int pb = img.getRGB(Math.round(b.x), Math.round(b.y));
        assertTrue(red(ps) > 120 && green(ps) < 80, "sphere pixel " + Integer.toHexString(ps));
        assertTrue(green(pb) > 120 && red(pb) < 80, "box pixel " + Integer.toHexString(pb));
        int corner = img.getRGB(2, 2);
        assertTrue(red(corner) < 40 && green(corner) < 40, "background " + Integer.toHexString(corner));
    }

    @Test
    void sideBySideHalvesDifferAndEachShowsTheScene() {
        Camera cam = anterior();
        BufferedImage img = renderer.render(scene, cam, StereoMode.SIDE_BY_SIDE, W, H, null);
        int differing = 0;
        int lit = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                int l = img.getRGB(x, y);
                int r = img.getRGB(x + W / 2, y);
                if (l != r) {
                    differing++;
                }
                if (red(l) > 120 || green(l) > 120) {
                    lit++;
                }
            }
        }
        assertTrue(lit > 500, "left half shows organs: " + lit);
        assertTrue(differing > 50, "halves differ by parallax: " + differing);
    }

    @Test
    void anaglyphChannelsAreShiftedByTheOffAxisDisparity() {
        Camera cam = anterior();
        cam.setEyeSeparation(cam.distance() / 10f);   // large base: a disparity of several pixels
        cam.convergeOn(new Vector3f(0, -60, 0));       // zero-parallax plane 60 mm in front of the sphere
        Scene sphereOnly = Scene.ofMeshes(List.of(new NamedMesh(1, "sphere", 0xffffffff,
                MeshPrimitives.icosphere(SPHERE.x, SPHERE.y, SPHERE.z, 30, 4))));
        BufferedImage img = renderer.render(sphereOnly, cam, StereoMode.ANAGLYPH, W, H, null);
        sphereOnly.deleteGpu();
        // Red comes from the left eye, green/blue from the right eye (Dubois matrices).
        double[] left = centroid(img, 16);
        double[] right = centroid(img, 0);
        Vector3f pl = cam.project(SPHERE, -1, W, H, new Vector3f());
        Vector3f pr = cam.project(SPHERE, 1, W, H, new Vector3f());
        double expected = pr.x - pl.x;
        assertTrue(Math.abs(expected) > 3, "test needs a visible disparity: " + expected);
        assertEquals(expected, right[0] - left[0], 1.0, "horizontal disparity (px)");
        assertEquals(0, right[1] - left[1], 0.5, "no vertical disparity with an off-axis frustum");
        // The sphere lies behind the convergence plane: uncrossed parallax (right image shifted right).
        assertTrue(expected > 0);
    }

    static double[] centroid(BufferedImage img, int shift) {
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >> shift & 0xFF) > 100) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 200, "channel mask too small: " + n);
        return new double[] {sx / n, sy / n};
    }

    @Test
    void everyStereoModeRendersSomethingAndPngIsWritten(@TempDir Path dir) throws Exception {
        for (StereoMode m : StereoMode.values()) {
            BufferedImage img = renderer.render(scene, anterior(), m, W, H, null);
            long lit = 0;
            for (int y = 0; y < H; y += 2) {
                for (int x = 0; x < W; x += 2) {
                    int p = img.getRGB(x, y);
                    if (red(p) + green(p) + blue(p) > 150) {
                        lit++;
                    }
                }
            }
            assertTrue(lit > 100, m + " picture is blank: " + lit);
            assertEquals(org.lwjgl.opengl.GL11C.GL_NO_ERROR, org.lwjgl.opengl.GL11C.glGetError(), m + ": GL error");
        }
        Path png = dir.resolve("shot.png");
        org.organ3d.viewer.render.Screenshots.writePng(renderer.render(scene, anterior(), StereoMode.OFF, W, H, null), png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(W, back.getWidth());
        assertEquals(H, back.getHeight());
        assertEquals(List.of("shot.png"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void steadyFramesAllocateNoJavaHeap() {
        ViewerState state = new ViewerState(scene);
        state.measurements.add(org.organ3d.viewer.measure.Measurement.Kind.RULER,
                List.of(new org.joml.Vector3d(-40, -30, 0), new org.joml.Vector3d(45, -20, 0)));
        scene.objects().get(0).setOpacity(0.5f);   // exercise the sorted transparent pass
        Hud hud = new Hud(state, renderer.font().orElse(null), false);
        Camera cam = anterior();
        for (StereoMode m : new StereoMode[] {StereoMode.OFF, StereoMode.ANAGLYPH, StereoMode.SIDE_BY_SIDE}) {
            for (int i = 0; i < 30; i++) {   // warm up: JIT, caches, lazily created targets
                renderer.draw(scene, cam, m, W, H, hud);
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                    .getThreadMXBean();
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            int frames = 20;
            for (int i = 0; i < frames; i++) {
                renderer.draw(scene, cam, m, W, H, hud);
            }
            long perFrame = (mx.getThreadAllocatedBytes(id) - before) / frames;
            System.out.println(m + ": " + perFrame + " bytes allocated per frame");
            assertTrue(perFrame < 64, m + ": a steady frame allocated " + perFrame + " bytes");
        }
        scene.objects().get(0).setOpacity(1f);
    }

    @Test
    void steadyFramesOfThe2x2LayoutAllocateNoJavaHeap() {
        org.organ3d.volume.Volume ct = SceneLoaderTest.mrLike();
        ViewerState state = new ViewerState(scene);
        state.adopt(new LoadedScene(scene.objects(), new org.organ3d.viewer.slice.SliceSource(ct, java.util.Map.of(), null),
                org.organ3d.viewer.measure.StudyReference.NONE, List.of(), "test"),
                ViewerOptions.builder(List.of(Path.of("x"))).build());
        state.measurements.add(org.organ3d.viewer.measure.Measurement.Kind.RULER,
                List.of(new org.joml.Vector3d(10, 10, 20), new org.joml.Vector3d(30, 20, 20)), List.of("a", "b"));
        state.clip.axis(ClipPlane.Kind.CORONAL, new org.joml.Vector3d(20, 20, 20), false);
        state.volumeRendering = org.organ3d.viewer.raycast.TransferFunction.ramp(50, 200);
        Camera cam = anterior();
        for (int i = 0; i < 60; i++) {   // warm up: JIT (escape analysis), caches, textures
            renderer.drawWindow(state, cam, W, H);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        int frames = 20;
        for (int i = 0; i < frames; i++) {
            renderer.drawWindow(state, cam, W, H);
        }
        long perFrame = (mx.getThreadAllocatedBytes(id) - before) / frames;
        System.out.println("2x2 with slices, volume rendering, clip and a ruler: " + perFrame + " bytes allocated per frame");
        assertTrue(perFrame < 64, "a steady 2x2 frame allocated " + perFrame + " bytes");
    }

    @Test
    void aClippedSurfaceIsCappedInsteadOfShowingAHollowShell() {
        Scene ball = Scene.ofMeshes(List.of(new NamedMesh(1, "ball", 0xd04030ff, MeshPrimitives.icosphere(0, 0, 0, 40, 4))));
        Camera cam = OffscreenRenderer.frame(ball, ViewPreset.SUPERIOR);
        Vector3f centre = cam.project(new Vector3f(0, 0, 0), 0, W, H, new Vector3f());
        Vector3f off = cam.project(new Vector3f(28, 0, 0), 0, W, H, new Vector3f());
        // cut away the superior half: the viewer above looks into the cut
        renderer.renderer().setClipPlane(new org.joml.Vector4f(0, 0, -1, 0));
        try {
            renderer.renderer().setCaps(false);
            BufferedImage hollow = renderer.render(ball, cam, StereoMode.OFF, W, H, null);
            renderer.renderer().setCaps(true);
            BufferedImage capped = renderer.render(ball, cam, StereoMode.OFF, W, H, null);
            int hc = hollow.getRGB(Math.round(centre.x), Math.round(centre.y));
            int ho = hollow.getRGB(Math.round(off.x), Math.round(off.y));
            int cc = capped.getRGB(Math.round(centre.x), Math.round(centre.y));
            int co = capped.getRGB(Math.round(off.x), Math.round(off.y));
            System.out.println("hollow " + red(hc) + " / " + red(ho) + ", capped " + red(cc) + " / " + red(co));
            assertTrue(Math.abs(red(cc) - red(co)) <= 8, "capped: a flat face (only the highlight moves): " + red(cc) + " "
                    + red(co));
            assertTrue(Math.abs(red(hc) - red(ho)) > Math.abs(red(cc) - red(co)) + 5,
                    "hollow: the inner wall's shading varies more: " + red(hc) + " " + red(ho));
            assertTrue(red(cc) > 2 * green(cc) && red(cc) > 120, "the cap has the organ's colour: " + Integer.toHexString(cc));
            assertTrue(red(cc) > red(hc) + 20, "the cap faces the viewer (lit), the inner wall is darker");
        } finally {
            renderer.renderer().setClipPlane(null);
            ball.deleteGpu();
        }
    }
}
