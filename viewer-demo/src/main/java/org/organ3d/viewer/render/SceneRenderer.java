package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4f;
import org.joml.Vector4f;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.viewer.Camera;
import org.organ3d.viewer.SceneObject;
import org.organ3d.viewer.StereoMode;

/**
 * Draws the organs for one frame in mono or any stereo mode into a viewport of a framebuffer
 * (0 = the window).
 *
 * <p>Pass 1, per eye: opaque organs with depth writes; with a clipping plane each is capped (below).
 * Then the {@link ViewLayer}'s opaque geometry (slice planes) and its volume rendering, which gets
 * a copy of the depth buffer so that rays stop at the surfaces. Pass 2: transparent organs sorted
 * back to front by the eye-space depth of their bounding-box centres, each drawn twice without
 * depth writes, back faces first and then front faces, so that a lesion inside a semi-transparent
 * liver shows through (per-object sorting; interpenetrating transparent organs can still blend in
 * the wrong order). Pass 3: the overlay painter for that eye. Anaglyph and interlaced modes render
 * each eye into an offscreen target and combine them with {@code composite.frag}; side-by-side and
 * top-bottom use two viewports; quad-buffered draws into GL_BACK_LEFT and GL_BACK_RIGHT of a stereo
 * window. With volume rendering every eye is drawn into an offscreen target (its depth can be
 * copied) and then copied into place.
 *
 * <p>Caps: a clipped closed surface would show as a hollow shell. For each clipped organ the
 * stencil buffer counts (by inverting) the organ's kept fragments along each pixel's ray, with
 * depth testing off; the count is odd exactly where the clipping plane passes through the inside
 * of the closed surface, and a quad on the plane is drawn there in the organ's colour, lit with the
 * plane's normal (the classic stencil capping of OpenGL's clipping examples). Open surfaces get
 * meaningless caps where the parity is odd.
 *
 * <p>A frame allocates nothing: matrices, sort arrays and the native buffers are reused (checked by
 * ScreenshotTest with the thread's allocation counter). GL thread only; {@link #delete()} frees
 * every GL object it created.
 */
public final class SceneRenderer {

    private final ShaderProgram meshProgram = new ShaderProgram("mesh.vert", "mesh.frag");
    private final int uView = meshProgram.uniform("uView");
    private final int uProj = meshProgram.uniform("uProj");
    private final int uClip = meshProgram.uniform("uClip");
    private final int uColor = meshProgram.uniform("uColor");
    private final int uHighlight = meshProgram.uniform("uHighlight");
    private final ShaderProgram composite = new ShaderProgram("composite.vert", "composite.frag");
    private final int uMode = composite.uniform("uMode");
    private final int uLeft = composite.uniform("uLeft");
    private final int uRight = composite.uniform("uRight");
    private final int uRowOrigin = composite.uniform("uRowOrigin");
    private final int emptyVao = glGenVertexArrays();
    private final FrameTarget[] eyes = {new FrameTarget(), new FrameTarget()};
    private final FrameTarget depthCopy = new FrameTarget();
    private final OverlayBatch overlay = new OverlayBatch();
    private final CapQuad cap = new CapQuad();
    private final FloatBuffer matrix = MemoryUtil.memAllocFloat(16);
    private final Matrix4f view = new Matrix4f();
    private final Matrix4f proj = new Matrix4f();
    private final Vector4f clip = new Vector4f(0, 0, 0, 1);
    private final Vector4f centre = new Vector4f();
    private final List<SceneObject> sorted = new ArrayList<>();
    private float[] depths = new float[16];
    private final float[] background = {0.07f, 0.08f, 0.10f};
    private boolean clipOn;
    private boolean caps = true;
    private SceneObject selected;
    private boolean swapEyes;
    private ViewLayer layer;

    public OverlayBatch overlay() {
        return overlay;
    }

    /** Clipping plane in LPS: points with n·p + d < 0 are cut away; null disables it. */
    public void setClipPlane(Vector4f plane) {
        clipOn = plane != null;
        if (plane == null) {
            clip.set(0, 0, 0, 1);
        } else {
            clip.set(plane);
        }
    }

    /** Caps clipped surfaces (default on). */
    public void setCaps(boolean on) {
        caps = on;
    }

    public void setSelected(SceneObject o) {
        selected = o;
    }

    /** Slice planes and volume rendering for the following frames, or null for surfaces only. */
    public void setLayer(ViewLayer l) {
        layer = l;
    }

    /** Exchanges the eyes (for interlaced displays whose row order is the other way round, or crossed viewing). */
    public void setSwapEyes(boolean swap) {
        swapEyes = swap;
    }

    public boolean swapEyes() {
        return swapEyes;
    }

    /** As {@link #render(List, Camera, StereoMode, int, int, int, int, int, OverlayPainter)} at (0, 0). */
    public void render(List<SceneObject> objects, Camera camera, StereoMode mode, int fbo, int w, int h,
            OverlayPainter painter) {
        render(objects, camera, mode, fbo, 0, 0, w, h, painter);
    }

