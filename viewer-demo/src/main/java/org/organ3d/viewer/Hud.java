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

/**
 * The viewer's annotations, drawn per eye: measurements (lines, points, labels with the eye's
 * parallax), the orientation marker (L/R/A/P/S/I), the organ legend, the selected organ's facts,
 * status, help and loading progress. Strings are cached and rebuilt only when their content changes
 * (the status line four times a second), so a steady frame allocates nothing else. Without a font only lines and markers are drawn. Render thread.
 */
public final class Hud implements OverlayPainter {

    private static final String[] HELP = {
        "mouse: left drag rotate, right/shift drag pan, wheel zoom, click select/measure",
        "1-6 anterior/posterior/left/right/superior/inferior   R reset view",
        "M tool (select/ruler/angle)   Backspace undo measurement   Delete clear all",
        "Ctrl+S save measurements JSON   Ctrl+O load them   P screenshot",
        "S stereo mode   [ ] eye separation   X swap eyes   G converge on selected",
        "Tab next organ   V hide/show   A show all   O opacity   K colour   L legend",
        "C clip plane axis   , . move plane   F flip plane   F1 help   Esc quit"};
    private final ViewerState state;
    private final FontAtlas font;
    private final Vector3f a = new Vector3f();
    private final Vector3f b = new Vector3f();
    private final Vector3f c = new Vector3f();
    private final Vector3f axis = new Vector3f();
    private final Map<Measurement, String> labels = new IdentityHashMap<>();
    private final StringBuilder status = new StringBuilder(128);
    private SceneObject infoFor;
    private String[] info = new String[0];
    private final boolean interactive;
    private long statusStamp;

    /**
     * @param font        the text atlas, or null to draw no text
     * @param interactive true to draw the status line (tool, stereo, frame time) for a live window
     */
    public Hud(ViewerState state, FontAtlas font, boolean interactive) {
        this.state = state;
        this.font = font;
        this.interactive = interactive;
    }

    @Override
    public void paint(OverlayBatch batch, Camera camera, int eye, int w, int h) {
        measurements(batch, camera, eye, w, h);
        marker(batch, camera, h);
        if (font == null) {
            return;
        }
        if (state.showLegend) {
            legend(batch, w, h);
        }
        selectedInfo(batch);
        if (interactive) {
            statusLine(batch, h);
        }
        if (state.showHelp) {
            float y = 130;
            batch.rect(8, y - font.lineHeight(), 8 + 620, y + HELP.length * font.lineHeight(), 0, 0, 0, 0.6f);
            for (String line : HELP) {
                font.draw(batch, line, 14, y, 1, 1, 1, 1);
                y += font.lineHeight();
            }
        }
        String stage = state.progressStage();
        if (stage != null) {
            float cx = w * 0.5f;
            float cy = h * 0.5f;
            batch.rect(cx - 160, cy - 28, cx + 160, cy + 16, 0, 0, 0, 0.7f);
            double f = state.progressFraction();
            float t = (float) (System.nanoTime() % 2_000_000_000L) / 2e9f;
            if (Double.isNaN(f)) {   // indeterminate: a moving block
                batch.rect(cx - 150 + 240 * t, cy + 2, cx - 150 + 240 * t + 60, cy + 10, 0.4f, 0.7f, 1f, 1);
            } else {
                batch.rect(cx - 150, cy + 2, cx - 150 + 300 * (float) f, cy + 10, 0.4f, 0.7f, 1f, 1);
            }
            font.draw(batch, stage, cx - 150, cy - 8, 1, 1, 1, 1);
        }
        String msg = state.currentMessage();
        if (msg != null) {
            float mw = font.width(msg);
            batch.rect(w * 0.5f - mw * 0.5f - 8, 8, w * 0.5f + mw * 0.5f + 8, 14 + font.lineHeight(), 0.5f, 0.1f, 0.1f, 0.8f);
            font.draw(batch, msg, w * 0.5f - mw * 0.5f, 8 + font.lineHeight(), 1, 1, 1, 1);
        }
    }

    private void measurements(OverlayBatch batch, Camera camera, int eye, int w, int h) {
        List<Measurement> all = state.measurements.all();
        for (int i = 0; i < all.size(); i++) {
            Measurement m = all.get(i);
            List<Vector3d> p = m.points();
            project(camera, p.get(0), eye, w, h, a);
            project(camera, p.get(1), eye, w, h, b);
            batch.line(a.x, a.y, b.x, b.y, 2f, 1f, 0.9f, 0.2f, 1f);
            dot(batch, a);
            dot(batch, b);
            Vector3f anchor = b;
            if (m.kind() == Measurement.Kind.ANGLE) {
                project(camera, p.get(2), eye, w, h, c);
                batch.line(b.x, b.y, c.x, c.y, 2f, 1f, 0.9f, 0.2f, 1f);
                dot(batch, c);
            } else {
                anchor = a.add(b).mul(0.5f);
            }
            if (font != null) {
                String text = labels.computeIfAbsent(m, k -> k.label() + " " + k.valueText());
                float tw = font.width(text);
                batch.rect(anchor.x + 6, anchor.y - font.lineHeight(), anchor.x + 12 + tw, anchor.y + 4, 0, 0, 0, 0.6f);
                font.draw(batch, text, anchor.x + 9, anchor.y - 2, 1f, 0.95f, 0.4f, 1f);
            }
        }
        for (int i = 0; i < state.pending.size(); i++) {
            project(camera, state.pending.get(i), eye, w, h, a);
            dot(batch, a);
            if (i > 0) {
                project(camera, state.pending.get(i - 1), eye, w, h, b);
                batch.line(a.x, a.y, b.x, b.y, 2f, 0.4f, 1f, 0.4f, 1f);
            }
        }
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
                    String.format(Locale.ROOT, "opacity %.2f", s.opacity())};
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

    private void statusLine(OverlayBatch batch, int h) {
        long now = System.nanoTime();
        if (now - statusStamp > 250_000_000L) {   // rebuild four times a second
            statusStamp = now;
            status.setLength(0);
            status.append("tool ").append(state.tool.name().toLowerCase(Locale.ROOT))
                    .append(state.pending.isEmpty() ? "" : " (" + state.pending.size() + " pts)")
                    .append(" | stereo ").append(state.stereo.cliName())
                    .append(" | measurements ").append(state.measurements.size())
                    .append(" | clip ").append(state.clipAxis < 0 ? "off" : new String[] {"sagittal", "coronal", "axial"}[state.clipAxis])
                    .append(" | ").append(Math.round(state.frameMillis * 10) / 10f).append(" ms | F1 help");
        }
        batch.rect(0, h - 22, 10 + font.width(status), h, 0, 0, 0, 0.5f);
        font.draw(batch, status, 6, h - 6, 0.85f, 0.85f, 0.85f, 1);
    }
}
