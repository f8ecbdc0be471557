package org.organ3d.testdata.screening;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.organ3d.testdata.phantom.Solid;

/**
 * A volume-filling branching tree (vessels, airways) grown into a cloud of territory points, after
 * the algorithm of Tawhai, Pullan and Hunter ("Generation of an anatomically based
 * three-dimensional model of the conducting airways", Ann. Biomed. Eng. 28, 2000): each branch
 * heads for the centroid of the points it supplies and stops a fraction of the way there; its
 * points are split in two by the plane through that centroid that contains the branch and cuts the
 * cloud across its widest spread (split at the median, so both halves are equal); each half grows
 * a child from the branch's end. A branch with one point runs to it and ends.
 *
 * <p>Radii follow Murray's law with exponent 2.7: a branch supplying {@code n} of the tree's
 * {@code N} points has radius {@code rootRadius·(n/N)^(1/2.7)}, tapering by 5 % along its length,
 * so a tree of {@code N} points ends in terminals of {@code rootRadius·N^(−1/2.7)}. Ends that would
 * leave {@code inside} are pulled back towards the start. Deterministic for a random source.
 */
public final class BranchingTree {

    private static final double LENGTH_FRACTION = 0.4;
    private static final double MURRAY = 2.7;
    private static final double MIN_LENGTH = 0.8;

    private final List<TaperedSegment> segments = new ArrayList<>();
    private final Solid inside;
    private final double rootRadius;
    private final int total;
    private final SplittableRandom rnd;

    private BranchingTree(Solid inside, double rootRadius, int total, SplittableRandom rnd) {
        this.inside = inside;
        this.rootRadius = rootRadius;
        this.total = total;
        this.rnd = rnd;
    }

    /**
     * Grows a tree from {@code start} (mm, LPS; may lie outside {@code inside}, e.g. at the hilum)
     * into {@code points}.
     *
     * @return the branches, root first (depth-first order)
     */
    public static List<TaperedSegment> grow(double[] start, double rootRadius, List<double[]> points, Solid inside,
            SplittableRandom rnd) {
        if (points.isEmpty()) {
            return List.of();
        }
        BranchingTree t = new BranchingTree(inside, rootRadius, points.size(), rnd);
        t.branch(start, null, new ArrayList<>(points));
        return List.copyOf(t.segments);
    }

    /** Uniform random points inside {@code region} (rejection sampling in its bounds). */
    public static List<double[]> sample(Solid region, int count, SplittableRandom rnd) {
        double[] b = region.bounds();
        List<double[]> out = new ArrayList<>(count);
        int tries = 0;
        while (out.size() < count) {
            if (++tries > 1000 * (count + 10)) {
                throw new IllegalStateException("region too small to sample " + count + " points");
            }
            double x = b[0] + rnd.nextDouble() * (b[1] - b[0]);
            double y = b[2] + rnd.nextDouble() * (b[3] - b[2]);
            double z = b[4] + rnd.nextDouble() * (b[5] - b[4]);
            if (region.contains(x, y, z)) {
                out.add(new double[] {x, y, z});
            }
        }
        return out;
    }

    private double radius(int n) {
        return rootRadius * Math.pow((double) n / total, 1 / MURRAY);
    }

    private void branch(double[] start, double[] parentDir, List<double[]> pts) {
        int n = pts.size();
        double[] c = centroid(pts);
        double[] end;
        if (n == 1) {
            end = c;
        } else {
            // NB: a little jitter of the end keeps the tree from looking machine-made.
            double f = LENGTH_FRACTION * (0.85 + 0.3 * rnd.nextDouble());
            end = new double[] {start[0] + f * (c[0] - start[0]), start[1] + f * (c[1] - start[1]), start[2] + f * (c[2] - start[2])};
        }
        end = pullInside(start, end);
        double[] dir = {end[0] - start[0], end[1] - start[1], end[2] - start[2]};
        double len = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
        double r = radius(n);
        if (len >= MIN_LENGTH) {
            segments.add(new TaperedSegment(start[0], start[1], start[2], end[0], end[1], end[2], r, 0.95 * r));
            dir[0] /= len;
            dir[1] /= len;
            dir[2] /= len;
        } else {
            end = start;
            dir = parentDir != null ? parentDir : new double[] {1, 0, 0};
        }
        if (n == 1) {
            return;
        }
        double[] axis = splitAxis(pts, c, dir);
        pts.sort(Comparator.comparingDouble(p -> (p[0] - c[0]) * axis[0] + (p[1] - c[1]) * axis[1] + (p[2] - c[2]) * axis[2]));
        int half = n / 2;
        List<double[]> a = new ArrayList<>(pts.subList(0, half));
        List<double[]> b = new ArrayList<>(pts.subList(half, n));
        branch(end, dir, a);
        branch(end, dir, b);
    }

    private double[] pullInside(double[] start, double[] end) {
        if (inside.contains(end[0], end[1], end[2]) || !inside.contains(start[0], start[1], start[2])) {
            return end;
        }
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 20; it++) {
            double m = 0.5 * (lo + hi);
            if (inside.contains(start[0] + m * (end[0] - start[0]), start[1] + m * (end[1] - start[1]),
                    start[2] + m * (end[2] - start[2]))) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return new double[] {start[0] + lo * (end[0] - start[0]), start[1] + lo * (end[1] - start[1]), start[2] + lo * (end[2] - start[2])};
    }

    private static double[] centroid(List<double[]> pts) {
        double[] c = new double[3];
        for (double[] p : pts) {
            c[0] += p[0];
            c[1] += p[1];
            c[2] += p[2];
        }
        c[0] /= pts.size();
        c[1] /= pts.size();
        c[2] /= pts.size();
        return c;
    }

    /** Direction across the widest spread of the points, perpendicular to {@code dir} (power iteration). */
    private static double[] splitAxis(List<double[]> pts, double[] c, double[] dir) {
        double[][] m = new double[3][3];
        for (double[] p : pts) {
            double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
            double h = d[0] * dir[0] + d[1] * dir[1] + d[2] * dir[2];
            for (int a = 0; a < 3; a++) {
                d[a] -= h * dir[a];
            }
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    m[a][b] += d[a] * d[b];
                }
            }
        }
        // Start perpendicular to dir: the axis it is least aligned with, projected.
        double[] v = Math.abs(dir[0]) < 0.6 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        for (int it = 0; it < 30; it++) {
            double h = v[0] * dir[0] + v[1] * dir[1] + v[2] * dir[2];
            for (int a = 0; a < 3; a++) {
                v[a] -= h * dir[a];
            }
            double[] w = new double[3];
            for (int a = 0; a < 3; a++) {
                w[a] = m[a][0] * v[0] + m[a][1] * v[1] + m[a][2] * v[2];
            }
            double l = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            if (!(l > 1e-12)) {
                break;
            }
            v = new double[] {w[0] / l, w[1] / l, w[2] / l};
        }
        return v;
    }
}
