package org.organ3d.viewer;

import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector4f;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.measure.MeasurementSet;
import org.organ3d.viewer.raycast.TransferFunction;
import org.organ3d.viewer.slice.SliceOrientation;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.viewer.slice.SliceView;
import org.organ3d.viewer.slice.WindowLevel;

/**
 * What the viewer shows besides the organs: the layout and slice views (crosshair, window), volume
 * rendering, the tool, the measurements (all kept, undoable), the points of the measurement in
 * progress, the selected organ, the clipping plane, a pending yes/no question, progress and
 * messages. Render thread only, except {@link #setProgress}, which the loader calls from its worker
 * thread and from the pool threads it smooths labels on.
 */
public final class ViewerState {

    /** What a click does. */
    public enum Tool {
        SELECT, RULER, ANGLE
    }

    /** How a message is shown: grey for information, green for success, amber for warnings, red for errors. */
    public enum Level {
        INFO, SUCCESS, WARNING, ERROR
    }

    /** A question that waits for Y (or Enter) / N (or Esc): e.g. "clear all 3 measurements?". */
    public record Prompt(String question, Runnable onYes) {
    }

    public final Scene scene;
    public final MeasurementSet measurements = new MeasurementSet();
    public final List<Vector3d> pending = new ArrayList<>();
    public final List<String> pendingNames = new ArrayList<>();
    public final ClipPlane clip = new ClipPlane();
    /** The crosshair, LPS mm: the point all three slice views pass through. */
    public final Vector3d cursor = new Vector3d();
    /** The LPS point under the mouse in a slice view (its value is read out in the status line), or NaN. */
    public final Vector3d hover = new Vector3d(Double.NaN);
    public final SliceView[] slices = {new SliceView(SliceOrientation.AXIAL), new SliceView(SliceOrientation.SAGITTAL),
        new SliceView(SliceOrientation.CORONAL)};
    public Tool tool = Tool.SELECT;
    public SceneObject selected;
    public StereoMode stereo = StereoMode.OFF;
    public ViewLayout layout = ViewLayout.THREE_D;
    public boolean showHelp;
    public boolean showLegend = true;
    /**
     * Slice planes drawn as textured, opaque planes in the 3D view (2×2 layout; off by default: they
     * hide what lies behind them). Their frames are always drawn.
     */
    public boolean slicePlanesIn3d;
    /** Label map in the slice views: fill opacity and outline opacity. */
    public float labelFill = 0.3f;
    public float labelOutline = 1f;
    public WindowLevel window = WindowLevel.Preset.SOFT_TISSUE.window();
    /** The volume rendering's transfer function, or null when off. */
    public TransferFunction volumeRendering;
    /** The image and label map of the slice views, or null when there are none. */
    public SliceSource slicesSource;
    /** Measurement being dragged: its index and the moved copy (drawn instead of the original), or -1. */
    public int dragIndex = -1;
    public Measurement dragged;
    public Prompt prompt;
    public float frameMillis;
    private volatile String progressStage;
    private volatile double progressFraction = Double.NaN;
    private String message;
    private Level messageLevel = Level.INFO;
    private long messageUntil;
    private String alert;
    private Level alertLevel = Level.WARNING;
    private long alertUntil;

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

    /** Shows an information message for a few seconds (and prints it to stderr). */
    public void message(String text) {
        message(Level.INFO, text);
    }

    /**
     * Shows a message for a few seconds and prints it to stderr as {@code organ3d view: note: ...} /
     * {@code warning:} / {@code error:}. Warnings and errors also stay in their own line for twelve
     * seconds, so that a later note ("picking ready", "saved ...") never hides them.
     */
    public void message(Level level, String text) {
        String prefix = switch (level) {
            case INFO, SUCCESS -> "note: ";
            case WARNING -> "warning: ";
            case ERROR -> "error: ";
        };
        System.err.println("organ3d view: " + prefix + text);
        message = text;
        messageLevel = level;
        messageUntil = System.nanoTime() + 6_000_000_000L;
        if (level == Level.WARNING || level == Level.ERROR) {
            alert = text;
            alertLevel = level;
            alertUntil = System.nanoTime() + 12_000_000_000L;
        }
    }

    /** The latest warning or error while it is shown, or null. */
    public String currentAlert() {
        return alert != null && System.nanoTime() < alertUntil ? alert : null;
    }

    public Level alertLevel() {
        return alertLevel;
    }

    public String currentMessage() {
        return message != null && System.nanoTime() < messageUntil ? message : null;
    }

    public Level currentLevel() {
        return messageLevel;
    }

    /** The clipping plane in LPS (n, d) with n·p + d >= 0 kept, or null when off. */
    public Vector4f clipPlane(Vector4f dest) {
        return clip.equation(dest);
    }

    /** True when there are slice views to show (an image or a label map was loaded). */
    public boolean hasSlices() {
        return slicesSource != null;
    }

    /** The tool's measurement kind. */
    public Measurement.Kind kind() {
        return tool == Tool.ANGLE ? Measurement.Kind.ANGLE : Measurement.Kind.RULER;
    }

    /**
     * Adds a picked point (on {@code structure}) to the measurement in progress; completes it (an
     * undoable step) when it has enough points and returns it, else returns null.
     */
    public Measurement addPoint(Vector3d p, String structure) {
        Measurement.Kind kind = kind();
        pending.add(new Vector3d(p));
        pendingNames.add(structure == null ? "" : structure);
        if (pending.size() == kind.points()) {
            Measurement m = measurements.add(kind, List.copyOf(pending), List.copyOf(pendingNames));
            clearPending();
            return m;
        }
        return null;
    }

    /** As {@link #addPoint(Vector3d, String)} without a structure name. */
    public Measurement addPoint(Vector3d p) {
        return addPoint(p, "");
    }

    /**
     * Takes over a loaded scene's slice data and study as {@code o} asks: layout (2×2 when there are
     * slice views unless asked otherwise), window, volume rendering (on when asked, or when there is an
     * image and no surface), and the crosshair (the asked point, or the data's centre on a voxel
     * centre). Returns a warning for the user, or null.
     */
    public String adopt(LoadedScene l, ViewerOptions o) {
        measurements.setReference(l.reference());
        slicesSource = l.slices();
        if (slicesSource == null) {
            layout = ViewLayout.THREE_D;
            return o.layout() == ViewLayout.FOUR_UP ? "no image or label map: the 2x2 layout needs one; showing 3D" : null;
        }
        layout = o.layout() != null ? o.layout() : ViewLayout.FOUR_UP;
        window = o.window() != null ? o.window() : slicesSource.defaultWindow();
        if (slicesSource.image() != null && (o.volumeRendering() != null || l.objects().isEmpty())) {
            volumeRendering = slicesSource.defaultTransfer(o.volumeRendering() != null ? o.volumeRendering()
                    : TransferFunction.Preset.BONE);
        }
        if (o.crosshair() != null) {
            cursor.set(o.crosshair());
        } else {
            slicesSource.min().add(slicesSource.max(), cursor).mul(0.5);
            for (SliceOrientation so : SliceOrientation.values()) {
                slicesSource.snap(cursor, so);
            }
        }
        return null;
    }

    public void clearPending() {
        pending.clear();
        pendingNames.clear();
    }
}
