package org.organ3d.viewer;

import static org.lwjgl.glfw.GLFW.*;

import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.joml.Vector4f;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.pick.Hit;
import org.organ3d.viewer.slice.SliceOrientation;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.viewer.slice.SliceView;

/**
 * The mouse of the viewer window (keys: {@link ViewerKeys}), turned into changes of the
 * {@link ViewerState} and the {@link Camera}. Positions are framebuffer pixels with the origin at the top-left; each press is
 * routed to the pane under it (3D view or a slice view). In the 3D view: rotate, pan, zoom, click to
 * select or measure on the surface that {@link Scene#pick}'s opacity rule names (or on a slice plane
 * shown in 3D), drag an endpoint to move it, Ctrl+drag to move the clipping plane. In a slice view:
 * click or drag to set the crosshair (or place a measurement point on the slice), scroll through
 * slices, right-drag for window/level, Shift+wheel to zoom, middle or Shift+drag to pan, drag an
 * endpoint, Ctrl+drag to move the clipping plane. Render thread only.
 */
final class ViewerControls {

    /** What the controls need from the window. */
    interface Actions {
        void fit();

        ViewPreset initialView();

        void close();

        boolean stereoGranted();

        void swapEyes();

        /** Centre of the surfaces (or the crosshair), LPS mm. */
        Vector3d sceneCentre();

        /** Saves the measurement file; asks first when an empty list would replace saved measurements. */
        void saveMeasurements(boolean confirmed);

        void loadMeasurements(boolean force);

        void exportCsv();

        /** Writes the rulers as a DICOM SR beside the measurement file (Ctrl+Shift+E). */
        void exportSr();

        void screenshot();
    }

    /** A point a click lands on: where, on what (name, "" when unknown), and the organ if it is a surface. */
    record Picked(Vector3d point, String structure, SceneObject object) {
    }

    private enum Drag {
        NONE, ROTATE, PAN, ENDPOINT, CROSSHAIR, WINDOW, PANE_PAN, CLIP
    }

    private static final float GRAB_PIXELS = 8;
    private final ViewerState state;
    private final Camera camera;
    private final ViewerFrame frame;
    private final Actions actions;
    private final Vector3f rayOrigin = new Vector3f();
    private final Vector3f rayDir = new Vector3f();
    private final Vector4f clipEq = new Vector4f();
    private final int[] rect = new int[4];
    private double x;
    private double y;
    private double pressX;
    private double pressY;
    private int button = -1;
    private int pane;
    private Drag drag = Drag.NONE;
    private int grabMeasurement = -1;
    private int grabPoint;
    private final ViewerKeys keys;

    ViewerControls(ViewerState state, Camera camera, ViewerFrame frame, Actions actions) {
        this.state = state;
        this.camera = camera;
        this.frame = frame;
        this.actions = actions;
        this.keys = new ViewerKeys(state, camera, frame, actions, this);
    }

    boolean dragging() {
        return button >= 0;
    }

    // ---------------------------------------------------------------- mouse

    void press(int b, int mods, int w, int h) {
        button = b;
        pressX = x;
        pressY = y;
        frame.layoutSlices(w, h);
        pane = frame.effectiveLayout().paneAt(x, y, w, h);
        boolean shift = (mods & GLFW_MOD_SHIFT) != 0;
        boolean ctrl = (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) != 0;
        drag = Drag.NONE;
        if (b == GLFW_MOUSE_BUTTON_LEFT && !shift && !ctrl && grabEndpoint(w, h)) {
            drag = Drag.ENDPOINT;
        } else if (b == GLFW_MOUSE_BUTTON_LEFT && ctrl && state.clip.isOn()) {
            drag = Drag.CLIP;
        } else if (pane == 0) {
            drag = b == GLFW_MOUSE_BUTTON_RIGHT || b == GLFW_MOUSE_BUTTON_MIDDLE || shift ? Drag.PAN : Drag.ROTATE;
        } else if (b == GLFW_MOUSE_BUTTON_RIGHT && state.slicesSource.image() != null) {
            drag = Drag.WINDOW;
        } else if (b == GLFW_MOUSE_BUTTON_MIDDLE || shift) {
            drag = Drag.PANE_PAN;
        } else if (b == GLFW_MOUSE_BUTTON_LEFT && state.tool == ViewerState.Tool.SELECT) {
            drag = Drag.CROSSHAIR;
            crosshairAt(x, y, w, h);
        }
    }

