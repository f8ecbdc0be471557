package org.organ3d.viewer;

import java.util.List;
import java.util.Locale;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.render.FontAtlas;
import org.organ3d.viewer.render.OverlayBatch;
import org.organ3d.viewer.slice.SliceOrientation;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.viewer.slice.SliceView;

/**
 * A slice pane's annotations: the crosshair (the traces of the other two planes in their colours,
 * with a gap around the point so the voxel under it stays visible), the pane's title (plane and
 * position in mm), the patient-edge letters, the value read-out at the crosshair (exact, from the
 * CPU volume), the window, a scale bar, the clipping plane's trace and the measurements (points on
 * this slice solid, others hollow). Strings are rebuilt only when what they show changes. Render
 * thread.
 */
public final class SliceHud {

    private static final float[][] COLOURS = new float[3][];
    static {
        for (SliceOrientation o : SliceOrientation.all()) {
            int c = o.rgba();
            COLOURS[o.ordinal()] = new float[] {(c >>> 24) / 255f, (c >>> 16 & 0xFF) / 255f, (c >>> 8 & 0xFF) / 255f};
        }
    }

    private final ViewerState state;
    private final FontAtlas font;
    private final double[] cornerDistance = new double[4];
    private final float[][] cornerPixel = new float[4][2];
    private final Vector3d a = new Vector3d();
    private final Vector3d b = new Vector3d();
    private final Vector3d c = new Vector3d();
    private final Vector3d p = new Vector3d();
    private final String[] titles = new String[3];
    private final double[] titleAt = {Double.NaN, Double.NaN, Double.NaN};
    private final String[] scaleTexts = Hud.scaleTexts();
    private final Vector3d readoutAt = new Vector3d(Double.NaN);
    private String readout = "";
    private String windowText = "";
    private Object windowFor;

    public SliceHud(ViewerState state, FontAtlas font) {
        this.state = state;
        this.font = font;
    }

    /** Paints the pane of {@code view} into a batch begun for the pane (w×h). */
    public void paint(OverlayBatch batch, SliceView view, int w, int h) {
        SliceOrientation o = view.orientation();
        float[] col = COLOURS[o.ordinal()];
        batch.rect(0, 0, w, 2, col[0], col[1], col[2], 1);
        crosshair(batch, view, w, h);
        clipTrace(batch, view, w, h);
        measurements(batch, view);
        Hud.drawScale(batch, font, scaleTexts, w - 170, h - 60, view.mmPerPixel(), w);
        if (font == null) {
            return;
        }
        int k = o.ordinal();
        double at = state.cursor.get(o.axis());
        if (titles[k] == null || Math.abs(at - titleAt[k]) > 1e-9) {
            titleAt[k] = at;
            String side = switch (o) {
                case AXIAL -> at >= 0 ? "S" : "I";
                case CORONAL -> at >= 0 ? "P" : "A";
                case SAGITTAL -> at >= 0 ? "L" : "R";
            };
            int[] slice = state.slicesSource == null ? null : state.slicesSource.sliceOf(o, state.cursor);
            titles[k] = String.format(Locale.ROOT, "%s  %s %.1f mm%s", o.label(), side, Math.abs(at),
                    slice == null ? "" : "  (slice " + (slice[0] + 1) + " of " + slice[1] + ")");
        }
        font.draw(batch, titles[k], 8, 4 + font.lineHeight(), col[0], col[1], col[2], 1);
        String[] e = o.edgeLetters();
        font.draw(batch, e[0], 4, h * 0.5f + 5, 0.9f, 0.9f, 0.6f, 1);
        font.draw(batch, e[1], w - 4 - font.width(e[1]), h * 0.5f + 5, 0.9f, 0.9f, 0.6f, 1);
        font.draw(batch, e[2], w * 0.5f - font.width(e[2]) * 0.5f, 4 + 2 * font.lineHeight(), 0.9f, 0.9f, 0.6f, 1);
        font.draw(batch, e[3], w * 0.5f - font.width(e[3]) * 0.5f, h - 14 - 2 * font.lineHeight(), 0.9f, 0.9f, 0.6f, 1);
        SliceSource src = state.slicesSource;
        if (src != null) {
            if (!readoutAt.equals(state.cursor)) {
                readoutAt.set(state.cursor);
                readout = src.readout(state.cursor);
            }
            batch.rect(0, h - 8 - 2 * font.lineHeight(), font.width(readout) + 14, h - 4 - font.lineHeight(), 0, 0, 0, 0.55f);
            font.draw(batch, readout, 7, h - 8 - font.lineHeight(), 1, 1, 1, 1);
            if (src.image() != null) {
                if (windowFor != state.window) {
                    windowFor = state.window;
                    windowText = state.window.describe();
                }
                font.draw(batch, windowText, 7, h - 6, 0.75f, 0.75f, 0.75f, 1);
            }
        }
    }

