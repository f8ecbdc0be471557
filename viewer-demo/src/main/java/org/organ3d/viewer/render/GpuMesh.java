package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.VertexNormals;

/**
 * One mesh in GPU buffers: a VAO with positions (location 0) and normals (location 1), LPS mm, and
 * 32-bit indices. Normals are computed (area-weighted) when the mesh has none. Owns its GL objects:
 * create and {@link #delete()} on the GL thread.
 */
public final class GpuMesh {

    private final int vao;
    private final int positions;
    private final int normals;
    private final int indices;
    private final int indexCount;

    public GpuMesh(Mesh mesh) {
        this(mesh, null);
    }

    /**
     * @param precomputed unit normal per vertex to use when the mesh has none (computed elsewhere, e.g.
     *                    on a loader thread), or null to compute them here
     */
    public GpuMesh(Mesh mesh, float[] precomputed) {
        vao = glGenVertexArrays();
        glBindVertexArray(vao);
        positions = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, positions);
        upload(GL_ARRAY_BUFFER, mesh.positions());
        glVertexAttribPointer(0, 3, GL_FLOAT, false, 0, 0L);
        glEnableVertexAttribArray(0);
        normals = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, normals);
        upload(GL_ARRAY_BUFFER, mesh.hasNormals() ? mesh.normals() : FloatBuffer.wrap(precomputed != null ? precomputed
                : VertexNormals.areaWeighted(mesh.positionsCopy(), mesh.indicesCopy())));
        glVertexAttribPointer(1, 3, GL_FLOAT, false, 0, 0L);
        glEnableVertexAttribArray(1);
        indices = glGenBuffers();
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices);
        IntBuffer src = mesh.indices();
        IntBuffer ib = MemoryUtil.memAllocInt(src.remaining());
        try {
            ib.put(src.duplicate()).flip();
            glBufferData(GL_ELEMENT_ARRAY_BUFFER, ib, GL_STATIC_DRAW);
        } finally {
            MemoryUtil.memFree(ib);
        }
        indexCount = mesh.triangleCount() * 3;
        glBindVertexArray(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
    }

    // NB: the mesh's buffers are heap views; LWJGL needs native memory, so copy through a temporary.
    private static void upload(int target, FloatBuffer src) {
        FloatBuffer fb = MemoryUtil.memAllocFloat(src.remaining());
        try {
            fb.put(src.duplicate()).flip();
            glBufferData(target, fb, GL_STATIC_DRAW);
        } finally {
            MemoryUtil.memFree(fb);
        }
    }

    public void draw() {
        glBindVertexArray(vao);
        glDrawElements(GL_TRIANGLES, indexCount, GL_UNSIGNED_INT, 0L);
    }

    public void delete() {
        glDeleteVertexArrays(vao);
        glDeleteBuffers(positions);
        glDeleteBuffers(normals);
        glDeleteBuffers(indices);
    }
}
