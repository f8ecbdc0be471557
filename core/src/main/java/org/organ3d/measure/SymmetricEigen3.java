package org.organ3d.measure;

/**
 * Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations (Golub and Van Loan,
 * "Matrix Computations", §8.5). Converges quadratically; accurate to a few ulps of the largest
 * eigenvalue. Eigenvalues are sorted in decreasing order; each eigenvector is a unit vector whose
 * largest-magnitude component is positive, except the third, which is the cross product of the first
 * two (so the three form a right-handed frame). Stateless and thread-safe.
 */
final class SymmetricEigen3 {

    private SymmetricEigen3() {
    }

    /**
     * @param a symmetric matrix, row-major {@code a[r][c]} (not modified)
     * @param values receives the three eigenvalues, largest first
     * @param vectors receives the eigenvectors, {@code vectors[e]} for {@code values[e]}
     */
    static void decompose(double[][] a, double[] values, double[][] vectors) {
        double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < 64; sweep++) {
            double off = m[0][1] * m[0][1] + m[0][2] * m[0][2] + m[1][2] * m[1][2];
            double scale = m[0][0] * m[0][0] + m[1][1] * m[1][1] + m[2][2] * m[2][2];
            if (off <= 1e-30 * scale || off == 0) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < 3; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        for (int e = 0; e < 3; e++) {
            int col = order[e];
            values[e] = m[col][col];
            double[] vec = {v[0][col], v[1][col], v[2][col]};
            double n = Math.sqrt(vec[0] * vec[0] + vec[1] * vec[1] + vec[2] * vec[2]);
            int big = 0;
            for (int k = 1; k < 3; k++) {
                if (Math.abs(vec[k]) > Math.abs(vec[big])) {
                    big = k;
                }
            }
            double sign = vec[big] < 0 ? -1 : 1;
            for (int k = 0; k < 3; k++) {
                vectors[e][k] = sign * vec[k] / n;
            }
        }
        double[] a0 = vectors[0];
        double[] a1 = vectors[1];
        vectors[2][0] = a0[1] * a1[2] - a0[2] * a1[1];
        vectors[2][1] = a0[2] * a1[0] - a0[0] * a1[2];
        vectors[2][2] = a0[0] * a1[1] - a0[1] * a1[0];
    }
}