    /**
     * Renders one frame into the viewport (x, y, w, h) (GL convention: x, y is the lower-left corner)
     * of framebuffer {@code fbo}. QUAD needs {@code fbo == 0} on a window created with GLFW_STEREO;
     * callers fall back to ANAGLYPH otherwise.
     */
    public void render(List<SceneObject> objects, Camera camera, StereoMode mode, int fbo, int x, int y, int w, int h,
            OverlayPainter painter) {
        int left = swapEyes ? 1 : -1;
        int right = -left;
        boolean offscreen = layer != null && layer.wantsVolume();
        switch (mode) {
            case OFF -> eyeAt(objects, camera, 0, fbo, x, y, w, h, painter, offscreen, 0);
            case SIDE_BY_SIDE -> {
                eyeAt(objects, camera, left, fbo, x, y, w / 2, h, painter, offscreen, 0);
                eyeAt(objects, camera, right, fbo, x + w / 2, y, w - w / 2, h, painter, offscreen, 1);
            }
            case TOP_BOTTOM -> {
                eyeAt(objects, camera, left, fbo, x, y + h - h / 2, w, h / 2, painter, offscreen, 0);
                eyeAt(objects, camera, right, fbo, x, y, w, h - h / 2, painter, offscreen, 1);
            }
            case QUAD -> {
                glBindFramebuffer(GL_FRAMEBUFFER, 0);
                glDrawBuffer(GL_BACK_LEFT);
                eyeAt(objects, camera, left, 0, x, y, w, h, painter, offscreen, 0);
                glBindFramebuffer(GL_FRAMEBUFFER, 0);
                glDrawBuffer(GL_BACK_RIGHT);
                eyeAt(objects, camera, right, 0, x, y, w, h, painter, offscreen, 1);
                glBindFramebuffer(GL_FRAMEBUFFER, 0);
                glDrawBuffer(GL_BACK);
            }
            case ANAGLYPH, INTERLACED -> {
                eyes[0].ensure(w, h);
                eye(objects, camera, left, eyes[0].fbo(), 0, 0, w, h, painter);
                eyes[1].ensure(w, h);
                eye(objects, camera, right, eyes[1].fbo(), 0, 0, w, h, painter);
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                glViewport(x, y, w, h);
                glDisable(GL_SCISSOR_TEST);
                glDisable(GL_DEPTH_TEST);
                glDisable(GL_BLEND);
                glDisable(GL_CULL_FACE);
                composite.use();
                glUniform1i(uMode, mode == StereoMode.ANAGLYPH ? 1 : 2);
                glUniform1i(uRowOrigin, y);
                glUniform1i(uLeft, 0);
                glUniform1i(uRight, 1);
                glActiveTexture(GL_TEXTURE0);
                glBindTexture(GL_TEXTURE_2D, eyes[0].colorTexture());
                glActiveTexture(GL_TEXTURE1);
                glBindTexture(GL_TEXTURE_2D, eyes[1].colorTexture());
                glBindVertexArray(emptyVao);
                glDrawArrays(GL_TRIANGLES, 0, 3);
                glBindVertexArray(0);
                glBindTexture(GL_TEXTURE_2D, 0);
                glActiveTexture(GL_TEXTURE0);
                glBindTexture(GL_TEXTURE_2D, 0);
            }
            default -> throw new IllegalStateException("unhandled stereo mode " + mode);
        }
    }