    void move(double nx, double ny, int w, int h) {
        double dx = nx - x;
        double dy = ny - y;
        x = nx;
        y = ny;
        if (button < 0) {
            hover(w, h);
            return;
        }
        frame.layoutSlices(w, h);
        frame.effectiveLayout().pane(pane, w, h, rect);
        switch (drag) {
            case ROTATE -> camera.arcball((float) (x - dx - rect[0]), (float) (y - dy - rect[1]), (float) (x - rect[0]),
                    (float) (y - rect[1]), rect[2], rect[3]);
            case PAN -> camera.pan((float) dx, (float) dy, rect[3]);
            case ENDPOINT -> moveEndpoint(w, h);
            case CROSSHAIR -> crosshairAt(x, y, w, h);
            case WINDOW -> state.window = state.window.dragged(dx, dy, Math.max(state.window.width(), 10) / 250);
            case PANE_PAN -> view(pane).pan(dx, dy);
            case CLIP -> dragClip(dx, dy, rect[3]);
            default -> {
            }
        }
    }

    /** The point under the mouse in a slice view, for the status line's read-out (NaN elsewhere). */
    private void hover(int w, int h) {
        if (!state.hasSlices() || frame.effectiveLayout() != ViewLayout.FOUR_UP) {
            state.hover.set(Double.NaN);
            return;
        }
        frame.layoutSlices(w, h);
        int p = frame.effectiveLayout().paneAt(x, y, w, h);
        if (p == 0) {
            state.hover.set(Double.NaN);
        } else {
            frame.effectiveLayout().pane(p, w, h, rect);
            view(p).toLps(x - rect[0], y - rect[1], state.hover);
        }
    }

    void release(int b, int w, int h) {
        if (b != button) {
            return;
        }
        boolean still = Math.hypot(x - pressX, y - pressY) < 4;
        if (drag == Drag.ENDPOINT) {
            if (state.dragged != null && !still) {
                state.measurements.replace(state.dragIndex, state.dragged);
                state.message(ViewerState.Level.SUCCESS, state.dragged.label() + " moved: " + state.dragged.valueText()
                        + " (Ctrl+Z undoes)");
            }
            state.dragIndex = -1;
            state.dragged = null;
            if (still && b == GLFW_MOUSE_BUTTON_LEFT) {
                click((float) x, (float) y, w, h);
            }
        } else if (b == GLFW_MOUSE_BUTTON_LEFT && still && drag != Drag.CLIP) {
            click((float) x, (float) y, w, h);
        }
        button = -1;
        drag = Drag.NONE;
    }

    void scroll(double dy, boolean shift, int w, int h) {
        frame.layoutSlices(w, h);
        int p = frame.effectiveLayout().paneAt(x, y, w, h);
        if (p == 0) {
            camera.zoom((float) Math.pow(0.9, dy));
            return;
        }
        SliceView v = view(p);
        if (shift) {
            v.zoom(Math.pow(1.15, dy));
            return;
        }
        SliceSource s = state.slicesSource;
        SliceOrientation o = v.orientation();
        state.cursor.fma(Math.signum(dy) * s.step(o), o.normal());
        s.snap(state.cursor, o);
    }

    private SliceView view(int p) {
        return state.slices[p - 1];
    }

    /** A left click at (x, y): select or measure in the pane under it. */
    void click(float cx, float cy, int w, int h) {
        frame.layoutSlices(w, h);
        int p = frame.effectiveLayout().paneAt(cx, cy, w, h);
        if (p != 0) {
            Vector3d at = paneToLps(p, cx, cy, w, h);
            if (state.tool == ViewerState.Tool.SELECT) {
                state.cursor.set(at);
                return;
            }
            addPoint(at, state.slicesSource.labelName(state.slicesSource.label(at)));
            return;
        }
        if (!state.scene.isPickingReady() && !state.scene.isEmpty()) {
            state.message(ViewerState.Level.INFO, "picking is being prepared (building the BVH): click again in a moment");
            return;
        }
        Picked hit = pick3d(cx, cy, w, h);
        if (state.tool == ViewerState.Tool.SELECT) {
            select(hit == null ? null : hit.object());
            if (hit != null && state.hasSlices()) {
                state.cursor.set(hit.point());
            }
            return;
        }
        if (hit == null) {
            state.message(ViewerState.Level.WARNING, "no surface under the cursor");
            return;
        }
        addPoint(hit.point(), hit.structure());
    }

