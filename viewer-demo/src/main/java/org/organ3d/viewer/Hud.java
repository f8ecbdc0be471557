package org.organ3d.viewer;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.render.FontAtlas;
import org.organ3d.viewer.render.OverlayBatch;
import org.organ3d.viewer.render.OverlayPainter;
import org.organ3d.viewer.slice.SliceOrientation;

/**
 * The 3D view's annotations, drawn per eye: measurements (lines, points, the value, and at each
 * endpoint the name of the structure it lies on, with the eye's parallax), the crosshair point, the
 * orientation marker (L/R/A/P/S/I), a scale bar (mm at the rotation centre's depth), the organ
 * legend, the selected organ's facts and the study description. Window-wide text (status, messages,
 * questions, help, progress) is {@link WindowHud}'s. Strings are cached and rebuilt only when their
 * content changes, so a steady frame allocates nothing. Without a font only lines and markers are
 * drawn. Render thread.
 */
public final class Hud implements OverlayPainter {

    private static final int[] NICE_MM = {1, 2, 5, 10, 20, 50, 100, 200, 500};
    private static final float[][] PLANE_COLOURS = new float[3][];
    static {
        for (SliceOrientation o : SliceOrientation.all()) {
            int c = o.rgba();
            PLANE_COLOURS[o.ordinal()] = new float[] {(c >>> 24) / 255f, (c >>> 16 & 0xFF) / 255f, (c >>> 8 & 0xFF) / 255f};
        }
    }
    private final ViewerState state;
    private final FontAtlas font;
    private final Vector3f a = new Vector3f();
    private final Vector3f b = new Vector3f();
    private final Vector3f c = new Vector3f();
    private final Vector3f axis = new Vector3f();
    private final Vector3d corner = new Vector3d();
    private final Map<Measurement, String> labels = new IdentityHashMap<>();
    private final String[] scaleTexts = scaleTexts();
    private SceneObject infoFor;
    private String[] info = new String[0];
    private String description;
    private final String[] namesDrawn = new String[64];
    private final float[] namesAt = new float[128];
    private int namesCount;

    /**
     * @param font        the text atlas, or null to draw no text
     * @param interactive unused (kept for callers): window-wide text is {@link WindowHud}'s
     */
    public Hud(ViewerState state, FontAtlas font, boolean interactive) {
        this.state = state;
        this.font = font;
    }

    /** A line shown at the bottom right (e.g. the study description), or null. */
    public void setDescription(String text) {
        description = text;
    }

    @Override
    public void paint(OverlayBatch batch, Camera camera, int eye, int w, int h) {
        measurements(batch, camera, eye, w, h);
        if (state.hasSlices() && state.layout == ViewLayout.FOUR_UP) {
            planeFrames(batch, camera, eye, w, h);
            project(camera, state.cursor, eye, w, h, a);
            batch.line(a.x - 7, a.y, a.x - 2, a.y, 2f, 1, 1, 1, 0.9f);
            batch.line(a.x + 2, a.y, a.x + 7, a.y, 2f, 1, 1, 1, 0.9f);
            batch.line(a.x, a.y - 7, a.x, a.y - 2, 2f, 1, 1, 1, 0.9f);
            batch.line(a.x, a.y + 2, a.x, a.y + 7, 2f, 1, 1, 1, 0.9f);
        }
        marker(batch, camera, h);
        scaleBar(batch, camera, w, h);
        if (font == null) {
            return;
        }
        if (state.showLegend && w >= 600) {   // NB: a quarter pane is too small for it; the slices show the colours
            legend(batch, w, h);
        }
        selectedInfo(batch);
        if (description != null) {
            float tw = font.width(description);
            font.draw(batch, description, w - tw - 10, h - 10, 0.85f, 0.85f, 0.85f, 1);
        }
    }

    private void measurements(OverlayBatch batch, Camera camera, int eye, int w, int h) {
        namesCount = 0;
        List<Measurement> all = state.measurements.all();
        for (int i = 0; i < all.size(); i++) {
            Measurement m = i == state.dragIndex && state.dragged != null ? state.dragged : all.get(i);
            List<Vector3d> p = m.points();
            project(camera, p.get(0), eye, w, h, a);
            project(camera, p.get(1), eye, w, h, b);
            batch.line(a.x, a.y, b.x, b.y, 2f, 1f, 0.9f, 0.2f, 1f);
            dot(batch, a);
            dot(batch, b);
            endpointName(batch, m.structures().get(0), a);
            endpointName(batch, m.structures().get(1), b);
            Vector3f anchor = b;
            if (m.kind() == Measurement.Kind.ANGLE) {
                project(camera, p.get(2), eye, w, h, c);
                batch.line(b.x, b.y, c.x, c.y, 2f, 1f, 0.9f, 0.2f, 1f);
                dot(batch, c);
                endpointName(batch, m.structures().get(2), c);
            } else {
                anchor = a.add(b).mul(0.5f);
            }
            if (font != null) {
                String text = labels.get(m);
                if (text == null) {
                    if (labels.size() > 256) {
                        labels.clear();
                    }
                    text = m.label() + " " + m.valueText();
                    labels.put(m, text);
                }
                float tw = font.width(text);
                batch.rect(anchor.x + 6, anchor.y - font.lineHeight(), anchor.x + 12 + tw, anchor.y + 4, 0, 0, 0, 0.6f);
                font.draw(batch, text, anchor.x + 9, anchor.y - 2, 1f, 0.95f, 0.4f, 1f);
            }
        }
        for (int i = 0; i < state.pending.size(); i++) {
            project(camera, state.pending.get(i), eye, w, h, a);
            dot(batch, a);
            endpointName(batch, state.pendingNames.get(i), a);
            if (i > 0) {
                project(camera, state.pending.get(i - 1), eye, w, h, b);
                batch.line(a.x, a.y, b.x, b.y, 2f, 0.4f, 1f, 0.4f, 1f);
            }
        }
    }

