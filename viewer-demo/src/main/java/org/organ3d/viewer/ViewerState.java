package org.organ3d.viewer;

import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector4f;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.measure.MeasurementSet;

/**
 * What the viewer shows besides the organs: the tool, the measurements (all kept), points of the
 * measurement in progress, the selected organ, the clipping plane, progress and messages. Render
 * thread only, except {@link #setProgress}, which the loader calls from its worker thread and from
 * the pool threads it smooths labels on.
 */
public final class ViewerState {

    /** What a click does. */
    public enum Tool {
        SELECT, RULER, ANGLE
    }

    public final Scene scene;
    public final MeasurementSet measurements = new MeasurementSet();
    public final List<Vector3d> pending = new ArrayList<>();
    public Tool tool = Tool.SELECT;
    public SceneObject selected;
    public StereoMode stereo = StereoMode.OFF;
    public boolean showHelp;
    public boolean showLegend = true;
    /** Clipping plane axis: -1 none, 0 sagittal (x), 1 coronal (y), 2 axial (z). */
    public int clipAxis = -1;
    public boolean clipFlip;
    public float clipOffset;
    public float frameMillis;
    private volatile String progressStage;
    private volatile double progressFraction = Double.NaN;
    private String message;
    private long messageUntil;

    public ViewerState(Scene scene) {
        this.scene = scene;
    }

    /** Loader progress (any thread); a null stage means loading is over. */
    public void setProgress(String stage, double fraction) {
        progressStage = stage;
        progressFraction = fraction;
    }

    public String progressStage() {
        return progressStage;
    }

    public double progressFraction() {
        return progressFraction;
    }

    /** Shows a message in the view for a few seconds (and prints it to stderr). */
    public void message(String text) {
        System.err.println("organ3d view: " + text);
        message = text;
        messageUntil = System.nanoTime() + 6_000_000_000L;
    }

    public String currentMessage() {
        return message != null && System.nanoTime() < messageUntil ? message : null;
    }

    /** The clipping plane in LPS (n, d) with n·p + d >= 0 kept, or null when off. */
    public Vector4f clipPlane(Vector4f dest) {
        if (clipAxis < 0) {
            return null;
        }
        float s = clipFlip ? -1f : 1f;
        dest.set(0, 0, 0, 0);
        dest.setComponent(clipAxis, s);
        dest.w = -s * clipOffset;
        return dest;
    }

    /** Adds a picked point to the measurement in progress; completes it when it has enough points. */
    public Measurement addPoint(Vector3d p) {
        Measurement.Kind kind = tool == Tool.ANGLE ? Measurement.Kind.ANGLE : Measurement.Kind.RULER;
        pending.add(new Vector3d(p));
        if (pending.size() == kind.points()) {
            Measurement m = measurements.add(kind, List.copyOf(pending));
            pending.clear();
            return m;
        }
        return null;
    }
}
