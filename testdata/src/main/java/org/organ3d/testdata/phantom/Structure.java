package org.organ3d.testdata.phantom;

import java.util.List;
import org.joml.Vector3d;

/**
 * One labelled structure of the phantom: a union of disjoint solids minus disjoint holes (each hole
 * wholly inside one solid), with its CT value.
 *
 * @param label  label value in the truth label map
 * @param name   anatomical name
 * @param hu     attenuation in Hounsfield units
 * @param rgba   display colour 0xRRGGBBAA
 * @param solids disjoint solids whose union is the structure
 * @param holes  disjoint solids removed from it (e.g. a lesion inside the liver)
 */
public record Structure(int label, String name, double hu, int rgba, List<Shape> solids, List<Shape> holes) {

    public Structure {
        solids = List.copyOf(solids);
        holes = List.copyOf(holes);
    }

    /** Axis-aligned bounds of the union of the solids, {xmin, xmax, ymin, ymax, zmin, zmax}. */
    public double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Shape s : solids) {
            double[] o = s.bounds();
            for (int a = 0; a < 6; a += 2) {
                b[a] = Math.min(b[a], o[a]);
                b[a + 1] = Math.max(b[a + 1], o[a + 1]);
            }
        }
        return b;
    }

    /** True if (x, y, z) lies in the structure. */
    public boolean contains(double x, double y, double z) {
        for (Shape h : holes) {
            if (h.contains(x, y, z)) {
                return false;
            }
        }
        for (Shape s : solids) {
            if (s.contains(x, y, z)) {
                return true;
            }
        }
        return false;
    }

    /** Exact volume (mm³) of the part between {@code zLo} and {@code zHi}. */
    public double volumeBetween(double zLo, double zHi) {
        double v = 0;
        for (Shape s : solids) {
            v += s.volumeBetween(zLo, zHi);
        }
        for (Shape h : holes) {
            v -= h.volumeBetween(zLo, zHi);
        }
        return v;
    }

    /** Exact centroid (LPS mm) of the part between {@code zLo} and {@code zHi}. */
    public Vector3d centroidBetween(double zLo, double zHi) {
        Vector3d sum = new Vector3d();
        double v = 0;
        for (Shape s : solids) {
            double w = s.volumeBetween(zLo, zHi);
            sum.fma(w, s.centroidBetween(zLo, zHi));
            v += w;
        }
        for (Shape h : holes) {
            double w = h.volumeBetween(zLo, zHi);
            sum.fma(-w, h.centroidBetween(zLo, zHi));
            v -= w;
        }
        return sum.div(v);
    }
}