    /**
     * The three slice planes through the crosshair as frames in their colours (axial red, sagittal
     * yellow, coronal green), bounded by the data's box.
     */
    private void planeFrames(OverlayBatch batch, Camera camera, int eye, int w, int h) {
        var s = state.slicesSource;
        for (SliceOrientation o : SliceOrientation.all()) {
            int ax = o.axis();
            int u = (ax + 1) % 3;
            int v = (ax + 2) % 3;
            float[] col = PLANE_COLOURS[o.ordinal()];
            for (int e = 0; e < 4; e++) {
                corner.set(state.cursor);
                corner.setComponent(u, (e == 0 || e == 3) ? s.min().get(u) : s.max().get(u));
                corner.setComponent(v, e < 2 ? s.min().get(v) : s.max().get(v));
                project(camera, corner, eye, w, h, a);
                int n = (e + 1) % 4;
                corner.setComponent(u, (n == 0 || n == 3) ? s.min().get(u) : s.max().get(u));
                corner.setComponent(v, n < 2 ? s.min().get(v) : s.max().get(v));
                project(camera, corner, eye, w, h, b);
                if (a.z > 0 && b.z > 0) {
                    batch.line(a.x, a.y, b.x, b.y, 1.5f, col[0], col[1], col[2], 0.8f);
                }
            }
        }
    }

    /**
     * The structure's name below an endpoint (small, on a dark box); not repeated when the same name
     * is already written within 60 pixels (two endpoints on one lesion).
     */
    private void endpointName(OverlayBatch batch, String name, Vector3f p) {
        if (font == null || name.isEmpty()) {
            return;
        }
        for (int i = 0; i < namesCount; i++) {
            if (namesDrawn[i].equals(name) && Math.abs(namesAt[2 * i] - p.x) < 60 && Math.abs(namesAt[2 * i + 1] - p.y) < 30) {
                return;
            }
        }
        if (namesCount < namesDrawn.length) {
            namesDrawn[namesCount] = name;
            namesAt[2 * namesCount] = p.x;
            namesAt[2 * namesCount + 1] = p.y;
            namesCount++;
        }
        float tw = font.width(name);
        float y = p.y + 6 + font.lineHeight();
        batch.rect(p.x - tw * 0.5f - 3, y - font.lineHeight() + 2, p.x + tw * 0.5f + 3, y + 4, 0, 0, 0, 0.55f);
        font.draw(batch, name, p.x - tw * 0.5f, y, 0.8f, 0.95f, 1f, 1f);
    }

    private void project(Camera camera, Vector3d p, int eye, int w, int h, Vector3f dest) {
        camera.project(dest.set((float) p.x, (float) p.y, (float) p.z), eye, w, h, dest);
    }

    private static void dot(OverlayBatch batch, Vector3f p) {
        batch.rect(p.x - 3, p.y - 3, p.x + 3, p.y + 3, 1f, 0.3f, 0.2f, 1f);
    }

    /** Axes of the patient (L = +x, P = +y, S = +z) as the camera sees them, bottom-left. */
    private void marker(OverlayBatch batch, Camera camera, int h) {
        float cx = 60;
        float cy = h - 84;
        float r = 38;
        batch.rect(cx - r - 14, cy - r - 14, cx + r + 14, cy + r + 14, 0, 0, 0, 0.35f);
        for (int i = 0; i < 3; i++) {
            axis.set(i == 0 ? 1 : 0, i == 1 ? 1 : 0, i == 2 ? 1 : 0);
            camera.rotation().transform(axis);
            float ex = cx + axis.x * r;
            float ey = cy - axis.y * r;
            float cr = i == 0 ? 1f : 0.3f;
            float cg = i == 1 ? 1f : 0.3f;
            float cb = i == 2 ? 1f : 0.3f;
            batch.line(cx, cy, ex, ey, 3f, cr, cg, cb, 1f);
            batch.line(cx, cy, cx - axis.x * r * 0.6f, cy + axis.y * r * 0.6f, 1f, cr, cg, cb, 0.6f);
            if (font != null) {
                String pos = i == 0 ? "L" : i == 1 ? "P" : "S";
                String neg = i == 0 ? "R" : i == 1 ? "A" : "I";
                font.draw(batch, pos, ex - 4 + axis.x * 8, ey + 5 - axis.y * 8, cr, cg, cb, 1f);
                font.draw(batch, neg, cx - axis.x * (r * 0.6f + 8) - 4, cy + axis.y * (r * 0.6f + 8) + 5, cr, cg, cb, 0.8f);
            }
        }
    }

