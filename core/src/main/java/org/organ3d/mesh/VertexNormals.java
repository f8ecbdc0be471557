package org.organ3d.mesh;

/**
 * Per-vertex unit normals as the area-weighted mean of the incident triangle normals (the sum of
 * the unnormalised cross products, so a triangle counts with twice its area). Input positions in
 * LPS mm, counter-clockwise seen from outside; the normals point outward. Stateless, thread-safe;
 * sequential, so the result is the same on every run.
 */
public final class VertexNormals {

    private VertexNormals() {
    }

    /**
     * Area-weighted unit vertex normals.
     *
     * @param positions x, y, z per vertex (not modified)
     * @param indices   three vertex indices per triangle
     * @return a new array, one unit normal per vertex; a vertex used by no triangle, or whose
     *         triangles cancel or have no area, gets (0, 0, 1)
     */
    public static float[] areaWeighted(float[] positions, int[] indices) {
        double[] acc = new double[positions.length];
        for (int t = 0; t < indices.length; t += 3) {
            int a = 3 * indices[t];
            int b = 3 * indices[t + 1];
            int c = 3 * indices[t + 2];
            double ux = positions[b] - positions[a];
            double uy = positions[b + 1] - positions[a + 1];
            double uz = positions[b + 2] - positions[a + 2];
            double vx = positions[c] - positions[a];
            double vy = positions[c + 1] - positions[a + 1];
            double vz = positions[c + 2] - positions[a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            add(acc, a, nx, ny, nz);
            add(acc, b, nx, ny, nz);
            add(acc, c, nx, ny, nz);
        }
        float[] out = new float[positions.length];
        for (int i = 0; i < out.length; i += 3) {
            double len = Math.sqrt(acc[i] * acc[i] + acc[i + 1] * acc[i + 1] + acc[i + 2] * acc[i + 2]);
            if (len > 0 && Double.isFinite(len)) {
                out[i] = (float) (acc[i] / len);
                out[i + 1] = (float) (acc[i + 1] / len);
                out[i + 2] = (float) (acc[i + 2] / len);
            } else {
                out[i + 2] = 1f;
            }
        }
        return out;
    }

    private static void add(double[] acc, int k, double nx, double ny, double nz) {
        acc[k] += nx;
        acc[k + 1] += ny;
        acc[k + 2] += nz;
    }

    /** A new mesh with the positions and triangles of {@code mesh} (copied) and area-weighted normals. */
    public static Mesh recompute(Mesh mesh) {
        float[] p = mesh.positionsCopy();
        int[] idx = mesh.indicesCopy();
        return Mesh.adopt(p, areaWeighted(p, idx), idx, mesh.isCapped());
    }
}
