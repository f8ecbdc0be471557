package org.organ3d.viewer;

import org.joml.Matrix4f;
import org.joml.Quaternionf;
import org.joml.Vector3f;
import org.joml.Vector4f;

/**
 * An orbiting camera around a target point in LPS mm, with an off-axis (asymmetric frustum) stereo
 * pair: each eye is shifted by ±separation/2 along the camera's x axis and its frustum is sheared so
 * that both frusta meet on the convergence plane (zero parallax there). This is the "parallel axis
 * asymmetric frustum" of Bourke's stereo notes; toed-in cameras would add vertical parallax.
 *
 * <p>Eye index: -1 = left, 0 = centre (mono), +1 = right. Window coordinates in {@link #project} and
 * {@link #ray} are pixels with the origin at the top-left corner (x right, y down), like image rows
 * and GLFW cursor positions. Not thread-safe: used on the render thread.
 */
public final class Camera {

    private final Vector3f target = new Vector3f();
    private final Quaternionf rotation = new Quaternionf();
    private final Matrix4f tmp = new Matrix4f();
    private final Vector4f tmp4 = new Vector4f();
    private float distance = 500f;
    private float sceneRadius = 200f;
    private float fovY = (float) Math.toRadians(30);
    private float eyeSeparation = 10f;
    private float convergence = 500f;

    /** Frames the box [min, max] (LPS mm) from the current direction; resets separation and convergence. */
    public Camera fit(Vector3f min, Vector3f max) {
        min.add(max, target).mul(0.5f);
        sceneRadius = Math.max(1e-3f, min.distance(max) * 0.5f);
        distance = sceneRadius / (float) Math.sin(fovY * 0.5f) * 1.05f;
        convergence = distance;
        // NB: 1/30 of the viewing distance is the usual comfortable stereo base.
        eyeSeparation = distance / 30f;
        return this;
    }

    /** Looks along the preset's direction with its up vector (target and distance kept). */
    public Camera preset(ViewPreset p) {
        Vector3f f = p.forward(new Vector3f());
        Vector3f u = p.up(new Vector3f());
        new Matrix4f().setLookAlong(f, u).getNormalizedRotation(rotation);
        return this;
    }

    /** World-to-eye matrix for eye -1, 0 or +1. */
    public Matrix4f view(int eye, Matrix4f dest) {
        return dest.translation(-eye * eyeSeparation * 0.5f, 0, -distance).rotate(rotation).translate(-target.x, -target.y,
                -target.z);
    }

    public float near() {
        return Math.max(distance - sceneRadius * 1.5f, distance * 0.02f);
    }

    public float far() {
        return distance + sceneRadius * 1.5f;
    }

    /** Off-axis perspective projection (OpenGL clip space) for eye -1, 0 or +1. */
    public Matrix4f projection(int eye, float aspect, Matrix4f dest) {
        float n = near();
        float top = n * (float) Math.tan(fovY * 0.5f);
        float half = top * aspect;
        float shift = eye * eyeSeparation * 0.5f * n / convergence;
        return dest.setFrustum(-half - shift, half - shift, -top, top, n, far());
    }

    /**
     * Projects an LPS point into window pixels (top-left origin) of a {@code w}×{@code h} viewport;
     * dest.z gets the eye-space distance along the view axis (mm).
     */
    public Vector3f project(Vector3f p, int eye, int w, int h, Vector3f dest) {
        view(eye, tmp);
        tmp4.set(p, 1f).mul(tmp);
        float depth = -tmp4.z;
        projection(eye, (float) w / h, tmp);
        tmp4.mul(tmp);
        float x = (tmp4.x / tmp4.w * 0.5f + 0.5f) * w;
        float y = (0.5f - tmp4.y / tmp4.w * 0.5f) * h;
        return dest.set(x, y, depth);
    }

    /** The centre camera's ray through window pixel (x, y) of a w×h viewport: origin and unit direction in LPS. */
    public void ray(float x, float y, int w, int h, Vector3f origin, Vector3f dir) {
        float ndcX = 2f * x / w - 1f;
        float ndcY = 1f - 2f * y / h;
        Matrix4f inv = projection(0, (float) w / h, new Matrix4f()).mul(view(0, new Matrix4f())).invert();
        Vector4f a = new Vector4f(ndcX, ndcY, -1, 1).mul(inv);
        Vector4f b = new Vector4f(ndcX, ndcY, 1, 1).mul(inv);
        origin.set(a.x / a.w, a.y / a.w, a.z / a.w);
        dir.set(b.x / b.w, b.y / b.w, b.z / b.w).sub(origin).normalize();
    }

    /** Shoemake arcball: rotates by the drag from (x0,y0) to (x1,y1) in a w×h window. */
    public void arcball(float x0, float y0, float x1, float y1, int w, int h) {
        Vector3f a = sphere(x0, y0, w, h, new Vector3f());
        Vector3f b = sphere(x1, y1, w, h, new Vector3f());
        if (a.distanceSquared(b) < 1e-12f) {
            return;
        }
        Quaternionf dq = new Quaternionf().rotationTo(a, b);
        dq.mul(rotation, rotation);
        rotation.normalize();
    }

    private static Vector3f sphere(float x, float y, int w, int h, Vector3f dest) {
        float r = Math.min(w, h) * 0.5f;
        float sx = (x - w * 0.5f) / r;
        float sy = (h * 0.5f - y) / r;
        float d2 = sx * sx + sy * sy;
        if (d2 <= 1f) {
            return dest.set(sx, sy, (float) Math.sqrt(1f - d2));
        }
        float s = 1f / (float) Math.sqrt(d2);
        return dest.set(sx * s, sy * s, 0f);
    }

    /** Moves the target by a drag of (dx, dy) pixels so that the picture follows the mouse. */
    public void pan(float dx, float dy, int h) {
        float mmPerPixel = 2f * distance * (float) Math.tan(fovY * 0.5f) / h;
        Vector3f right = rotation.positiveX(new Vector3f());
        Vector3f up = rotation.positiveY(new Vector3f());
        target.fma(-dx * mmPerPixel, right).fma(dy * mmPerPixel, up);
    }

    /** Multiplies the viewing distance (factor < 1 zooms in). */
    public void zoom(float factor) {
        distance = Math.max(sceneRadius * 0.05f, Math.min(distance * factor, sceneRadius * 50f));
    }

    /** Sets the convergence (zero-parallax) plane through an LPS point, e.g. the picked organ's centroid. */
    public void convergeOn(Vector3f p) {
        float d = -tmp4.set(p, 1f).mul(view(0, tmp)).z;
        convergence = Math.max(near() * 1.01f, d);
    }

    public Vector3f target() {
        return target;
    }

    public Quaternionf rotation() {
        return rotation;
    }

    public float distance() {
        return distance;
    }

    public float eyeSeparation() {
        return eyeSeparation;
    }

    /** Eye separation in mm (clamped to be non-negative). */
    public void setEyeSeparation(float mm) {
        eyeSeparation = Math.max(0f, mm);
    }

    public float convergence() {
        return convergence;
    }

    public float fovY() {
        return fovY;
    }
}