    /**
     * A bar of a round length in mm at the depth of the rotation centre (perspective: nearer things
     * look larger), right of the orientation marker.
     */
    private void scaleBar(OverlayBatch batch, Camera camera, int w, int h) {
        float mmPerPixel = 2f * camera.distance() * (float) Math.tan(camera.fovY() * 0.5f) / h;
        drawScale(batch, font, scaleTexts, 130, h - 40, mmPerPixel, w);
    }

    /** A scale bar at (x, y) (its left end; y is the bar's line) for {@code mmPerPixel}. */
    static void drawScale(OverlayBatch batch, FontAtlas font, String[] texts, float x, float y, double mmPerPixel, int w) {
        int pick = 0;
        for (int i = 0; i < NICE_MM.length; i++) {
            if (NICE_MM[i] / mmPerPixel <= Math.min(150, w * 0.25)) {
                pick = i;
            }
        }
        float len = (float) (NICE_MM[pick] / mmPerPixel);
        batch.rect(x, y - 1.5f, x + len, y + 1.5f, 1, 1, 1, 0.9f);
        batch.rect(x, y - 6, x + 2, y + 6, 1, 1, 1, 0.9f);
        batch.rect(x + len - 2, y - 6, x + len, y + 6, 1, 1, 1, 0.9f);
        if (font != null) {
            font.draw(batch, texts[pick], x + len * 0.5f - font.width(texts[pick]) * 0.5f, y - 8, 1, 1, 1, 0.9f);
        }
    }

    /** The scale bar's label texts (one per round length), for {@link #drawScale}. */
    static String[] scaleTexts() {
        String[] t = new String[NICE_MM.length];
        for (int i = 0; i < NICE_MM.length; i++) {
            t[i] = NICE_MM[i] + " mm";
        }
        return t;
    }

    /**
     * One line per organ from the top right, as many as fit above the bottom margin; when more organs
     * exist than lines (maps with 100+ labels), the last line says how many are not listed.
     */
    private void legend(OverlayBatch batch, int w, int h) {
        List<SceneObject> objs = state.scene.objects();
        float y = 24;
        int fit = Math.max(1, (int) ((h - 40 - y) / font.lineHeight()) + 1);
        int shown = objs.size() <= fit ? objs.size() : fit - 1;
        for (int i = 0; i < shown; i++) {
            SceneObject o = objs.get(i);
            float[] col = o.rgba();
            float x = w - 180;
            float alpha = o.isVisible() ? 1f : 0.35f;
            batch.rect(x, y - 11, x + 12, y + 1, col[0], col[1], col[2], alpha);
            if (o == state.selected) {
                batch.rect(x - 6, y - 11, x - 3, y + 1, 1, 1, 1, 1);
            }
            font.draw(batch, o.name(), x + 18, y, 1, 1, 1, alpha);
            y += font.lineHeight();
        }
        if (shown < objs.size()) {
            font.draw(batch, "... and " + (objs.size() - shown) + " more (Tab)", w - 162, y, 0.8f, 0.8f, 0.8f, 1);
        }
    }

    private void selectedInfo(OverlayBatch batch) {
        SceneObject s = state.selected;
        if (s != infoFor) {
            infoFor = s;
            if (s == null) {
                info = new String[0];
            } else {
                OrganInfo oi = s.info();
                info = new String[] {oi.name(),
                    String.format(Locale.ROOT, "volume %.2f mL (%.0f mm3)", oi.volumeMm3() / 1000, oi.volumeMm3()),
                    String.format(Locale.ROOT, "centroid LPS (%.1f, %.1f, %.1f) mm", oi.centroidLps().x,
                            oi.centroidLps().y, oi.centroidLps().z),
                    "from " + oi.source(),
                    String.format(Locale.ROOT, "opacity %.2f%s", s.opacity(),
                            s.opacity() < Scene.SEE_THROUGH ? " (clicks pass through)" : "")};
            }
        }
        if (info.length == 0) {
            return;
        }
        float y = 24;
        float maxW = 0;
        for (String line : info) {
            maxW = Math.max(maxW, font.width(line));
        }
        batch.rect(6, y - font.lineHeight(), 16 + maxW, y + (info.length - 1) * font.lineHeight() + 6, 0, 0, 0, 0.55f);
        for (String line : info) {
            font.draw(batch, line, 11, y, 1, 1, 1, 1);
            y += font.lineHeight();
        }
    }

    /** Forces the info panel to be rebuilt (after opacity or colour changes). */
    public void invalidateInfo() {
        infoFor = null;
    }
}
