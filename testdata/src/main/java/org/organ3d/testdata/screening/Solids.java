package org.organ3d.testdata.screening;

import org.organ3d.testdata.phantom.Solid;

/**
 * Constructive solid geometry on {@link Solid}s: intersections and differences, both as the
 * intersection of parts that are either kept ({@code inside}) or cut away ({@code outside}).
 *
 * <p>Distance lower bound of the result at p: if some part puts p outside the result, the result
 * is at least as far as that part's boundary, so the largest such part bound holds; if p is
 * inside, every boundary of the result lies on some part's boundary, so the smallest part bound
 * holds. Parts whose boxes are farther than the best bound so far are skipped.
 */
public final class Solids {

    private Solids() {
    }

    /** Points inside every part; bounds are the intersection of the parts' bounds. */
    public static Solid intersection(Solid... parts) {
        return new Combination(parts, new boolean[parts.length]);
    }

    /** Points inside {@code a} and outside every one of {@code holes}; bounds are {@code a}'s. */
    public static Solid difference(Solid a, Solid... holes) {
        Solid[] all = new Solid[holes.length + 1];
        boolean[] cut = new boolean[all.length];
        all[0] = a;
        for (int n = 0; n < holes.length; n++) {
            all[n + 1] = holes[n];
            cut[n + 1] = true;
        }
        return new Combination(all, cut);
    }

    private static final class Combination implements Solid {
        private final Solid[] parts;
        private final boolean[] cut;
        private final double[][] boxes;
        private final double[] bounds;

        Combination(Solid[] parts, boolean[] cut) {
            this.parts = parts.clone();
            this.cut = cut.clone();
            this.boxes = new double[parts.length][];
            double inf = Double.POSITIVE_INFINITY;
            double[] b = {-inf, inf, -inf, inf, -inf, inf};
            for (int n = 0; n < parts.length; n++) {
                boxes[n] = parts[n].bounds();
                if (!cut[n]) {
                    for (int a = 0; a < 6; a += 2) {
                        b[a] = Math.max(b[a], boxes[n][a]);
                        b[a + 1] = Math.min(b[a + 1], boxes[n][a + 1]);
                    }
                }
            }
            this.bounds = b;
        }

        @Override
        public boolean contains(double x, double y, double z) {
            for (int n = 0; n < parts.length; n++) {
                if (parts[n].contains(x, y, z) == cut[n]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public double boundaryDistanceLowerBound(double x, double y, double z) {
            double outside = -1;
            double inside = Double.POSITIVE_INFINITY;
            for (int n = 0; n < parts.length; n++) {
                double[] b = boxes[n];
                double dx = Math.max(0, Math.max(b[0] - x, x - b[1]));
                double dy = Math.max(0, Math.max(b[2] - y, y - b[3]));
                double dz = Math.max(0, Math.max(b[4] - z, z - b[5]));
                double box = Math.sqrt(dx * dx + dy * dy + dz * dz);
                boolean in = box == 0 && parts[n].contains(x, y, z);
                double lb = box > 0 ? box : parts[n].boundaryDistanceLowerBound(x, y, z);
                // NB: a point outside a part's box is outside the part, at least the box distance away.
                lb = Math.max(lb, box);
                if (in == cut[n]) {
                    outside = Math.max(outside, lb);
                } else {
                    inside = Math.min(inside, lb);
                }
            }
            return outside >= 0 ? outside : inside;
        }

        @Override
        public boolean farFromBoundary(double x, double y, double z, double h) {
            boolean near = false;
            for (int n = 0; n < parts.length; n++) {
                double[] b = boxes[n];
                double dx = Math.max(0, Math.max(b[0] - x, x - b[1]));
                double dy = Math.max(0, Math.max(b[2] - y, y - b[3]));
                double dz = Math.max(0, Math.max(b[4] - z, z - b[5]));
                double box2 = dx * dx + dy * dy + dz * dz;
                if (box2 > 0) {
                    if (!cut[n] && box2 > h * h) {
                        return true;
                    }
                    if (cut[n] && box2 > h * h) {
                        continue;
                    }
                }
                boolean in = parts[n].contains(x, y, z);
                boolean far = parts[n].farFromBoundary(x, y, z, h);
                if (in == cut[n] && far) {
                    return true;
                }
                near |= !far;
            }
            return !near;
        }

        @Override
        public double[] bounds() {
            return bounds.clone();
        }
    }
}
