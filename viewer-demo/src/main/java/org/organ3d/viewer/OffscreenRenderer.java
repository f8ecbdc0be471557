package org.organ3d.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.joml.Vector3f;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.render.FontAtlas;
import org.organ3d.viewer.render.FrameTarget;
import org.organ3d.viewer.render.GlContext;
import org.organ3d.viewer.render.OverlayPainter;
import org.organ3d.viewer.render.SceneRenderer;
import org.organ3d.viewer.render.Screenshots;

/**
 * Renders frames without a visible window: a hidden 3.3 core context and a framebuffer object, read
 * back into a {@link BufferedImage} or a PNG. Any stereo mode except QUAD (a framebuffer object has no
 * left/right back buffers): QUAD is rendered as ANAGLYPH, and {@link #effectiveMode} says so.
 *
 * <p>Construct, render any number of frames, close, all on one thread (the main thread on macOS).
 * Owns a GLFW window and every GL object it creates; {@link #close()} frees them all.
 */
public final class OffscreenRenderer implements AutoCloseable {

    private final GlContext context;
    private final SceneRenderer renderer;
    private final FrameTarget target = new FrameTarget();
    private final Optional<FontAtlas> font;
    private ViewerFrame windowFrame;
    private ViewerState windowState;

    /** Opens the hidden context; throws IllegalStateException with the reason when there is no display or GL 3.3. */
    public OffscreenRenderer() {
        context = new GlContext(16, 16, "organ3d offscreen", false, false);
        SceneRenderer r = null;
        try {
            r = new SceneRenderer();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        renderer = r;
        font = FontAtlas.find(16f);
        font.ifPresent(f -> renderer.overlay().setFontTexture(f.texture()));
    }

    /** The OpenGL renderer and version strings, e.g. "llvmpipe (LLVM 15.0.6, 256 bits) / 4.5 (Core Profile) Mesa". */
    public static String glDescription() {
        return org.lwjgl.opengl.GL11C.glGetString(org.lwjgl.opengl.GL11C.GL_RENDERER) + " / "
                + org.lwjgl.opengl.GL11C.glGetString(org.lwjgl.opengl.GL11C.GL_VERSION);
    }

    /** The mode actually rendered offscreen for a requested mode. */
    public static StereoMode effectiveMode(StereoMode requested) {
        return requested == StereoMode.QUAD ? StereoMode.ANAGLYPH : requested;
    }

    public SceneRenderer renderer() {
        return renderer;
    }

    public Optional<FontAtlas> font() {
        return font;
    }

    /** Renders one frame of {@code scene} (uploading its meshes if needed) and reads it back. */
    public BufferedImage render(Scene scene, Camera camera, StereoMode mode, int w, int h, OverlayPainter painter) {
        if (w < 1 || h < 1 || w > 16384 || h > 16384) {
            throw new IllegalArgumentException("image size must be 1..16384 per side: " + w + "x" + h);
        }
        scene.uploadAll();
        target.ensure(w, h);
        renderer.render(scene.objects(), camera, effectiveMode(mode), target.fbo(), w, h, painter);
        return Screenshots.read(target.fbo(), w, h);
    }

    /**
     * Renders the whole window as the viewer shows it ({@link ViewerFrame}: layout, slice views,
     * volume rendering, annotations without the live status line) and reads it back.
     *
     * @param description study description drawn in the 3D view, or null
     */
    public BufferedImage render(ViewerState state, Camera camera, int w, int h, String description) {
        if (w < 1 || h < 1 || w > 16384 || h > 16384) {
            throw new IllegalArgumentException("image size must be 1..16384 per side: " + w + "x" + h);
        }
        state.scene.uploadAll();
        target.ensure(w, h);
        ViewerFrame frame = new ViewerFrame(renderer, state, font.orElse(null), false);
        try {
            frame.hud().setDescription(description);
            frame.render(camera, target.fbo(), w, h);
            return Screenshots.read(target.fbo(), w, h);
        } finally {
            frame.delete();
            renderer.setLayer(null);
        }
    }

    /**
     * Renders the whole window as {@link #render(ViewerState, Camera, int, int, String)} does, without
     * reading it back, and waits for the GPU (glFinish): the frame time of the live window. The frame
     * composer is kept between calls for the same state (textures stay uploaded). For benchmarks.
     */
    public void drawWindow(ViewerState state, Camera camera, int w, int h) {
        state.scene.uploadAll();
        target.ensure(w, h);
        if (windowFrame == null || windowState != state) {
            if (windowFrame != null) {
                windowFrame.delete();
            }
            windowFrame = new ViewerFrame(renderer, state, font.orElse(null), false);
            windowState = state;
        }
        windowFrame.render(camera, target.fbo(), w, h);
        org.lwjgl.opengl.GL11C.glFinish();
    }

    /**
     * Renders one frame without reading it back and waits for the GPU to finish (glFinish): the
     * frame time a window would see, without the swap. For benchmarks.
     */
    public void draw(Scene scene, Camera camera, StereoMode mode, int w, int h, OverlayPainter painter) {
        scene.uploadAll();
        target.ensure(w, h);
        renderer.render(scene.objects(), camera, effectiveMode(mode), target.fbo(), w, h, painter);
        org.lwjgl.opengl.GL11C.glFinish();
    }

    /** A camera framing the scene from a preset view. */
    public static Camera frame(Scene scene, ViewPreset preset) {
        Camera c = new Camera().preset(preset);
        Vector3f min = new Vector3f();
        Vector3f max = new Vector3f();
        if (scene.bounds(min, max)) {
            c.fit(min, max);
        }
        return c;
    }

    /**
     * Convenience: renders {@code meshes} (LPS mm) from a preset view into a PNG (atomic write), with
     * the orientation marker and the organ legend.
     *
     * @throws IllegalStateException when no display or OpenGL 3.3 core context is available
     */
    public static void renderPng(List<NamedMesh> meshes, ViewPreset preset, StereoMode mode, int w, int h, Path png)
            throws IOException {
        renderPng(meshes, preset, mode, w, h, png, Map.of());
    }

    /**
     * As {@link #renderPng(List, ViewPreset, StereoMode, int, int, Path)}, with opacities by organ name
     * (case-insensitive, 0.05..1), e.g. {@code Map.of("liver", 0.4f)} to show a lesion inside.
     */
    public static void renderPng(List<NamedMesh> meshes, ViewPreset preset, StereoMode mode, int w, int h, Path png,
            Map<String, Float> opacity) throws IOException {
        Scene scene = Scene.ofMeshes(meshes);
        for (SceneObject o : scene.objects()) {
            for (Map.Entry<String, Float> e : opacity.entrySet()) {
                if (o.name().equalsIgnoreCase(e.getKey())) {
                    o.setOpacity(e.getValue());
                }
            }
        }
        try (OffscreenRenderer r = new OffscreenRenderer()) {
            Camera cam = frame(scene, preset);
            Hud hud = new Hud(new ViewerState(scene), r.font().orElse(null), false);
            BufferedImage img = r.render(scene, cam, mode, w, h, hud);
            scene.deleteGpu();
            Screenshots.writePng(img, png);
        }
    }

    @Override
    public void close() {
        if (windowFrame != null) {
            windowFrame.delete();
        }
        font.ifPresent(FontAtlas::delete);
        target.delete();
        renderer.delete();
        context.close();
    }
}
