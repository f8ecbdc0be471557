package org.organ3d.viewer;

import static org.lwjgl.opengl.GL30C.*;

import org.joml.Vector4f;
import org.organ3d.viewer.render.FontAtlas;
import org.organ3d.viewer.render.OverlayBatch;
import org.organ3d.viewer.render.SceneRenderer;
import org.organ3d.viewer.slice.SliceView;

/**
 * One frame of the whole window: the 3D view (surfaces, slice planes, volume rendering, its
 * annotations) and, in the 2×2 layout, the axial, sagittal and coronal slice panes with theirs, then
 * the window-wide text. The 2×2 layout needs an image or a label map; without one the 3D view fills
 * the window. Used by the live window and by the offscreen renderer alike. Allocation-free per
 * frame. GL thread only; {@link #delete()} frees the textures and programs it made (not the
 * {@link SceneRenderer}, which the caller owns).
 */
public final class ViewerFrame {

    private final SceneRenderer renderer;
    private final ViewerState state;
    private final VolumeLayer volume;
    private final Hud hud;
    private final SliceHud sliceHud;
    private final WindowHud windowHud;
    private final Vector4f clip = new Vector4f();
    private final int[] rect = new int[4];

    /**
     * @param font        text atlas, or null for no text
     * @param interactive true for a live window (status line)
     */
    public ViewerFrame(SceneRenderer renderer, ViewerState state, FontAtlas font, boolean interactive) {
        this.renderer = renderer;
        this.state = state;
        this.volume = new VolumeLayer(state);
        this.hud = new Hud(state, font, interactive);
        this.sliceHud = new SliceHud(state, font);
        this.windowHud = new WindowHud(state, font, interactive);
    }

    public Hud hud() {
        return hud;
    }

    /** The layout actually shown: 2×2 only when there are slice views. */
    public ViewLayout effectiveLayout() {
        return state.layout == ViewLayout.FOUR_UP && state.hasSlices() ? ViewLayout.FOUR_UP : ViewLayout.THREE_D;
    }

    /**
     * Lays out the slice views for a w×h window without drawing (input handling needs the mapping
     * between pane pixels and LPS before the first frame).
     */
    public void layoutSlices(int w, int h) {
        if (state.slicesSource == null) {
            return;
        }
        ViewLayout l = effectiveLayout();
        for (int p = 1; p <= 3; p++) {
            if (l.pane(p, w, h, rect)) {
                state.slices[p - 1].layout(rect[2], rect[3], state.slicesSource.min(), state.slicesSource.max(),
                        state.cursor);
            }
        }
    }

    /** Renders the window (w×h) into framebuffer {@code fbo}. */
    public void render(Camera camera, int fbo, int w, int h) {
        volume.sync();
        renderer.setLayer(volume);
        renderer.setClipPlane(state.clipPlane(clip));
        renderer.setSelected(state.selected);
        ViewLayout l = effectiveLayout();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w, h);
        glDisable(GL_SCISSOR_TEST);
        glClearColor(0.03f, 0.03f, 0.04f, 1f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        l.pane(0, w, h, rect);
        renderer.render(state.scene.objects(), camera, state.stereo, fbo, rect[0], h - rect[1] - rect[3], rect[2], rect[3],
                hud);
        OverlayBatch overlay = renderer.overlay();
        layoutSlices(w, h);
        if (l == ViewLayout.FOUR_UP) {
            for (int p = 1; p <= 3; p++) {
                l.pane(p, w, h, rect);
                SliceView v = state.slices[p - 1];
                glBindFramebuffer(GL_FRAMEBUFFER, fbo);
                glViewport(rect[0], h - rect[1] - rect[3], rect[2], rect[3]);
                volume.drawPane(v);
                overlay.begin(rect[2], rect[3]);
                sliceHud.paint(overlay, v, rect[2], rect[3]);
                overlay.flush();
            }
        }
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w, h);
        overlay.begin(w, h);
        if (l == ViewLayout.FOUR_UP) {
            overlay.rect(w / 2f - 1, 0, w / 2f + 1, h, 0.35f, 0.35f, 0.4f, 1);
            overlay.rect(0, h / 2f - 1, w, h / 2f + 1, 0.35f, 0.35f, 0.4f, 1);
        }
        windowHud.paint(overlay, w, h);
        overlay.flush();
    }

    public void delete() {
        volume.delete();
    }
}
