package org.organ3d.viewer;

import java.util.Locale;
import org.joml.Quaterniond;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.joml.Vector4f;

/**
 * The clipping plane in LPS mm: the plane through {@link #point()} with unit normal
 * {@link #normal()}; the side the normal points to is kept, the other is cut away (the normal's sign
 * is the "flip"). Axial, coronal and sagittal planes have the patient axes as normals; tilting makes
 * the plane oblique. Moving and tilting keep the point on the plane, so the plane never jumps. Render
 * thread only.
 */
public final class ClipPlane {

    /** What the plane currently is. */
    public enum Kind {
        OFF, SAGITTAL, CORONAL, AXIAL, OBLIQUE
    }

    private Kind kind = Kind.OFF;
    private final Vector3d normal = new Vector3d(0, 0, 1);
    private final Vector3d point = new Vector3d();

    public Kind kind() {
        return kind;
    }

    public boolean isOn() {
        return kind != Kind.OFF;
    }

    /** Unit normal in LPS: the kept side is where it points. Live. */
    public Vector3dc normal() {
        return normal;
    }

    /** A point on the plane, LPS mm. Live. */
    public Vector3dc point() {
        return point;
    }

    /** Turns the plane off (its position is remembered). */
    public void off() {
        kind = Kind.OFF;
    }

    /**
     * An axis plane through {@code through} (LPS mm): the normal is +x (sagittal, keeps the patient's
     * left), +y (coronal, keeps posterior) or +z (axial, keeps superior); {@code flip} keeps the other side.
     */
    public void axis(Kind k, Vector3dc through, boolean flip) {
        if (k == Kind.OFF || k == Kind.OBLIQUE) {
            throw new IllegalArgumentException("not an axis plane: " + k);
        }
        kind = k;
        double s = flip ? -1 : 1;
        normal.set(k == Kind.SAGITTAL ? s : 0, k == Kind.CORONAL ? s : 0, k == Kind.AXIAL ? s : 0);
        point.set(through);
    }

    /** A plane through {@code through} with normal {@code n} (normalised; oblique unless it is an axis). */
    public void set(Vector3dc through, Vector3dc n) {
        if (!(n.lengthSquared() > 1e-24)) {
            throw new IllegalArgumentException("a plane needs a non-zero normal");
        }
        normal.set(n).normalize();
        point.set(through);
        kind = axisKind();
    }

    private Kind axisKind() {
        double ax = Math.abs(normal.x);
        double ay = Math.abs(normal.y);
        double az = Math.abs(normal.z);
        if (ax > 1 - 1e-9) {
            return Kind.SAGITTAL;
        }
        if (ay > 1 - 1e-9) {
            return Kind.CORONAL;
        }
        return az > 1 - 1e-9 ? Kind.AXIAL : Kind.OBLIQUE;
    }

    /** Moves the plane along its normal by {@code mm} (positive: towards the kept side). */
    public void move(double mm) {
        point.fma(mm, normal);
    }

    /** Keeps the other side. */
    public void flip() {
        normal.negate();
    }

    /**
     * Tilts the normal by {@code degrees} about {@code axis} (LPS, e.g. the camera's screen axis): the
     * plane becomes oblique and still passes through its point.
     */
    public void tilt(Vector3dc axis, double degrees) {
        if (axis.lengthSquared() < 1e-24) {
            return;
        }
        new Quaterniond().rotationAxis(Math.toRadians(degrees), axis.x(), axis.y(), axis.z()).transform(normal);
        normal.normalize();
        kind = axisKind();
    }

    /** Signed distance of {@code p} from the plane, mm (positive on the kept side). */
    public double distance(Vector3dc p) {
        return normal.x * (p.x() - point.x) + normal.y * (p.y() - point.y) + normal.z * (p.z() - point.z);
    }

    /** The plane as (n, d) with n·p + d >= 0 kept, or null when off. */
    public Vector4f equation(Vector4f dest) {
        if (kind == Kind.OFF) {
            return null;
        }
        return dest.set((float) normal.x, (float) normal.y, (float) normal.z, (float) -normal.dot(point));
    }

    /**
     * Where the plane is, for the screen: e.g. "clip axial S 50.0 mm, keeps superior" or
     * "clip oblique through (-75.0, -15.0, 50.3) mm, normal (0.26, 0.00, 0.97)".
     */
    public String describe() {
        return switch (kind) {
            case OFF -> "clip off";
            case SAGITTAL -> String.format(Locale.ROOT, "clip sagittal %s %.1f mm, keeps %s", point.x >= 0 ? "L" : "R",
                    Math.abs(point.x), normal.x > 0 ? "left" : "right");
            case CORONAL -> String.format(Locale.ROOT, "clip coronal %s %.1f mm, keeps %s", point.y >= 0 ? "P" : "A",
                    Math.abs(point.y), normal.y > 0 ? "posterior" : "anterior");
            case AXIAL -> String.format(Locale.ROOT, "clip axial %s %.1f mm, keeps %s", point.z >= 0 ? "S" : "I",
                    Math.abs(point.z), normal.z > 0 ? "superior" : "inferior");
            case OBLIQUE -> String.format(Locale.ROOT, "clip oblique through (%.1f, %.1f, %.1f) mm LPS, normal (%.2f, %.2f, %.2f)",
                    point.x, point.y, point.z, normal.x, normal.y, normal.z);
        };
    }
}
