package org.organ3d.viewer.raycast;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.FloatBuffer;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.joml.Vector4f;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.viewer.render.ShaderProgram;
import org.organ3d.viewer.slice.ImageTexture;

/**
 * GPU ray casting of the image in the 3D view ({@code raycast.vert}, {@code raycast.frag}),
 * combined with the surfaces: drawn after the opaque surfaces, each ray stops at their depth (a copy
 * of the depth buffer, {@code depthTexture}) and the result is blended over them; transparent
 * surfaces are drawn afterwards over the volume (without depth sorting between the two: a
 * transparent organ in front of bright bone shows the bone through it, one behind it is still
 * drawn on top, faintly). The image is sampled trilinearly through a sampler object (the texture
 * itself stays nearest for the slice views); the transfer function is a 1024 × 1 float texture
 * over its control range. The step is half the smallest voxel spacing.
 *
 * <p>Allocation-free per frame. GL thread only; {@link #delete()} frees the program, sampler,
 * texture and vertex array.
 */
public final class VolumeRaycaster {

    private static final int TF_SIZE = 1024;
    private final ShaderProgram program = new ShaderProgram("raycast.vert", "raycast.frag");
    private final int uTexToLps = program.uniform("uTexToLps");
    private final int uViewProj = program.uniform("uViewProj");
    private final int uEye = program.uniform("uEye");
    private final int uLpsToTex = program.uniform("uLpsToTex");
    private final int uInvViewProj = program.uniform("uInvViewProj");
    private final int uImage = program.uniform("uImage");
    private final int uValue = program.uniform("uValue");
    private final int uTf = program.uniform("uTf");
    private final int uTfRange = program.uniform("uTfRange");
    private final int uDepth = program.uniform("uDepth");
    private final int uViewport = program.uniform("uViewport");
    private final int uStep = program.uniform("uStep");
    private final int uClip = program.uniform("uClip");
    private final int uShaded = program.uniform("uShaded");
    private final int vao = glGenVertexArrays();
    private final int sampler = glGenSamplers();
    private final int tfTexture = glGenTextures();
    private final FloatBuffer matrix = MemoryUtil.memAllocFloat(16);
    private final Matrix4f texToLps = new Matrix4f();
    private final Matrix4f viewProj = new Matrix4f();
    private final Matrix4f inverse = new Matrix4f();
    private final Vector3f eye = new Vector3f();
    private TransferFunction uploaded;
    private float tfLow;
    private float tfSpan = 1;

    public VolumeRaycaster() {
        glSamplerParameteri(sampler, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glSamplerParameteri(sampler, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glSamplerParameteri(sampler, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glSamplerParameteri(sampler, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glSamplerParameteri(sampler, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, tfTexture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, TF_SIZE, 1, 0, GL_RGBA, GL_FLOAT, 0L);
        glBindTexture(GL_TEXTURE_2D, 0);
    }

    private void upload(TransferFunction tf) {
        if (tf == uploaded) {
            return;
        }
        double span = tf.high() - tf.low();
        double lo = tf.low() - 0.02 * span;
        double hi = tf.high() + 0.02 * span;
        FloatBuffer data = MemoryUtil.memAllocFloat(TF_SIZE * 4);
        try {
            float[] px = new float[4];
            for (int i = 0; i < TF_SIZE; i++) {
                tf.at(lo + (hi - lo) * (i + 0.5) / TF_SIZE, px);
                data.put(px);
            }
            data.flip();
            glBindTexture(GL_TEXTURE_2D, tfTexture);
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, TF_SIZE, 1, GL_RGBA, GL_FLOAT, data);
            glBindTexture(GL_TEXTURE_2D, 0);
        } finally {
            MemoryUtil.memFree(data);
        }
        tfLow = (float) lo;
        tfSpan = (float) (hi - lo);
        uploaded = tf;
    }

    /**
     * Casts rays into the current framebuffer's viewport (x, y, w, h), after the opaque surfaces.
     *
     * @param view         world-to-eye matrix of this eye
     * @param proj         its projection
     * @param depthTexture a copy of the depth buffer of this framebuffer (same pixel positions)
     * @param clip         the clipping plane (keep n·p + d >= 0), or null
     * @param stepMm       ray step, mm
     */
    public void draw(ImageTexture image, TransferFunction tf, Matrix4f view, Matrix4f proj, int depthTexture,
            int x, int y, int w, int h, Vector4f clip, float stepMm) {
        upload(tf);
        program.use();
        proj.mul(view, viewProj);
        viewProj.invert(inverse);
        view.invert(texToLps).getTranslation(eye);   // camera position: the inverse view's translation
        image.lpsToTexture().invert(texToLps);
        glUniformMatrix4fv(uTexToLps, false, texToLps.get(matrix));
        glUniformMatrix4fv(uViewProj, false, viewProj.get(matrix));
        glUniformMatrix4fv(uInvViewProj, false, inverse.get(matrix));
        glUniformMatrix4fv(uLpsToTex, false, image.lpsToTexture().get(matrix));
        glUniform3f(uEye, eye.x, eye.y, eye.z);
        glUniform2f(uValue, image.valueScale(), image.valueOffset());
        glUniform2f(uTfRange, tfLow, 1f / tfSpan);
        glUniform4f(uViewport, x, y, w, h);
        glUniform1f(uStep, stepMm);
        glUniform1i(uShaded, tf.shaded() ? 1 : 0);
        if (clip != null) {
            glUniform4f(uClip, clip.x, clip.y, clip.z, clip.w);
        } else {
            glUniform4f(uClip, 0, 0, 0, 1);
        }
        glUniform1i(uImage, 0);
        glUniform1i(uTf, 1);
        glUniform1i(uDepth, 2);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_3D, image.texture());
        glBindSampler(0, sampler);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, tfTexture);
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_2D, depthTexture);
        glDisable(GL_DEPTH_TEST);
        glDepthMask(false);
        glEnable(GL_CULL_FACE);
        // NB: the box is wound outward in texture space; a mirroring texture-to-LPS map flips it
        glFrontFace(texToLps.determinant3x3() < 0 ? GL_CW : GL_CCW);
        glCullFace(GL_FRONT);
        glEnable(GL_BLEND);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLES, 0, 36);
        glBindVertexArray(0);
        glFrontFace(GL_CCW);
        glDisable(GL_CULL_FACE);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(true);
        glEnable(GL_DEPTH_TEST);
        glBindSampler(0, 0);
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_2D, 0);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_3D, 0);
    }

    public void delete() {
        program.delete();
        glDeleteVertexArrays(vao);
        glDeleteSamplers(sampler);
        glDeleteTextures(tfTexture);
        MemoryUtil.memFree(matrix);
    }
}
