package org.organ3d.io.dicom.sr;

import java.util.Objects;
import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * A straight-line distance measured between two points, as the viewer's ruler makes it: both points
 * in patient coordinates (LPS mm) of the series' Frame of Reference, each with the name of the
 * structure it was placed on. Immutable (the points are copied in and out).
 *
 * @param label      the ruler's short name, e.g. "R1" (the report's Tracking Identifier)
 * @param first      first endpoint, LPS mm
 * @param second     second endpoint, LPS mm
 * @param firstOn    structure the first endpoint lies on ("" when unknown)
 * @param secondOn   structure the second endpoint lies on ("" when unknown)
 */
public record Ruler(String label, Vector3dc first, Vector3dc second, String firstOn, String secondOn) {

    public Ruler {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("a ruler needs a label");
        }
        first = finite(label, first);
        second = finite(label, second);
        firstOn = firstOn == null ? "" : firstOn.strip();
        secondOn = secondOn == null ? "" : secondOn.strip();
    }

    private static Vector3d finite(String label, Vector3dc p) {
        Objects.requireNonNull(p, "point");
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || !Double.isFinite(p.z())) {
            throw new IllegalArgumentException(label + ": not a finite point: " + p);
        }
        return new Vector3d(p);
    }

    @Override
    public Vector3dc first() {
        return new Vector3d(first);
    }

    @Override
    public Vector3dc second() {
        return new Vector3d(second);
    }

    /** Distance between the endpoints, mm. */
    public double lengthMm() {
        return first.distance(second);
    }

    /** The endpoint {@code i} (0 or 1) as {x, y, z}. */
    double[] point(int i) {
        Vector3dc p = i == 0 ? first : second;
        return new double[] {p.x(), p.y(), p.z()};
    }
}
