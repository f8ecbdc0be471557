package org.organ3d.mesh;

/**
 * Symmetric 4×4 error quadrics of Garland–Heckbert, stored as the 10 upper-triangle entries
 * {@code a11 a12 a13 a14 a22 a23 a24 a33 a34 a44} at an offset in a double array. For the plane
 * {@code n·x + d = 0} with unit n the quadric is {@code [n d]ᵀ[n d]}, and {@code Q(p) = pᵀAp + 2bᵀp
 * + c} is the squared distance of p to the plane; sums of plane quadrics give sums of squared
 * distances. Stateless.
 */
final class Quadrics {

    static final int SIZE = 10;

    private Quadrics() {
    }

    /** Adds the plane quadric of {@code (nx, ny, nz, d)} into {@code q} at {@code o}. */
    static void addPlane(double[] q, int o, double nx, double ny, double nz, double d) {
        q[o] += nx * nx;
        q[o + 1] += nx * ny;
        q[o + 2] += nx * nz;
        q[o + 3] += nx * d;
        q[o + 4] += ny * ny;
        q[o + 5] += ny * nz;
        q[o + 6] += ny * d;
        q[o + 7] += nz * nz;
        q[o + 8] += nz * d;
        q[o + 9] += d * d;
    }

    /** {@code q[o..] += r[p..]}. */
    static void add(double[] q, int o, double[] r, int p) {
        for (int i = 0; i < SIZE; i++) {
            q[o + i] += r[p + i];
        }
    }

    /** Q(x, y, z) for the quadric given as 10 entries in {@code s}. */
    static double evaluate(double[] s, double x, double y, double z) {
        return x * (s[0] * x + 2 * (s[1] * y + s[2] * z + s[3])) + y * (s[4] * y + 2 * (s[5] * z + s[6]))
                + z * (s[7] * z + 2 * s[8]) + s[9];
    }

    /**
     * The minimiser of Q into {@code dest} if A is well conditioned, by Cramer's rule.
     *
     * @return false when |det A| is below 1e−10 of the product of its row norms (nearly singular:
     *         all planes nearly parallel or sharing a line), leaving dest unchanged
     */
    static boolean minimiser(double[] s, double[] dest) {
        double a = s[0];
        double b = s[1];
        double c = s[2];
        double e = s[4];
        double f = s[5];
        double h = s[7];
        double c00 = e * h - f * f;
        double c01 = c * f - b * h;
        double c02 = b * f - c * e;
        double det = a * c00 + b * c01 + c * c02;
        double r0 = Math.sqrt(a * a + b * b + c * c);
        double r1 = Math.sqrt(b * b + e * e + f * f);
        double r2 = Math.sqrt(c * c + f * f + h * h);
        if (!(Math.abs(det) > 1e-10 * r0 * r1 * r2)) {
            return false;
        }
        double c11 = a * h - c * c;
        double c12 = b * c - a * f;
        double c22 = a * e - b * b;
        double bx = -s[3];
        double by = -s[6];
        double bz = -s[8];
        dest[0] = (c00 * bx + c01 * by + c02 * bz) / det;
        dest[1] = (c01 * bx + c11 * by + c12 * bz) / det;
        dest[2] = (c02 * bx + c12 * by + c22 * bz) / det;
        return true;
    }

    /**
     * The minimiser of Q on the segment p0–p1 (Q restricted to a line is a quadratic in the
     * parameter) into {@code dest}; endpoints and midpoint are special cases of it.
     */
    static void segmentMinimiser(double[] s, double[] p0, double[] p1, double[] dest) {
        double dx = p1[0] - p0[0];
        double dy = p1[1] - p0[1];
        double dz = p1[2] - p0[2];
        // Q(p0 + t d) = α t² + 2β t + Q(p0); α = dᵀAd, β = dᵀ(A p0 + b)
        double adx = s[0] * dx + s[1] * dy + s[2] * dz;
        double ady = s[1] * dx + s[4] * dy + s[5] * dz;
        double adz = s[2] * dx + s[5] * dy + s[7] * dz;
        double alpha = dx * adx + dy * ady + dz * adz;
        double gx = s[0] * p0[0] + s[1] * p0[1] + s[2] * p0[2] + s[3];
        double gy = s[1] * p0[0] + s[4] * p0[1] + s[5] * p0[2] + s[6];
        double gz = s[2] * p0[0] + s[5] * p0[1] + s[7] * p0[2] + s[8];
        double beta = dx * gx + dy * gy + dz * gz;
        double t = alpha > 0 ? -beta / alpha : 0.5;
        t = Math.max(0, Math.min(1, t));
        dest[0] = p0[0] + t * dx;
        dest[1] = p0[1] + t * dy;
        dest[2] = p0[2] + t * dz;
    }
}
