package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * Batched 2D overlay drawing (lines, markers, glyphs) in window pixels, top-left origin. Vertices go
 * into one reused native buffer (no allocation per frame) and are drawn with one call per
 * {@link #flush}. Owns a VAO, a VBO and the buffer: use and {@link #delete()} on the GL thread.
 */
public final class OverlayBatch {

    private static final int FLOATS_PER_VERTEX = 8;
    private static final int MAX_VERTICES = 6 * 8192;
    private final FloatBuffer data = MemoryUtil.memAllocFloat(MAX_VERTICES * FLOATS_PER_VERTEX);
    private final ShaderProgram program = new ShaderProgram("overlay.vert", "overlay.frag");
    private final int uViewport = program.uniform("uViewport");
    private final int uFont = program.uniform("uFont");
    private final int vao;
    private final int vbo;
    private int fontTexture;
    private int width = 1;
    private int height = 1;

    public OverlayBatch() {
        vao = glGenVertexArrays();
        vbo = glGenBuffers();
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferData(GL_ARRAY_BUFFER, (long) data.capacity() * Float.BYTES, GL_STREAM_DRAW);
        int stride = FLOATS_PER_VERTEX * Float.BYTES;
        glVertexAttribPointer(0, 2, GL_FLOAT, false, stride, 0L);
        glVertexAttribPointer(1, 2, GL_FLOAT, false, stride, 2L * Float.BYTES);
        glVertexAttribPointer(2, 4, GL_FLOAT, false, stride, 4L * Float.BYTES);
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);
        glEnableVertexAttribArray(2);
        glBindVertexArray(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
    }

    /** The font atlas texture sampled by glyph quads (0 = none). */
    public void setFontTexture(int texture) {
        fontTexture = texture;
    }

    /** Starts a batch for a viewport of w×h pixels. */
    public void begin(int w, int h) {
        width = w;
        height = h;
        data.clear();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A solid axis-aligned rectangle. */
    public void rect(float x0, float y0, float x1, float y1, float r, float g, float b, float a) {
        quad(x0, y0, x1, y0, x1, y1, x0, y1, -1, -1, -1, -1, r, g, b, a);
    }

    /** A textured glyph rectangle with atlas coordinates (s0,t0)-(s1,t1). */
    public void glyph(float x0, float y0, float x1, float y1, float s0, float t0, float s1, float t1, float r, float g,
            float b, float a) {
        quad(x0, y0, x1, y0, x1, y1, x0, y1, s0, t0, s1, t1, r, g, b, a);
    }

    /** A line segment of the given width in pixels. */
    public void line(float x0, float y0, float x1, float y1, float w, float r, float g, float b, float a) {
        float dx = x1 - x0;
        float dy = y1 - y0;
        float len = (float) Math.sqrt(dx * dx + dy * dy);
        if (len < 1e-3f) {
            return;
        }
        float nx = -dy / len * w * 0.5f;
        float ny = dx / len * w * 0.5f;
        quad(x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny, -1, -1, -1, -1, r, g, b, a);
    }

    private void quad(float ax, float ay, float bx, float by, float cx, float cy, float dx, float dy, float s0, float t0,
            float s1, float t1, float r, float g, float b, float a) {
        if (data.remaining() < 6 * FLOATS_PER_VERTEX) {
            flush();
            data.clear();
        }
        vertex(ax, ay, s0, t0, r, g, b, a);
        vertex(bx, by, s1, t0, r, g, b, a);
        vertex(cx, cy, s1, t1, r, g, b, a);
        vertex(ax, ay, s0, t0, r, g, b, a);
        vertex(cx, cy, s1, t1, r, g, b, a);
        vertex(dx, dy, s0, t1, r, g, b, a);
    }

    private void vertex(float x, float y, float s, float t, float r, float g, float b, float a) {
        data.put(x).put(y).put(s).put(t).put(r).put(g).put(b).put(a);
    }

    /** Draws what was added since {@link #begin} into the current viewport (blended, no depth test). */
    public void flush() {
        int floats = data.position();
        if (floats == 0) {
            return;
        }
        data.flip();
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_CULL_FACE);
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        program.use();
        glUniform2f(uViewport, width, height);
        glUniform1i(uFont, 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, fontTexture);
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferSubData(GL_ARRAY_BUFFER, 0L, data);
        glDrawArrays(GL_TRIANGLES, 0, floats / FLOATS_PER_VERTEX);
        glBindVertexArray(0);
        data.clear();
    }

    public void delete() {
        glDeleteVertexArrays(vao);
        glDeleteBuffers(vbo);
        program.delete();
        MemoryUtil.memFree(data);
    }
}
