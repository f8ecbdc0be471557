package org.organ3d.io.dicom.rtstruct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.organ3d.volume.SliceBounds;

/**
 * Closed contours of one label on one slice: marching squares at level ½ on the label's 0/1 mask,
 * traced as whole loops.
 *
 * <p><b>Method.</b> The boundary between the label's pixels and the rest is followed crack by crack
 * (pixel edges, each directed with the label on its right when the image is drawn with rows going
 * down), and each crack contributes its midpoint: exactly the vertices marching squares places at
 * level ½ between a pixel centre inside and one outside (Lorensen and Cline's cases in 2-D, with the
 * interpolated crossing at the half-way point because the mask is 0/1). Walking cracks instead of
 * cells gives closed loops directly, with no later linking. At a saddle (two diagonal pixels of the
 * label, two of the rest) the walk turns left, joining the diagonal pixels (the label is
 * 8-connected, the background 4-connected), so loops never cross.
 *
 * <p><b>What comes out.</b> One loop per outer boundary and one per hole, holes running the other
 * way round (even-odd and winding readers agree); every pixel centre of the label lies strictly
 * inside its loops and every other centre strictly outside (vertices sit half-way between centres),
 * so rasterising the contours by pixel centre gives back exactly the mask. A single pixel becomes a
 * 4-point diamond, so no contour has fewer than 4 points. Collinear vertices are dropped (exact:
 * coordinates are whole half-pixels, compared as integers). The loop's area is the pixel count
 * less ⅛ pixel per convex corner plus ⅛ per concave one (about −½ pixel per loop).
 *
 * <p>Not thread-safe per instance (it reuses scratch arrays); use one per thread.
 */
final class ContourTracer {

    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private byte[] mask = new byte[0];
    private byte[] edges = new byte[0];
    private int[] loop = new int[64];

