package org.organ3d.viewer.slice;

import static org.lwjgl.opengl.GL30C.*;

import java.nio.FloatBuffer;
import org.joml.Matrix4f;
import org.joml.Vector3d;
import org.joml.Vector4f;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.viewer.render.ShaderProgram;

/**
 * Draws resliced quads ({@code slice.vert}, {@code slice.frag}): a slice pane's picture, or a slice
 * plane inside the 3D view. The image is shown through a window/level, the label map as fills and
 * outlines in each label's colour. A draw allocates nothing (one reused native matrix buffer). GL
 * thread only; {@link #delete()} frees the program and the vertex array.
 */
public final class SliceRenderer {

    private final ShaderProgram program = new ShaderProgram("slice.vert", "slice.frag");
    private final int uMvp = program.uniform("uMvp");
    private final int uCorner = program.uniform("uCorner");
    private final int uClip = program.uniform("uClip");
    private final int uHasImage = program.uniform("uHasImage");
    private final int uImage = program.uniform("uImage");
    private final int uImageTex = program.uniform("uImageTex");
    private final int uValue = program.uniform("uValue");
    private final int uWindow = program.uniform("uWindow");
    private final int uHasLabels = program.uniform("uHasLabels");
    private final int uLabels = program.uniform("uLabels");
    private final int uLabelTex = program.uniform("uLabelTex");
    private final int uLut = program.uniform("uLut");
    private final int uFill = program.uniform("uFill");
    private final int uOutline = program.uniform("uOutline");
    private final int uStepRight = program.uniform("uStepRight");
    private final int uStepDown = program.uniform("uStepDown");
    private final int uDiscard = program.uniform("uDiscardOutside");
    private final int vao = glGenVertexArrays();
    private final FloatBuffer matrix = MemoryUtil.memAllocFloat(16);
    private final FloatBuffer corners = MemoryUtil.memAllocFloat(12);

    /** What to show and how; set the fields, then {@link #draw}. Reused between draws. */
    public static final class Layers {
        public ImageTexture image;
        public LabelTexture labels;
        public WindowLevel window;
        public float fill;
        public float outline;
    }

    /**
     * Draws the quad with corners {@code quad} (LPS: top-left, top-right, bottom-left, bottom-right)
     * through {@code mvp} into the current viewport.
     *
     * @param stepRight one pixel (pane) or voxel (3D) along the quad's right, LPS mm: outline width
     * @param stepDown  the same along the quad's down direction
     * @param discardOutside true in the 3D view: no fragments outside the data
     * @param clip      clipping plane (keep n·p + d >= 0), or null
     */
    public void draw(Matrix4f mvp, Vector3d[] quad, Layers layers, Vector3d stepRight, Vector3d stepDown,
            boolean discardOutside, Vector4f clip) {
        program.use();
        glUniformMatrix4fv(uMvp, false, mvp.get(matrix));
        corners.clear();
        for (Vector3d q : quad) {
            corners.put((float) q.x).put((float) q.y).put((float) q.z);
        }
        corners.flip();
        glUniform3fv(uCorner, corners);
        if (clip != null) {
            glEnable(GL_CLIP_DISTANCE0);
            glUniform4f(uClip, clip.x, clip.y, clip.z, clip.w);
        } else {
            glDisable(GL_CLIP_DISTANCE0);
            glUniform4f(uClip, 0, 0, 0, 1);
        }
        boolean img = layers.image != null;
        glUniform1i(uHasImage, img ? 1 : 0);
        glUniform1i(uImage, 0);
        glUniform1i(uLabels, 1);
        glUniform1i(uLut, 2);
        if (img) {
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_3D, layers.image.texture());
            glUniformMatrix4fv(uImageTex, false, layers.image.lpsToTexture().get(matrix));
            glUniform2f(uValue, layers.image.valueScale(), layers.image.valueOffset());
            WindowLevel w = layers.window;
            glUniform2f(uWindow, (float) w.low(), (float) w.width());
        }
        boolean lab = layers.labels != null;
        glUniform1i(uHasLabels, lab ? 1 : 0);
        if (lab) {
            layers.labels.flush();
            glActiveTexture(GL_TEXTURE1);
            glBindTexture(GL_TEXTURE_3D, layers.labels.texture());
            glActiveTexture(GL_TEXTURE2);
            glBindTexture(GL_TEXTURE_2D, layers.labels.colourTable());
            glUniformMatrix4fv(uLabelTex, false, layers.labels.lpsToTexture().get(matrix));
            glUniform1f(uFill, layers.fill);
            glUniform1f(uOutline, layers.outline);
            glUniform3f(uStepRight, (float) stepRight.x, (float) stepRight.y, (float) stepRight.z);
            glUniform3f(uStepDown, (float) stepDown.x, (float) stepDown.y, (float) stepDown.z);
        }
        glUniform1i(uDiscard, discardOutside ? 1 : 0);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        glBindVertexArray(0);
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_2D, 0);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_3D, 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_3D, 0);
        glDisable(GL_CLIP_DISTANCE0);
    }

    public void delete() {
        program.delete();
        glDeleteVertexArrays(vao);
        MemoryUtil.memFree(matrix);
        MemoryUtil.memFree(corners);
    }
}
