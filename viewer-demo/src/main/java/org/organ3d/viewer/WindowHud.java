package org.organ3d.viewer;

import java.util.Locale;
import org.organ3d.viewer.render.FontAtlas;
import org.organ3d.viewer.render.OverlayBatch;

/**
 * Window-wide text over all panes: the status line (tool, layout, stereo, measurements, clipping
 * plane in mm, window, the position, voxel, value and label under the mouse in a slice view,
 * picking readiness, frame time; live window only), the message of the moment in its
 * level's colour (grey information, green success, amber warning, red error), a pending yes/no
 * question, help (F1) and loading progress. The status line is rebuilt four times a second; other
 * strings come from the state. Render thread.
 */
public final class WindowHud {

    private static final String[] HELP = {
        "mouse 3D: left drag rotate, right/shift drag pan, wheel zoom, click select / measure, drag an endpoint to move it",
        "mouse slices: click/drag crosshair (ruler/angle: measure), wheel scroll, right drag window/level, shift+wheel zoom",
        "1-6 anterior/posterior/left/right/superior/inferior   R reset view   F2 layout 3D / 2x2",
        "W window preset (soft tissue, lung, bone, liver, brain)   B label outline/fill   U volume rendering preset",
        "M tool (select/ruler/angle)   Ctrl+Z undo   Ctrl+Y redo   Backspace delete last   Delete clear all (asks)",
        "Ctrl+S save measurements   Ctrl+O load (Ctrl+Shift+O: even from another study)   P screenshot",
        "Ctrl+E export CSV   Ctrl+Shift+E export the rulers as a DICOM SR (needs a DICOM image)",
        "S stereo mode   [ ] eye separation   X swap eyes   G converge on selected   Tab next organ",
        "V hide/show   A show all   O opacity   K colour   L legend   I slice planes in 3D",
        "C clip plane (sagittal, coronal, axial, oblique, off)   , . move 1 mm (shift 10)   F flip   J through selected",
        "Ctrl+arrows tilt the clip plane 5 deg   Ctrl+drag in 3D moves it   F1 help   Esc quit"};
    private static final float[][] BACKGROUND = {{0.15f, 0.17f, 0.2f}, {0.1f, 0.4f, 0.15f}, {0.55f, 0.4f, 0.05f},
        {0.6f, 0.1f, 0.1f}};
    private final ViewerState state;
    private final FontAtlas font;
    private final boolean interactive;
    private final StringBuilder status = new StringBuilder(192);
    private long statusStamp;

    /**
     * @param font        the text atlas, or null to draw nothing
     * @param interactive true to draw the status line of a live window
     */
    public WindowHud(ViewerState state, FontAtlas font, boolean interactive) {
        this.state = state;
        this.font = font;
        this.interactive = interactive;
    }

    /** Paints into a w×h batch covering the window. */
    public void paint(OverlayBatch batch, int w, int h) {
        if (font == null) {
            return;
        }
        if (interactive) {
            statusLine(batch, h);
        }
        if (state.showHelp) {
            float y = 130;
            float hw = 0;
            for (String line : HELP) {
                hw = Math.max(hw, font.width(line));
            }
            batch.rect(8, y - font.lineHeight(), 20 + hw, y + HELP.length * font.lineHeight(), 0, 0, 0, 0.75f);
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
        float top = 8;
        String alert = state.currentAlert();
        if (alert != null) {
            top = line(batch, alert, state.alertLevel(), w, top);
        }
        String msg = state.currentMessage();
        if (msg != null && msg != alert) {
            line(batch, msg, state.currentLevel(), w, top);
        }
        ViewerState.Prompt p = state.prompt;
        if (p != null) {
            String q = p.question();
            float qw = Math.max(font.width(q), 260);
            float cx = w * 0.5f;
            float cy = h * 0.4f;
            batch.rect(cx - qw * 0.5f - 14, cy - 2 * font.lineHeight(), cx + qw * 0.5f + 14, cy + font.lineHeight() + 8,
                    0.12f, 0.12f, 0.16f, 0.95f);
            batch.rect(cx - qw * 0.5f - 14, cy - 2 * font.lineHeight(), cx + qw * 0.5f + 14, cy - 2 * font.lineHeight() + 3,
                    0.9f, 0.6f, 0.1f, 1f);
            font.draw(batch, q, cx - font.width(q) * 0.5f, cy - font.lineHeight() * 0.6f, 1, 1, 1, 1);
            String keys = "Y / Enter: yes     N / Esc: no";
            font.draw(batch, keys, cx - font.width(keys) * 0.5f, cy + font.lineHeight(), 0.9f, 0.8f, 0.5f, 1);
        }
    }

    /** One message line centred at the top (from {@code top}) in its level's colour; returns the next line's top. */
    private float line(OverlayBatch batch, String text, ViewerState.Level level, int w, float top) {
        float mw = font.width(text);
        float[] bg = BACKGROUND[level.ordinal()];
        batch.rect(w * 0.5f - mw * 0.5f - 8, top, w * 0.5f + mw * 0.5f + 8, top + 6 + font.lineHeight(), bg[0], bg[1], bg[2],
                0.9f);
        font.draw(batch, text, w * 0.5f - mw * 0.5f, top + font.lineHeight(), 1, 1, 1, 1);
        return top + 10 + font.lineHeight();
    }

    private void statusLine(OverlayBatch batch, int h) {
        long now = System.nanoTime();
        if (now - statusStamp > 250_000_000L) {   // rebuild four times a second
            statusStamp = now;
            status.setLength(0);
            status.append("tool ").append(state.tool.name().toLowerCase(Locale.ROOT))
                    .append(state.pending.isEmpty() ? "" : " (" + state.pending.size() + " pts)")
                    .append(" | ").append(state.layout.cliName())
                    .append(" | stereo ").append(state.stereo.cliName())
                    .append(" | measurements ").append(state.measurements.size())
                    .append(" | ").append(state.clip.describe());
            if (state.volumeRendering != null) {
                status.append(" | volume ").append(state.volumeRendering.name());
            }
            if (state.hasSlices() && state.slicesSource.image() != null) {
                status.append(" | ").append(state.window.describe());
            }
            if (state.hasSlices() && !Double.isNaN(state.hover.x)) {
                status.append(" | mouse ").append(state.slicesSource.readout(state.hover));
            }
            if (!state.scene.isPickingReady() && !state.scene.isEmpty()) {
                status.append(" | picking: preparing");
            }
            status.append(" | ").append(Math.round(state.frameMillis * 10) / 10f).append(" ms | F1 help");
        }
        batch.rect(0, h - 22, 10 + font.width(status), h, 0, 0, 0, 0.6f);
        font.draw(batch, status, 6, h - 6, 0.85f, 0.85f, 0.85f, 1);
    }
}
