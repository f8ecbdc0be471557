package org.organ3d.viewer.measure;

import java.util.List;
import java.util.Objects;
import org.joml.Vector3d;

/**
 * A measurement on organ surfaces: a ruler (two points → distance in mm) or an angle (three points →
 * the angle at the middle one, degrees). Points are LPS mm, copied in (immutable).
 *
 * @param kind   ruler or angle
 * @param label  short name shown in the view (e.g. "R1")
 * @param points 2 points for a ruler, 3 for an angle (the vertex is the second)
 */
public record Measurement(Kind kind, String label, List<Vector3d> points) {

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

    /** The value with its unit, e.g. "42.3 mm" or "87.5°". */
    public String valueText() {
        return kind == Kind.RULER ? String.format(java.util.Locale.ROOT, "%.1f mm", value())
                : String.format(java.util.Locale.ROOT, "%.1f deg", value());
    }
}
