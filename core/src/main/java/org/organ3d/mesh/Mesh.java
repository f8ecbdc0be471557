package org.organ3d.mesh;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Objects;
import org.joml.Vector3f;

/**
 * An indexed triangle mesh in patient coordinates (LPS, millimetres): shared vertices, three vertex
 * indices per triangle, counter-clockwise seen from outside (outward normals by the right-hand
 * rule), optional per-vertex unit normals.
 *
 * <p>Storage: {@code float[] positions} (x, y, z per vertex), {@code float[] normals} (same layout,
 * or none) and {@code int[] indices} (a, b, c per triangle). Immutable from the outside: only
 * read-only buffer views and copies leave the class; {@link #adopt} takes ownership of arrays that
 * an extractor filled. Thread-safe.
 */
public final class Mesh {

    private static final Mesh EMPTY = new Mesh(new float[0], null, new int[0], false);

    private final float[] positions;
    private final float[] normals;
    private final int[] indices;
    private final boolean capped;

    private Mesh(float[] positions, float[] normals, int[] indices, boolean capped) {
        this.positions = positions;
        this.normals = normals;
        this.indices = indices;
        this.capped = capped;
    }

    /**
     * A mesh over the given arrays, which the mesh now owns: the caller must not change them later.
     *
     * @param positions x, y, z per vertex in LPS mm (length a multiple of 3)
     * @param normals   unit normal per vertex (same length as positions) or null
     * @param indices   three vertex indices per triangle (length a multiple of 3), each in range
     * @param capped    true if the surface was closed at the volume border by the extractor
     */
    public static Mesh adopt(float[] positions, float[] normals, int[] indices, boolean capped) {
        Objects.requireNonNull(positions);
        Objects.requireNonNull(indices);
        if (positions.length % 3 != 0 || indices.length % 3 != 0) {
            throw new IllegalArgumentException("positions and indices must hold whole vertices and triangles");
        }
        if (normals != null && normals.length != positions.length) {
            throw new IllegalArgumentException("normals length " + normals.length + " != positions " + positions.length);
        }
        int nv = positions.length / 3;
        for (int idx : indices) {
            if (idx < 0 || idx >= nv) {
                throw new IllegalArgumentException("triangle index " + idx + " outside 0.." + (nv - 1));
            }
        }
        return new Mesh(positions, normals, indices, capped);
    }

    /**
     * A mesh over arrays filled by one of this package's extractors, whose indices are in range by
     * construction (their tests pin every index): {@link #adopt}'s pass over all indices is skipped,
     * which saves one sweep over tens of megabytes per extraction.
     */
    static Mesh adoptTrusted(float[] positions, float[] normals, int[] indices, boolean capped) {
        return new Mesh(positions, normals, indices, capped);
    }

    /** As {@link #adopt(float[], float[], int[], boolean)} with {@code capped = false}. */
    public static Mesh adopt(float[] positions, float[] normals, int[] indices) {
        return adopt(positions, normals, indices, false);
    }

    /** This mesh without vertex normals (the same arrays otherwise; this mesh when it has none). */
    public Mesh withoutNormals() {
        return normals == null ? this : new Mesh(positions, null, indices, capped);
    }

    /** The positions array itself, for this package's read-only passes (never written, never handed out). */
    float[] positionArray() {
        return positions;
    }

    /** The indices array itself, for this package's read-only passes (never written, never handed out). */
    int[] indexArray() {
        return indices;
    }

    /** The empty mesh. */
    public static Mesh empty() {
        return EMPTY;
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return indices.length / 3;
    }

    public boolean isEmpty() {
        return indices.length == 0;
    }

    public boolean hasNormals() {
        return normals != null;
    }

    /** True if the extractor closed the surface where the volume border cut it. */
    public boolean isCapped() {
        return capped;
    }

    /** Position of vertex v (LPS mm) into {@code dest}. */
    public Vector3f vertex(int v, Vector3f dest) {
        return dest.set(positions[3 * v], positions[3 * v + 1], positions[3 * v + 2]);
    }

    /** Normal of vertex v into {@code dest} (zero if the mesh has no normals). */
    public Vector3f normal(int v, Vector3f dest) {
        return normals == null ? dest.zero() : dest.set(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2]);
    }

    /** Vertex index {@code corner} (0..2) of triangle t. */
    public int index(int t, int corner) {
        return indices[3 * t + corner];
    }

    /**
     * The corner positions of triangles [t0, t1) into {@code dest} from {@code off}: nine floats per
     * triangle (x, y, z of its first, second and third vertex), for writers and renderers that need
     * unshared corners (STL) without copying the whole mesh.
     *
     * @throws IndexOutOfBoundsException when the range or {@code dest} is too small
     */
    public void triangleCorners(int t0, int t1, float[] dest, int off) {
        java.util.Objects.checkFromToIndex(t0, t1, triangleCount());
        java.util.Objects.checkFromIndexSize(off, 9 * (t1 - t0), dest.length);
        int o = off;
        for (int x = 3 * t0, end = 3 * t1; x < end; x++) {
            int v = 3 * indices[x];
            dest[o] = positions[v];
            dest[o + 1] = positions[v + 1];
            dest[o + 2] = positions[v + 2];
            o += 3;
        }
    }

    /** Read-only view of the positions (x, y, z per vertex). */
    public FloatBuffer positions() {
        return FloatBuffer.wrap(positions).asReadOnlyBuffer();
    }

    /** Read-only view of the normals, or null. */
    public FloatBuffer normals() {
        return normals == null ? null : FloatBuffer.wrap(normals).asReadOnlyBuffer();
    }

    /** Read-only view of the triangle indices. */
    public IntBuffer indices() {
        return IntBuffer.wrap(indices).asReadOnlyBuffer();
    }

    /** A copy of the positions. */
    public float[] positionsCopy() {
        return positions.clone();
    }

    /** A copy of the normals, or null. */
    public float[] normalsCopy() {
        return normals == null ? null : normals.clone();
    }

    /** A copy of the indices. */
    public int[] indicesCopy() {
        return indices.clone();
    }

    @Override
    public String toString() {
        return "Mesh[" + vertexCount() + " vertices, " + triangleCount() + " triangles" + (capped ? ", capped" : "") + "]";
    }
}