    private void crosshair(OverlayBatch batch, SliceView view, int w, int h) {
        view.toPane(state.cursor, p);
        float x = (float) p.x;
        float y = (float) p.y;
        float gap = 8;
        float[] v = COLOURS[planeAlong(view.orientation().right()).ordinal()];   // vertical: the plane normal to "right"
        float[] hz = COLOURS[planeAlong(view.orientation().down()).ordinal()];
        batch.line(x, 0, x, y - gap, 1f, v[0], v[1], v[2], 0.85f);
        batch.line(x, y + gap, x, h, 1f, v[0], v[1], v[2], 0.85f);
        batch.line(0, y, x - gap, y, 1f, hz[0], hz[1], hz[2], 0.85f);
        batch.line(x + gap, y, w, y, 1f, hz[0], hz[1], hz[2], 0.85f);
    }

    private static SliceOrientation planeAlong(Vector3dc axis) {
        for (SliceOrientation o : SliceOrientation.all()) {
            if (Math.abs(o.normal().dot(axis)) > 0.5) {
                return o;
            }
        }
        return SliceOrientation.AXIAL;
    }

    /** Where the clipping plane cuts this slice: a dashed orange line. */
    private void clipTrace(OverlayBatch batch, SliceView view, int w, int h) {
        if (!state.clip.isOn()) {
            return;
        }
        // corners' signed distances from the clipping plane; the trace joins the edge crossings
        double[] d = cornerDistance;
        float[][] px = cornerPixel;
        px[1][0] = w;
        px[2][0] = w;
        px[2][1] = h;
        px[3][1] = h;
        for (int i = 0; i < 4; i++) {
            view.toLps(px[i][0], px[i][1], a);
            d[i] = state.clip.distance(a);
        }
        float x0 = Float.NaN;
        float y0 = Float.NaN;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            if ((d[i] < 0) != (d[j] < 0)) {
                float t = (float) (d[i] / (d[i] - d[j]));
                float x = px[i][0] + t * (px[j][0] - px[i][0]);
                float y = px[i][1] + t * (px[j][1] - px[i][1]);
                if (Float.isNaN(x0)) {
                    x0 = x;
                    y0 = y;
                } else {
                    dashed(batch, x0, y0, x, y);
                    return;
                }
            }
        }
    }

    private static void dashed(OverlayBatch batch, float x0, float y0, float x1, float y1) {
        float len = (float) Math.hypot(x1 - x0, y1 - y0);
        for (float s = 0; s < len; s += 12) {
            float e = Math.min(len, s + 7);
            batch.line(x0 + (x1 - x0) * s / len, y0 + (y1 - y0) * s / len, x0 + (x1 - x0) * e / len,
                    y0 + (y1 - y0) * e / len, 2f, 1f, 0.55f, 0.1f, 0.9f);
        }
    }

    private void measurements(OverlayBatch batch, SliceView view) {
        double near = state.slicesSource != null ? state.slicesSource.step(view.orientation()) * 0.5 + 1e-6 : 0.5;
        List<Measurement> all = state.measurements.all();
        for (int i = 0; i < all.size(); i++) {
            Measurement m = i == state.dragIndex && state.dragged != null ? state.dragged : all.get(i);
            List<Vector3d> pts = m.points();
            view.toPane(pts.get(0), a);
            view.toPane(pts.get(1), b);
            boolean on = Math.abs(a.z) <= near && Math.abs(b.z) <= near;
            float alpha = on ? 1f : 0.35f;
            batch.line((float) a.x, (float) a.y, (float) b.x, (float) b.y, 2f, 1f, 0.9f, 0.2f, alpha);
            point(batch, a, near);
            point(batch, b, near);
            if (m.kind() == Measurement.Kind.ANGLE) {
                view.toPane(pts.get(2), c);
                batch.line((float) b.x, (float) b.y, (float) c.x, (float) c.y, 2f, 1f, 0.9f, 0.2f, alpha);
                point(batch, c, near);
            }
            if (font != null && on) {
                font.draw(batch, m.label(), (float) b.x + 6, (float) b.y - 4, 1f, 0.95f, 0.4f, 1f);
            }
        }
        for (int i = 0; i < state.pending.size(); i++) {
            view.toPane(state.pending.get(i), a);
            point(batch, a, near);
        }
    }

    private static void point(OverlayBatch batch, Vector3d q, double near) {
        float x = (float) q.x;
        float y = (float) q.y;
        if (Math.abs(q.z) <= near) {
            batch.rect(x - 3, y - 3, x + 3, y + 3, 1f, 0.3f, 0.2f, 1f);
        } else {
            batch.line(x - 3, y - 3, x + 3, y - 3, 1f, 1f, 0.3f, 0.2f, 0.6f);
            batch.line(x - 3, y + 3, x + 3, y + 3, 1f, 1f, 0.3f, 0.2f, 0.6f);
            batch.line(x - 3, y - 3, x - 3, y + 3, 1f, 1f, 0.3f, 0.2f, 0.6f);
            batch.line(x + 3, y - 3, x + 3, y + 3, 1f, 1f, 0.3f, 0.2f, 0.6f);
        }
    }
}
