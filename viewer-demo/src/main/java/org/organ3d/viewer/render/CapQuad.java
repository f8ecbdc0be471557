package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

import java.nio.FloatBuffer;
import org.joml.Vector3f;
import org.joml.Vector4f;
import org.lwjgl.system.MemoryUtil;

/**
 * A square on the clipping plane covering an organ's bounding box, for capping (positions at
 * location 0 and the plane's normal at location 1, as the mesh shader expects). Rewritten for each
 * cap from a reused native buffer. GL thread only; {@link #delete()} frees the buffers.
 */
final class CapQuad {

    private final int vao = glGenVertexArrays();
    private final int vbo = glGenBuffers();
    private final FloatBuffer data = MemoryUtil.memAllocFloat(4 * 6);
    private final Vector3f n = new Vector3f();
    private final Vector3f u = new Vector3f();
    private final Vector3f v = new Vector3f();
    private final Vector3f c = new Vector3f();

    CapQuad() {
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferData(GL_ARRAY_BUFFER, (long) data.capacity() * Float.BYTES, GL_STREAM_DRAW);
        glVertexAttribPointer(0, 3, GL_FLOAT, false, 6 * Float.BYTES, 0L);
        glVertexAttribPointer(1, 3, GL_FLOAT, false, 6 * Float.BYTES, 3L * Float.BYTES);
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);
        glBindVertexArray(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
    }

    /** Draws the square on plane (n, d) (n·p + d = 0) around the box [min, max]. */
    void draw(Vector4f plane, Vector3f min, Vector3f max) {
        n.set(plane.x, plane.y, plane.z);
        float len = n.length();
        if (len < 1e-12f) {
            return;
        }
        n.div(len);
        float d = plane.w / len;
        min.add(max, c).mul(0.5f);
        c.fma(-(n.dot(c) + d), n);   // the box centre projected onto the plane
        float half = min.distance(max) * 0.5f + 1f;
        if (Math.abs(n.x) < 0.9f) {
            u.set(1, 0, 0);
        } else {
            u.set(0, 1, 0);
        }
        u.fma(-u.dot(n), n).normalize();
        u.cross(n, v);   // NB: (u, v) wind the quad so that its front faces the cut-away side
        data.clear();
        corner(-half, -half);
        corner(half, -half);
        corner(-half, half);
        corner(half, half);
        data.flip();
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferSubData(GL_ARRAY_BUFFER, 0L, data);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        glBindVertexArray(0);
    }

    private void corner(float a, float b) {
        data.put(c.x + a * u.x + b * v.x).put(c.y + a * u.y + b * v.y).put(c.z + a * u.z + b * v.z);
        // NB: the normal points to the cut-away side, towards a viewer who looks into the cut
        data.put(-n.x).put(-n.y).put(-n.z);
    }

    void delete() {
        glDeleteVertexArrays(vao);
        glDeleteBuffers(vbo);
        MemoryUtil.memFree(data);
    }
}
