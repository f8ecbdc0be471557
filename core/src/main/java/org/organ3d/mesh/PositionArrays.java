package org.organ3d.mesh;

/** Conversions of x, y, z position arrays between float (storage) and double (filters). Stateless. */
final class PositionArrays {

    private PositionArrays() {
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

    /** Mean of the positions (zero for none). */
    static double[] mean(double[] positions) {
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
}