    /**
     * The loops of {@code label} inside {@code box} of a slice ({@code byte[]} or {@code short[]},
     * {@code nx} columns), as x, y pairs in voxel index units (i, j).
     */
    List<double[]> trace(Object slice, int nx, int label, SliceBounds.Box box) {
        int i0 = box.iMin() - 1;
        int j0 = box.jMin() - 1;
        int w = box.iMax() - box.iMin() + 3;
        int h = box.jMax() - box.jMin() + 3;
        if (mask.length < w * h) {
            mask = new byte[Math.max(w * h, mask.length * 2)];
        }
        int cw = w + 1;
        int corners = cw * (h + 1);
        if (edges.length < corners) {
            edges = new byte[Math.max(corners, edges.length * 2)];
        }
        Arrays.fill(mask, 0, w * h, (byte) 0);
        Arrays.fill(edges, 0, corners, (byte) 0);
        for (int y = 1; y < h - 1; y++) {
            int row = (j0 + y) * nx + i0;
            int m = y * w;
            if (slice instanceof byte[] b) {
                byte want = (byte) label;
                for (int x = 1; x < w - 1; x++) {
                    mask[m + x] = b[row + x] == want ? (byte) 1 : 0;
                }
            } else {
                short want = (short) label;
                short[] s = (short[]) slice;
                for (int x = 1; x < w - 1; x++) {
                    mask[m + x] = s[row + x] == want ? (byte) 1 : 0;
                }
            }
        }
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                if (mask[p] == 0) {
                    continue;
                }
                if (mask[p - w] == 0) {
                    edges[y * cw + x] |= 1;
                }
                if (mask[p + 1] == 0) {
                    edges[y * cw + x + 1] |= 2;
                }
                if (mask[p + w] == 0) {
                    edges[(y + 1) * cw + x + 1] |= 4;
                }
                if (mask[p - 1] == 0) {
                    edges[(y + 1) * cw + x] |= 8;
                }
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int c = 0; c < corners; c++) {
            while (edges[c] != 0) {
                int n = follow(c, Integer.numberOfTrailingZeros(edges[c]), cw);
                n = dropCollinear(n);
                double[] poly = new double[n];
                for (int q = 0; q < n; q += 2) {
                    poly[q] = i0 + loop[q] * 0.5;
                    poly[q + 1] = j0 + loop[q + 1] * 0.5;
                }
                out.add(poly);
            }
        }
        return out;
    }

    /** Walks one loop from corner {@code start} along direction {@code dir}; returns the ints written to {@code loop}. */
    private int follow(int start, int startDir, int cw) {
        int cur = start;
        int dir = startDir;
        int n = 0;
        while (true) {
            int u = cur % cw;
            int v = cur / cw;
            if (n + 2 > loop.length) {
                loop = Arrays.copyOf(loop, loop.length * 2);
            }
            // midpoint of the crack in doubled local units (corner u sits at u - 1/2)
            loop[n++] = 2 * u - 1 + DX[dir];
            loop[n++] = 2 * v - 1 + DY[dir];
            edges[cur] &= (byte) ~(1 << dir);
            cur += DX[dir] + DY[dir] * cw;
            int avail = edges[cur] | (cur == start ? 1 << startDir : 0);
            int left = (dir + 3) & 3;
            int next;
            if ((avail & (1 << left)) != 0) {
                next = left;
            } else if ((avail & (1 << dir)) != 0) {
                next = dir;
            } else {
                next = (dir + 1) & 3;
            }
            if (cur == start && next == startDir) {
                return n;
            }
            dir = next;
        }
    }

    /** Removes vertices that lie on the line through their neighbours (cyclically); returns the new int count. */
    private int dropCollinear(int n) {
        int k = 0;
        for (int q = 0; q < n; q += 2) {
            while (k >= 4 && collinear(k - 4, k - 2, loop[q], loop[q + 1])) {
                k -= 2;
            }
            loop[k++] = loop[q];
            loop[k++] = loop[q + 1];
        }
        boolean changed = true;
        while (changed && k > 8) {
            changed = false;
            if (collinear(k - 4, k - 2, loop[0], loop[1])) {
                k -= 2;
                changed = true;
            } else if (cross(loop[k - 2], loop[k - 1], loop[0], loop[1], loop[2], loop[3]) == 0) {
                System.arraycopy(loop, 2, loop, 0, k - 2);
                k -= 2;
                changed = true;
            }
        }
        return k;
    }

    private boolean collinear(int a, int b, int cx, int cy) {
        return cross(loop[a], loop[a + 1], loop[b], loop[b + 1], cx, cy) == 0;
    }

    private static long cross(int ax, int ay, int bx, int by, int cx, int cy) {
        return (long) (bx - ax) * (cy - by) - (long) (by - ay) * (cx - bx);
    }

    /**
     * Douglas–Peucker simplification of a closed polygon (x, y pairs) with a maximum deviation of
     * {@code tolerance} in the units of {@code sx}·x and {@code sy}·y (mm for index coordinates and
     * pixel spacings): every dropped vertex lies within the tolerance of the simplified polygon.
     * Keeps at least 4 vertices (returns the input when fewer would remain).
     */
    static double[] simplify(double[] p, double tolerance, double sx, double sy) {
        int n = p.length / 2;
        if (n <= 4 || !(tolerance > 0)) {
            return p;
        }
        // split the loop at vertex 0 and the vertex farthest from it
        int far = 0;
        double best = -1;
        for (int i = 1; i < n; i++) {
            double dx = (p[2 * i] - p[0]) * sx;
            double dy = (p[2 * i + 1] - p[1]) * sy;
            if (dx * dx + dy * dy > best) {
                best = dx * dx + dy * dy;
                far = i;
            }
        }
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[far] = true;
        mark(p, 0, far, keep, tolerance, sx, sy, n);
        mark(p, far, n, keep, tolerance, sx, sy, n);
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (kept < 4) {
            return p;
        }
        double[] out = new double[2 * kept];
        for (int i = 0, w = 0; i < n; i++) {
            if (keep[i]) {
                out[w++] = p[2 * i];
                out[w++] = p[2 * i + 1];
            }
        }
        return out;
    }

    /** Marks the vertices strictly between a and b (indices modulo n) that the simplification keeps. */
    private static void mark(double[] p, int a, int b, boolean[] keep, double tol, double sx, double sy, int n) {
        if (b - a < 2) {
            return;
        }
        int ia = a % n;
        int ib = b % n;
        double ax = p[2 * ia] * sx;
        double ay = p[2 * ia + 1] * sy;
        double bx = p[2 * ib] * sx;
        double by = p[2 * ib + 1] * sy;
        double len = Math.hypot(bx - ax, by - ay);
        int worst = -1;
        double worstD = tol;
        for (int i = a + 1; i < b; i++) {
            double px = p[2 * (i % n)] * sx;
            double py = p[2 * (i % n) + 1] * sy;
            double d = len == 0 ? Math.hypot(px - ax, py - ay)
                    : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
            if (d > worstD) {
                worstD = d;
                worst = i;
            }
        }
        if (worst >= 0) {
            keep[worst % n] = true;
            mark(p, a, worst, keep, tol, sx, sy, n);
            mark(p, worst, b, keep, tol, sx, sy, n);
        }
    }
}
