package org.organ3d.mesh.io;

import java.nio.IntBuffer;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.VertexNormals;

/**
 * A mesh's arrays in the export frame: positions and unit normals (the mesh's own, or area-weighted
 * ones when it has none) mapped from LPS to the chosen {@link CoordinateSystem}. Owns its position
 * and normal arrays; the indices are the mesh's own, as a read-only view (a copy of a dense CT's
 * indices is tens of MB, and the writers only read them).
 */
record FramedMesh(NamedMesh source, float[] positions, float[] normals, IntBuffer indices) {

    static FramedMesh of(NamedMesh m, CoordinateSystem frame) {
        Mesh mesh = m.mesh();
        float[] p = mesh.positionsCopy();
        float[] n = mesh.hasNormals() ? mesh.normalsCopy() : VertexNormals.areaWeighted(p, mesh.indicesCopy());
        // NB: p and n are this record's own copies, mapped in place (a second copy of a dense CT's
        // surface is tens of MB at the moment the heap is fullest)
        return new FramedMesh(m, frame.fromLpsInPlace(p), frame.fromLpsInPlace(n), mesh.indices());
    }

    int vertexCount() {
        return positions.length / 3;
    }

    int triangleCount() {
        return indices.limit() / 3;
    }

    /** Unit facet normal of triangle t into dest (zero for a degenerate triangle). */
    void facetNormal(int t, float[] dest) {
        int a = 3 * indices.get(3 * t);
        int b = 3 * indices.get(3 * t + 1);
        int c = 3 * indices.get(3 * t + 2);
        double ux = positions[b] - positions[a];
        double uy = positions[b + 1] - positions[a + 1];
        double uz = positions[b + 2] - positions[a + 2];
        double vx = positions[c] - positions[a];
        double vy = positions[c + 1] - positions[a + 1];
        double vz = positions[c + 2] - positions[a + 2];
        double nx = uy * vz - uz * vy;
        double ny = uz * vx - ux * vz;
        double nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len > 0) {
            dest[0] = (float) (nx / len);
            dest[1] = (float) (ny / len);
            dest[2] = (float) (nz / len);
        } else {
            dest[0] = 0;
            dest[1] = 0;
            dest[2] = 0;
        }
    }
}