    /** One eye into (x, y, w, h) of {@code fbo}: directly, or through eye target {@code slot} and a copy. */
    private void eyeAt(List<SceneObject> objects, Camera camera, int eye, int fbo, int x, int y, int w, int h,
            OverlayPainter painter, boolean offscreen, int slot) {
        if (!offscreen) {
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);   // NB: keeps the draw buffer (BACK_LEFT / BACK_RIGHT)
            eye(objects, camera, eye, fbo, x, y, w, h, painter);
            return;
        }
        FrameTarget t = eyes[slot];
        t.ensure(w, h);
        eye(objects, camera, eye, t.fbo(), 0, 0, w, h, painter);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, t.fbo());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
        glDisable(GL_SCISSOR_TEST);
        glBlitFramebuffer(0, 0, w, h, x, y, x + w, y + h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    }

    private void eye(List<SceneObject> objects, Camera camera, int eye, int fbo, int x, int y, int w, int h,
            OverlayPainter painter) {
        glViewport(x, y, w, h);
        glScissor(x, y, w, h);
        glEnable(GL_SCISSOR_TEST);
        glClearColor(background[0], background[1], background[2], 1f);
        glDepthMask(true);
        glStencilMask(0xFF);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        camera.view(eye, view);
        camera.projection(eye, (float) w / h, proj);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
        useMeshProgram();
        glDisable(GL_BLEND);
        glDisable(GL_CULL_FACE);
        sorted.clear();
        for (int i = 0, n = objects.size(); i < n; i++) {
            SceneObject o = objects.get(i);
            if (!o.isVisible() || o.gpu() == null) {
                continue;
            }
            if (o.isTransparent()) {
                sorted.add(o);
            } else {
                drawObject(o);
                if (clipOn && caps) {
                    cap(o, false);
                }
            }
        }
        glDisable(GL_CLIP_DISTANCE0);
        if (layer != null) {
            glDisable(GL_SCISSOR_TEST);
            layer.opaque(view, proj);
            if (layer.wantsVolume()) {
                depthCopy.ensure(x + w, y + h);
                glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
                glBindFramebuffer(GL_DRAW_FRAMEBUFFER, depthCopy.fbo());
                glBlitFramebuffer(x, y, x + w, y + h, x, y, x + w, y + h, GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT,
                        GL_NEAREST);
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                glViewport(x, y, w, h);
                layer.volume(view, proj, depthCopy.depthTexture(), x, y, w, h);
            }
            glScissor(x, y, w, h);
            glEnable(GL_SCISSOR_TEST);
            useMeshProgram();
        }
        drawTransparent();
        glDisable(GL_CLIP_DISTANCE0);
        glDisable(GL_SCISSOR_TEST);
        if (painter != null) {
            overlay.begin(w, h);
            painter.paint(overlay, camera, eye, w, h);
            overlay.flush();
        }
        glDepthMask(true);
        glDisable(GL_BLEND);
    }

    private void useMeshProgram() {
        glEnable(GL_CLIP_DISTANCE0);
        meshProgram.use();
        // NB: one reused native buffer; MemoryStack.mallocFloat would create a FloatBuffer object per call.
        glUniformMatrix4fv(uView, false, view.get(matrix));
        glUniformMatrix4fv(uProj, false, proj.get(matrix));
        glUniform4f(uClip, clip.x, clip.y, clip.z, clip.w);
    }

    /** Stencil capping of {@code o} on the clipping plane (see the class comment); leaves the mesh program bound. */
    private void cap(SceneObject o, boolean transparent) {
        glEnable(GL_STENCIL_TEST);
        glClear(GL_STENCIL_BUFFER_BIT);   // within the eye's scissor box
        glColorMask(false, false, false, false);
        glDepthMask(false);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_CULL_FACE);
        glStencilFunc(GL_ALWAYS, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_INVERT, GL_INVERT);
        o.gpu().draw();
        glColorMask(true, true, true, true);
        glEnable(GL_DEPTH_TEST);
        glDepthMask(!transparent);
        glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP);
        glUniform4f(uClip, 0, 0, 0, 1);   // the cap lies on the plane: never clip it
        cap.draw(clip, o.min(), o.max());
        glUniform4f(uClip, clip.x, clip.y, clip.z, clip.w);
        glDisable(GL_STENCIL_TEST);
        if (transparent) {
            glEnable(GL_CULL_FACE);
        }
    }

    private void drawTransparent() {
        int n = sorted.size();
        if (n == 0) {
            return;
        }
        if (depths.length < n) {
            depths = new float[Math.max(n, depths.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            SceneObject o = sorted.get(i);
            centre.set((o.min().x + o.max().x) * 0.5f, (o.min().y + o.max().y) * 0.5f, (o.min().z + o.max().z) * 0.5f, 1f)
                    .mul(view);
            depths[i] = centre.z;   // more negative = farther
        }
        for (int i = 1; i < n; i++) {   // insertion sort, farthest first (few objects)
            float d = depths[i];
            SceneObject o = sorted.get(i);
            int j = i - 1;
            while (j >= 0 && depths[j] > d) {
                depths[j + 1] = depths[j];
                sorted.set(j + 1, sorted.get(j));
                j--;
            }
            depths[j + 1] = d;
            sorted.set(j + 1, o);
        }
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(false);
        glEnable(GL_CULL_FACE);
        for (int i = 0; i < n; i++) {
            SceneObject o = sorted.get(i);
            glCullFace(GL_FRONT);
            drawObject(o);
            if (clipOn && caps) {
                cap(o, true);
                glDepthMask(false);
            }
            glCullFace(GL_BACK);
            drawObject(o);
        }
        glDisable(GL_CULL_FACE);
        glDepthMask(true);
    }

    private void drawObject(SceneObject o) {
        float[] c = o.rgba();
        glUniform4f(uColor, c[0], c[1], c[2], c[3]);
        glUniform1f(uHighlight, o == selected ? 1f : 0f);
        o.gpu().draw();
    }

    public void delete() {
        meshProgram.delete();
        composite.delete();
        glDeleteVertexArrays(emptyVao);
        eyes[0].delete();
        eyes[1].delete();
        depthCopy.delete();
        overlay.delete();
        cap.delete();
        MemoryUtil.memFree(matrix);
    }
}