    private void addPoint(Vector3d p, String structure) {
        Measurement m = state.addPoint(p, structure);
        if (m != null) {
            state.message(ViewerState.Level.SUCCESS, m.label() + ": " + m.valueText() + endpoints(m));
        }
    }

    private static String endpoints(Measurement m) {
        List<String> s = m.structures();
        if (s.stream().allMatch(String::isEmpty)) {
            return "";
        }
        return " (" + String.join(" - ", s.stream().map(n -> n.isEmpty() ? "?" : n).toList()) + ")";
    }

    /** The LPS point under (x, y) in slice pane {@code p}. */
    private Vector3d paneToLps(int p, double px, double py, int w, int h) {
        frame.effectiveLayout().pane(p, w, h, rect);
        return view(p).toLps(px - rect[0], py - rect[1], new Vector3d());
    }

    private void crosshairAt(double px, double py, int w, int h) {
        if (pane != 0) {
            state.cursor.set(paneToLps(pane, px, py, w, h));
        }
    }

    /**
     * What a click at (x, y) in the 3D pane lands on: the surface by {@link Scene#pick}'s opacity
     * rule, or a slice plane shown in 3D when it is nearer (or only see-through surfaces are hit).
     */
    Picked pick3d(float px, float py, int w, int h) {
        frame.effectiveLayout().pane(0, w, h, rect);
        float lx = px - rect[0];
        float ly = py - rect[1];
        int vw = rect[2];
        int vh = rect[3];
        if (state.stereo == StereoMode.SIDE_BY_SIDE) {
            vw = rect[2] / 2;
            lx = lx >= vw ? lx - vw : lx;
        } else if (state.stereo == StereoMode.TOP_BOTTOM) {
            vh = rect[3] / 2;
            ly = ly >= vh ? ly - vh : ly;
        }
        camera.ray(lx, ly, vw, vh, rayOrigin, rayDir);
        Vector4f clip = state.clipPlane(clipEq);
        Hit hit = state.scene.pick(rayOrigin, rayDir, clip);
        Picked onPlane = pickSlicePlane(clip);
        if (onPlane != null) {
            double tPlane = onPlane.point().distance(rayOrigin.x, rayOrigin.y, rayOrigin.z);
            boolean seeThrough = hit != null && state.scene.objects().get(hit.object()).opacity() < Scene.SEE_THROUGH;
            if (hit == null || tPlane < hit.distance() || seeThrough) {
                return onPlane;
            }
        }
        if (hit == null) {
            return null;
        }
        SceneObject o = state.scene.objects().get(hit.object());
        return new Picked(hit.point(), o.name(), o);
    }

    /** The nearest slice plane shown in the 3D view that the current ray meets inside the data box. */
    private Picked pickSlicePlane(Vector4f clip) {
        SliceSource s = state.slicesSource;
        if (s == null || !state.slicePlanesIn3d || frame.effectiveLayout() != ViewLayout.FOUR_UP) {
            return null;
        }
        Vector3d best = null;
        double bestT = Double.POSITIVE_INFINITY;
        for (SliceOrientation o : SliceOrientation.values()) {
            int a = o.axis();
            double d = rayDir.get(a);
            if (Math.abs(d) < 1e-9) {
                continue;
            }
            double t = (state.cursor.get(a) - rayOrigin.get(a)) / d;
            if (t <= 0 || t >= bestT) {
                continue;
            }
            Vector3d p = new Vector3d(rayOrigin.x + t * rayDir.x, rayOrigin.y + t * rayDir.y, rayOrigin.z + t * rayDir.z);
            boolean inside = p.x >= s.min().x() && p.x <= s.max().x() && p.y >= s.min().y() && p.y <= s.max().y()
                    && p.z >= s.min().z() && p.z <= s.max().z();
            boolean kept = clip == null || clip.x * p.x + clip.y * p.y + clip.z * p.z + clip.w >= 0;
            if (inside && kept) {
                best = p;
                bestT = t;
            }
        }
        return best == null ? null : new Picked(best, s.labelName(s.label(best)), null);
    }

