package org.organ3d.mesh;

/**
 * Enclosed volume, area and volume centroid of a triangle soup by the divergence theorem,
 * accumulated in double. Positions in LPS mm; volume in mm³ (positive for outward winding), area in
 * mm². Sequential and deterministic; stateless, thread-safe.
 *
 * <p>NB: the signed tetrahedra are taken about the first vertex rather than the origin so that a
 * mesh far from the origin does not lose digits to cancellation; for a closed surface the result
 * does not depend on that point. For an open surface the "volume" is not defined and the number
 * depends on it.
 */
final class MeshIntegrals {

    private MeshIntegrals() {
    }

    /** Signed enclosed volume (mm³) of the triangles {@code indices} over {@code positions}. */
    static double signedVolume(double[] positions, int[] indices) {
        if (indices.length == 0) {
            return 0;
        }
        double ox = positions[3 * indices[0]];
        double oy = positions[3 * indices[0] + 1];
        double oz = positions[3 * indices[0] + 2];
        double six = 0;
        for (int t = 0; t < indices.length; t += 3) {
            int a = 3 * indices[t];
            int b = 3 * indices[t + 1];
            int c = 3 * indices[t + 2];
            double ax = positions[a] - ox;
            double ay = positions[a + 1] - oy;
            double az = positions[a + 2] - oz;
            double bx = positions[b] - ox;
            double by = positions[b + 1] - oy;
            double bz = positions[b + 2] - oz;
            double cx = positions[c] - ox;
            double cy = positions[c + 1] - oy;
            double cz = positions[c + 2] - oz;
            six += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
        }
        return six / 6.0;
    }

    /** Signed enclosed volume (mm³) of a mesh. */
    static double signedVolume(Mesh mesh) {
        return signedVolume(toDouble(mesh.positionsCopy()), mesh.indicesCopy());
    }

    /**
     * Volume centroid (LPS mm) of the closed surface: the volume-weighted mean of the signed
     * tetrahedra centroids. Falls back to the vertex mean when the volume is zero.
     */
    static double[] volumeCentroid(double[] positions, int[] indices) {
        double[] mean = vertexMean(positions);
        double vol = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int t = 0; t < indices.length; t += 3) {
            int a = 3 * indices[t];
            int b = 3 * indices[t + 1];
            int c = 3 * indices[t + 2];
            double ax = positions[a] - mean[0];
            double ay = positions[a + 1] - mean[1];
            double az = positions[a + 2] - mean[2];
            double bx = positions[b] - mean[0];
            double by = positions[b + 1] - mean[1];
            double bz = positions[b + 2] - mean[2];
            double cx = positions[c] - mean[0];
            double cy = positions[c + 1] - mean[1];
            double cz = positions[c + 2] - mean[2];
            double v = ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
            vol += v;
            sx += v * (ax + bx + cx);
            sy += v * (ay + by + cy);
            sz += v * (az + bz + cz);
        }
        if (vol == 0) {
            return mean;
        }
        return new double[] {mean[0] + sx / (4 * vol), mean[1] + sy / (4 * vol), mean[2] + sz / (4 * vol)};
    }

    /** Total triangle area (mm²). */
    static double area(double[] positions, int[] indices) {
        double sum = 0;
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
            sum += Math.sqrt(nx * nx + ny * ny + nz * nz);
        }
        return sum / 2;
    }

    static double[] vertexMean(double[] positions) {
        int n = positions.length / 3;
        double[] m = new double[3];
        if (n == 0) {
            return m;
        }
        for (int i = 0; i < positions.length; i += 3) {
            m[0] += positions[i];
            m[1] += positions[i + 1];
            m[2] += positions[i + 2];
        }
        m[0] /= n;
        m[1] /= n;
        m[2] /= n;
        return m;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
