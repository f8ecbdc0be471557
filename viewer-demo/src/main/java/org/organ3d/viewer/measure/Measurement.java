package org.organ3d.viewer.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.joml.Vector3d;

/**
 * A measurement: a ruler (two points → distance in mm) or an angle (three points → the angle at the
 * middle one, degrees). Points are LPS mm, copied in (immutable). Each point carries the name of the
 * structure it was placed on (the surface the pick landed on, or the label under a point placed in a
 * slice view; empty when unknown), so that a reader can see where an endpoint really lies.
 *
 * @param kind       ruler or angle
 * @param label      short name shown in the view (e.g. "R1")
 * @param points     2 points for a ruler, 3 for an angle (the vertex is the second)
 * @param structures one name per point ("" when unknown)
 */
public record Measurement(Kind kind, String label, List<Vector3d> points, List<String> structures) {

    /** What is measured. */
    public enum Kind {
        RULER(2), ANGLE(3);

        private final int points;

        Kind(int points) {
            this.points = points;
        }

        /** How many points this kind needs. */
        public int points() {
            return points;
        }
    }

    /** A measurement whose points carry no structure names. */
    public Measurement(Kind kind, String label, List<Vector3d> points) {
        this(kind, label, points, null);
    }

    public Measurement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        if (points == null || points.size() != kind.points()) {
            throw new IllegalArgumentException(kind + " needs " + kind.points() + " points, got "
                    + (points == null ? 0 : points.size()));
        }
        for (Vector3d p : points) {
            if (!Double.isFinite(p.x) || !Double.isFinite(p.y) || !Double.isFinite(p.z)) {
                throw new IllegalArgumentException("non-finite point in " + label + ": " + p);
            }
        }
        points = points.stream().map(Vector3d::new).toList();
        if (structures == null) {
            structures = points.stream().map(p -> "").toList();
        } else if (structures.size() != points.size()) {
            throw new IllegalArgumentException(label + ": " + points.size() + " points but " + structures.size()
                    + " structure names");
        } else {
            structures = structures.stream().map(s -> s == null ? "" : s).toList();
        }
    }

    /** This measurement with point {@code i} moved to {@code p} (placed on {@code structure}). */
    public Measurement withPoint(int i, Vector3d p, String structure) {
        List<Vector3d> pts = new ArrayList<>(points);
        List<String> names = new ArrayList<>(structures);
        pts.set(i, p);
        names.set(i, structure);
        return new Measurement(kind, label, pts, names);
    }

    /** Distance in mm (ruler) or angle in degrees (angle). */
    public double value() {
        if (kind == Kind.RULER) {
            return points.get(0).distance(points.get(1));
        }
        Vector3d u = new Vector3d(points.get(0)).sub(points.get(1));
        Vector3d v = new Vector3d(points.get(2)).sub(points.get(1));
        return Math.toDegrees(u.angle(v));
    }

    /** The unit of {@link #value()}: "mm" or "deg". */
    public String unit() {
        return kind == Kind.RULER ? "mm" : "deg";
    }

    /** The value with its unit, e.g. "42.3 mm" or "87.5 deg". */
    public String valueText() {
        return String.format(Locale.ROOT, "%.1f %s", value(), unit());
    }
}
