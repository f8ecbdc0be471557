package org.organ3d.mesh.io;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.organ3d.mesh.Mesh;

/**
 * Grows vertex and index arrays while a file is read; welds identical positions (exact float bits)
 * for triangle-soup formats (STL) so that normals can be smoothed across triangles. Single use.
 */
final class MeshBuilder {

    private record Key(int x, int y, int z) {
    }

    private final Map<Key, Integer> weld;
    private float[] pos = new float[3 * 1024];
    private int[] idx = new int[3 * 1024];
    private int vertices;
    private int indices;

    MeshBuilder(boolean weld) {
        this.weld = weld ? new HashMap<>() : null;
    }

    int vertexCount() {
        return vertices;
    }

    /** Adds a vertex (welded with an identical earlier one when welding) and returns its index. */
    int vertex(float x, float y, float z) {
        if (weld != null) {
            Key k = new Key(Float.floatToIntBits(x == 0f ? 0f : x), Float.floatToIntBits(y == 0f ? 0f : y),
                    Float.floatToIntBits(z == 0f ? 0f : z));
            Integer old = weld.get(k);
            if (old != null) {
                return old;
            }
            weld.put(k, vertices);
        }
        if (3 * vertices + 3 > pos.length) {
            pos = Arrays.copyOf(pos, pos.length * 2);
        }
        pos[3 * vertices] = x;
        pos[3 * vertices + 1] = y;
        pos[3 * vertices + 2] = z;
        return vertices++;
    }

    /** Adds a triangle, skipping degenerate ones (repeated vertices, which welding can create). */
    void triangle(int a, int b, int c) {
        if (a == b || b == c || a == c) {
            return;
        }
        if (indices + 3 > idx.length) {
            idx = Arrays.copyOf(idx, idx.length * 2);
        }
        idx[indices++] = a;
        idx[indices++] = b;
        idx[indices++] = c;
    }

    Mesh build() {
        return Mesh.adopt(Arrays.copyOf(pos, 3 * vertices), null, Arrays.copyOf(idx, indices));
    }
}