    /** Starts dragging the measurement point within reach of the press, if any. */
    private boolean grabEndpoint(int w, int h) {
        List<Measurement> all = state.measurements.all();
        frame.effectiveLayout().pane(pane, w, h, rect);
        double best = GRAB_PIXELS;
        grabMeasurement = -1;
        Vector3f s = new Vector3f();
        Vector3d q = new Vector3d();
        for (int i = 0; i < all.size(); i++) {
            List<Vector3d> pts = all.get(i).points();
            for (int k = 0; k < pts.size(); k++) {
                Vector3d p = pts.get(k);
                double d;
                if (pane == 0) {
                    if (state.stereo != StereoMode.OFF && state.stereo != StereoMode.ANAGLYPH) {
                        continue;   // two images on screen: drag in mono or anaglyph
                    }
                    camera.project(s.set((float) p.x, (float) p.y, (float) p.z), 0, rect[2], rect[3], s);
                    d = Math.hypot(s.x + rect[0] - x, s.y + rect[1] - y);
                } else {
                    SliceView v = view(pane);
                    v.toPane(p, q);
                    if (Math.abs(q.z) > state.slicesSource.step(v.orientation()) * 0.5 + 1e-6) {
                        continue;
                    }
                    d = Math.hypot(q.x + rect[0] - x, q.y + rect[1] - y);
                }
                if (d < best) {
                    best = d;
                    grabMeasurement = i;
                    grabPoint = k;
                }
            }
        }
        if (grabMeasurement < 0) {
            return false;
        }
        state.dragIndex = grabMeasurement;
        state.dragged = null;
        return true;
    }

    private void moveEndpoint(int w, int h) {
        Measurement m = state.measurements.get(state.dragIndex);
        Picked p;
        if (pane == 0) {
            if (!state.scene.isPickingReady()) {
                return;
            }
            p = pick3d((float) x, (float) y, w, h);
        } else {
            Vector3d at = paneToLps(pane, x, y, w, h);
            p = new Picked(at, state.slicesSource.labelName(state.slicesSource.label(at)), null);
        }
        if (p != null) {
            state.dragged = m.withPoint(grabPoint, p.point(), p.structure());
        }
    }

    private void dragClip(double dx, double dy, int paneHeight) {
        Vector3d n = new Vector3d(state.clip.normal());
        double sx;
        double sy;
        double mmPerPixel;
        if (pane == 0) {
            Vector3f right = camera.rotation().positiveX(new Vector3f());
            Vector3f up = camera.rotation().positiveY(new Vector3f());
            sx = n.x * right.x + n.y * right.y + n.z * right.z;
            sy = -(n.x * up.x + n.y * up.y + n.z * up.z);
            mmPerPixel = 2 * camera.distance() * Math.tan(camera.fovY() * 0.5) / paneHeight;
        } else {
            SliceView v = view(pane);
            sx = n.dot(v.orientation().right());
            sy = n.dot(v.orientation().down());
            mmPerPixel = v.mmPerPixel();
        }
        double len = Math.max(0.2, Math.hypot(sx, sy));
        state.clip.move((dx * sx + dy * sy) / len * mmPerPixel / len);
    }

    /** A key press (GLFW key and modifiers): see {@link ViewerKeys}. */
    void key(int key, int mods) {
        keys.key(key, mods);
    }

    static Vector3f centroid(SceneObject o) {
        var c = o.info().centroidLps();
        return new Vector3f((float) c.x, (float) c.y, (float) c.z);
    }

    /** Selects {@code o} (or nothing): its facts are shown and the stereo convergence moves to it. */
    void select(SceneObject o) {
        state.selected = o;
        frame.hud().invalidateInfo();
        if (o != null) {
            camera.convergeOn(centroid(o));   // zero parallax on the organ being examined
        }
    }
}
