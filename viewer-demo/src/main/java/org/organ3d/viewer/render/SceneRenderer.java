package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4f;
import org.joml.Vector4f;
import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.viewer.Camera;
import org.organ3d.viewer.SceneObject;
import org.organ3d.viewer.StereoMode;

/**
 * Draws the organs for one frame in mono or any stereo mode into a framebuffer (0 = the window).
 *
 * <p>Pass 1, per eye: opaque organs with depth writes. Pass 2: transparent organs sorted back to front
 * by the eye-space depth of their bounding-box centres, each drawn twice without depth writes, back
 * faces first and then front faces, so that a lesion inside a semi-transparent liver shows through
 * (per-object sorting; interpenetrating transparent organs can still blend in the wrong order).
 * Pass 3: the overlay painter for that eye. Anaglyph and interlaced modes render each eye into an
 * offscreen target and combine them with {@code composite.frag}; side-by-side and top-bottom use two
 * viewports; quad-buffered draws into GL_BACK_LEFT and GL_BACK_RIGHT of a stereo window.
 *
 * <p>A frame allocates nothing: matrices, sort arrays and the native uniform buffer are reused
 * (checked by ScreenshotTest with the thread's allocation counter). GL thread only; {@link #delete()} frees every GL object it created.
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
    private final OverlayBatch overlay = new OverlayBatch();
    private final FloatBuffer matrix = MemoryUtil.memAllocFloat(16);
    private final Matrix4f view = new Matrix4f();
    private final Matrix4f proj = new Matrix4f();
    private final Vector4f clip = new Vector4f(0, 0, 0, 1);
    private final Vector4f centre = new Vector4f();
    private final List<SceneObject> sorted = new ArrayList<>();
    private float[] depths = new float[16];
    private final float[] background = {0.07f, 0.08f, 0.10f};
    private SceneObject selected;
    private boolean swapEyes;

    public OverlayBatch overlay() {
        return overlay;
    }

    /** Clipping plane in LPS: points with n·p + d < 0 are cut away; null disables it. */
    public void setClipPlane(Vector4f plane) {
        if (plane == null) {
            clip.set(0, 0, 0, 1);
        } else {
            clip.set(plane);
        }
    }

    public void setSelected(SceneObject o) {
        selected = o;
    }

    /** Exchanges the eyes (for interlaced displays whose row order is the other way round, or crossed viewing). */
    public void setSwapEyes(boolean swap) {
        swapEyes = swap;
    }

    public boolean swapEyes() {
        return swapEyes;
    }

    /**
     * Renders one frame into framebuffer {@code fbo} of size w×h. QUAD needs {@code fbo == 0} on a
     * window created with GLFW_STEREO; callers fall back to ANAGLYPH otherwise.
     */
    public void render(List<SceneObject> objects, Camera camera, StereoMode mode, int fbo, int w, int h,
            OverlayPainter painter) {
        int left = swapEyes ? 1 : -1;
        int right = -left;
        switch (mode) {
            case OFF -> {
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                eye(objects, camera, 0, 0, 0, w, h, painter);
            }
            case SIDE_BY_SIDE -> {
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                eye(objects, camera, left, 0, 0, w / 2, h, painter);
                eye(objects, camera, right, w / 2, 0, w - w / 2, h, painter);
            }
            case TOP_BOTTOM -> {
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                eye(objects, camera, left, 0, h - h / 2, w, h / 2, painter);
                eye(objects, camera, right, 0, 0, w, h - h / 2, painter);
            }
            case QUAD -> {
                glBindFramebuffer(GL_FRAMEBUFFER, 0);
                glDrawBuffer(GL_BACK_LEFT);
                eye(objects, camera, left, 0, 0, w, h, painter);
                glDrawBuffer(GL_BACK_RIGHT);
                eye(objects, camera, right, 0, 0, w, h, painter);
                glDrawBuffer(GL_BACK);
            }
            case ANAGLYPH, INTERLACED -> {
                eyes[0].ensure(w, h);
                eye(objects, camera, left, 0, 0, w, h, painter);
                eyes[1].ensure(w, h);
                eye(objects, camera, right, 0, 0, w, h, painter);
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                glViewport(0, 0, w, h);
                glDisable(GL_SCISSOR_TEST);
                glDisable(GL_DEPTH_TEST);
                glDisable(GL_BLEND);
                glDisable(GL_CULL_FACE);
                composite.use();
                glUniform1i(uMode, mode == StereoMode.ANAGLYPH ? 1 : 2);
                glUniform1i(uRowOrigin, 0);
                glUniform1i(uLeft, 0);
                glUniform1i(uRight, 1);
                glActiveTexture(GL_TEXTURE0);
                glBindTexture(GL_TEXTURE_2D, eyes[0].colorTexture());
                glActiveTexture(GL_TEXTURE1);
                glBindTexture(GL_TEXTURE_2D, eyes[1].colorTexture());
                glBindVertexArray(emptyVao);
                glDrawArrays(GL_TRIANGLES, 0, 3);
                glBindVertexArray(0);
                glActiveTexture(GL_TEXTURE0);
            }
            default -> throw new IllegalStateException("unhandled stereo mode " + mode);
        }
    }

    private void eye(List<SceneObject> objects, Camera camera, int eye, int x, int y, int w, int h,
            OverlayPainter painter) {
        glViewport(x, y, w, h);
        glScissor(x, y, w, h);
        glEnable(GL_SCISSOR_TEST);
        glClearColor(background[0], background[1], background[2], 1f);
        glDepthMask(true);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
        camera.view(eye, view);
        camera.projection(eye, (float) w / h, proj);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
        glEnable(GL_CLIP_DISTANCE0);
        meshProgram.use();
        // NB: one reused native buffer; MemoryStack.mallocFloat would create a FloatBuffer object per call.
        glUniformMatrix4fv(uView, false, view.get(matrix));
        glUniformMatrix4fv(uProj, false, proj.get(matrix));
        glUniform4f(uClip, clip.x, clip.y, clip.z, clip.w);
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
            }
        }
        drawTransparent();
        glDisable(GL_CLIP_DISTANCE0);
        if (painter != null) {
            overlay.begin(w, h);
            painter.paint(overlay, camera, eye, w, h);
            overlay.flush();
        }
        glDepthMask(true);
        glDisable(GL_BLEND);
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
        overlay.delete();
        MemoryUtil.memFree(matrix);
    }
}
