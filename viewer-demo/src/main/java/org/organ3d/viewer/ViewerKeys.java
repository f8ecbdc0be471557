package org.organ3d.viewer;

import static org.lwjgl.glfw.GLFW.*;

import java.util.List;
import java.util.Locale;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.organ3d.viewer.raycast.TransferFunction;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.viewer.slice.SliceView;
import org.organ3d.viewer.slice.WindowLevel;

/**
 * The keys of the viewer window (the list is {@link WindowHud}'s help, F1): views, layout, window
 * presets, label style, volume rendering, tools, undo/redo, the yes/no questions (while one is open
 * only Y/Enter and N/Esc count), files, stereo, organs and the clipping plane. Render thread only.
 */
final class ViewerKeys {

    private final ViewerState state;
    private final Camera camera;
    private final ViewerFrame frame;
    private final ViewerControls.Actions actions;
    private final ViewerControls controls;
    private int colourCounter = 7;

    ViewerKeys(ViewerState state, Camera camera, ViewerFrame frame, ViewerControls.Actions actions,
            ViewerControls controls) {
        this.state = state;
        this.camera = camera;
        this.frame = frame;
        this.actions = actions;
        this.controls = controls;
    }

    void key(int key, int mods) {
        boolean ctrl = (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) != 0;
        boolean shift = (mods & GLFW_MOD_SHIFT) != 0;
        if (state.prompt != null) {
            answer(key);
            return;
        }
        if (ctrl) {
            ctrlKey(key, shift);
            return;
        }
        List<SceneObject> objs = state.scene.objects();
        SceneObject sel = state.selected;
        switch (key) {
            case GLFW_KEY_ESCAPE -> actions.close();
            case GLFW_KEY_F1 -> state.showHelp = !state.showHelp;
            case GLFW_KEY_F2 -> {
                if (state.hasSlices()) {
                    state.layout = state.layout == ViewLayout.FOUR_UP ? ViewLayout.THREE_D : ViewLayout.FOUR_UP;
                } else {
                    state.message(ViewerState.Level.WARNING, "no image or label map: only the 3D layout");
                }
            }
            case GLFW_KEY_1, GLFW_KEY_2, GLFW_KEY_3, GLFW_KEY_4, GLFW_KEY_5, GLFW_KEY_6 ->
                camera.preset(ViewPreset.values()[key - GLFW_KEY_1]);
            case GLFW_KEY_R -> {   // NB: the view only; the clipping plane stays where it is
                camera.preset(actions.initialView());
                actions.fit();
                for (SliceView v : state.slices) {
                    v.reset();
                }
            }
            case GLFW_KEY_M -> {
                state.tool = ViewerState.Tool.values()[(state.tool.ordinal() + 1) % ViewerState.Tool.values().length];
                state.clearPending();
                state.message("tool: " + state.tool.name().toLowerCase(Locale.ROOT));
            }
            case GLFW_KEY_BACKSPACE -> {
                if (!state.pending.isEmpty()) {
                    state.clearPending();
                } else if (!state.measurements.isEmpty()) {
                    String l = state.measurements.get(state.measurements.size() - 1).label();
                    state.measurements.removeLast();
                    state.message("deleted " + l + " (Ctrl+Z undoes)");
                }
            }
            case GLFW_KEY_DELETE -> {
                state.clearPending();
                int n = state.measurements.size();
                if (n > 0) {
                    state.prompt = new ViewerState.Prompt("Clear all " + n + " measurements?", () -> {
                        state.measurements.clear();
                        state.message("cleared " + n + " measurements (Ctrl+Z undoes)");
                    });
                }
            }
            case GLFW_KEY_S -> {
                state.stereo = state.stereo.next(actions.stereoGranted());
                state.message("stereo: " + state.stereo.cliName());
            }
            case GLFW_KEY_O -> {
                if (sel != null) {
                    float a = sel.opacity();
                    sel.setOpacity(a > 0.9f ? 0.6f : a > 0.45f ? 0.3f : 1f);
                    frame.hud().invalidateInfo();
                }
            }
            case GLFW_KEY_P -> actions.screenshot();
            case GLFW_KEY_LEFT_BRACKET -> camera.setEyeSeparation(camera.eyeSeparation() / 1.25f);
            case GLFW_KEY_RIGHT_BRACKET -> camera.setEyeSeparation(camera.eyeSeparation() * 1.25f);
            case GLFW_KEY_X -> actions.swapEyes();
            case GLFW_KEY_G -> {
                if (sel != null) {
                    camera.convergeOn(ViewerControls.centroid(sel));
                }
            }
            case GLFW_KEY_TAB -> {
                if (!objs.isEmpty()) {
                    int i = sel == null ? 0 : (objs.indexOf(sel) + 1) % objs.size();
                    controls.select(objs.get(i));
                }
            }
            case GLFW_KEY_V -> {
                if (sel != null) {
                    sel.setVisible(!sel.isVisible());
                }
            }
            case GLFW_KEY_A -> objs.forEach(o -> o.setVisible(true));
            case GLFW_KEY_K -> {
                if (sel != null) {
                    int c = AnatomicalPalette.hue(colourCounter++);
                    sel.rgba()[0] = (c >>> 24) / 255f;
                    sel.rgba()[1] = (c >>> 16 & 0xFF) / 255f;
                    sel.rgba()[2] = (c >>> 8 & 0xFF) / 255f;
                }
            }
            case GLFW_KEY_L -> state.showLegend = !state.showLegend;
            case GLFW_KEY_I -> state.slicePlanesIn3d = !state.slicePlanesIn3d;
            case GLFW_KEY_W -> nextWindow();
            case GLFW_KEY_B -> nextLabelStyle();
            case GLFW_KEY_U -> nextVolumeRendering();
            case GLFW_KEY_C -> nextClip();
            case GLFW_KEY_COMMA -> moveClip(shift ? -10 : -1);
            case GLFW_KEY_PERIOD -> moveClip(shift ? 10 : 1);
            case GLFW_KEY_F -> {
                if (state.clip.isOn()) {
                    state.clip.flip();
                    state.message(state.clip.describe());
                }
            }
            case GLFW_KEY_J -> clipThroughSelected();
            default -> {
            }
        }
    }

    private void ctrlKey(int key, boolean shift) {
        switch (key) {
            case GLFW_KEY_Z -> {
                String what = shift ? state.measurements.redo() : state.measurements.undo();
                state.dragIndex = -1;
                state.message(what == null ? (shift ? "nothing to redo" : "nothing to undo")
                        : (shift ? "redone: " : "undone: ") + what);
            }
            case GLFW_KEY_Y -> {
                String what = state.measurements.redo();
                state.dragIndex = -1;
                state.message(what == null ? "nothing to redo" : "redone: " + what);
            }
            case GLFW_KEY_S -> actions.saveMeasurements(false);
            case GLFW_KEY_O -> actions.loadMeasurements(shift);
            case GLFW_KEY_E -> {
                if (shift) {
                    actions.exportSr();
                } else {
                    actions.exportCsv();
                }
            }
            case GLFW_KEY_UP, GLFW_KEY_DOWN -> tilt(camera.rotation().positiveX(new Vector3f()), key == GLFW_KEY_UP ? 5 : -5);
            case GLFW_KEY_LEFT, GLFW_KEY_RIGHT -> tilt(camera.rotation().positiveY(new Vector3f()),
                    key == GLFW_KEY_RIGHT ? 5 : -5);
            default -> {
            }
        }
    }

    private void answer(int key) {
        ViewerState.Prompt p = state.prompt;
        if (key == GLFW_KEY_Y || key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) {
            state.prompt = null;
            p.onYes().run();
        } else if (key == GLFW_KEY_N || key == GLFW_KEY_ESCAPE) {
            state.prompt = null;
            state.message("cancelled");
        }
    }

    private void nextWindow() {
        if (state.slicesSource == null || state.slicesSource.image() == null) {
            return;
        }
        WindowLevel.Preset[] all = WindowLevel.Preset.values();
        int i = 0;
        for (int k = 0; k < all.length; k++) {
            if (all[k].label().equals(state.window.name())) {
                i = k + 1;
            }
        }
        state.window = i < all.length ? all[i].window() : state.slicesSource.defaultWindow();
        state.message("window " + state.window.describe());
    }

    private void nextLabelStyle() {
        // outline + light fill -> fill -> outline -> off
        if (state.labelOutline > 0 && state.labelFill > 0) {
            state.labelOutline = 0;
            state.labelFill = 0.5f;
        } else if (state.labelFill > 0) {
            state.labelFill = 0;
            state.labelOutline = 1;
        } else if (state.labelOutline > 0) {
            state.labelOutline = 0;
        } else {
            state.labelOutline = 1;
            state.labelFill = 0.3f;
        }
    }

    private void nextVolumeRendering() {
        SliceSource s = state.slicesSource;
        if (s == null || s.image() == null) {
            state.message(ViewerState.Level.WARNING, "volume rendering needs an image");
            return;
        }
        if (!s.isCt()) {
            state.volumeRendering = state.volumeRendering == null ? s.defaultTransfer(TransferFunction.Preset.BONE) : null;
        } else {
            TransferFunction.Preset[] all = TransferFunction.Preset.values();
            int next = 0;
            if (state.volumeRendering != null) {
                for (int k = 0; k < all.length; k++) {
                    if (all[k].label().equals(state.volumeRendering.name())) {
                        next = k + 1;
                    }
                }
            }
            state.volumeRendering = next < all.length ? TransferFunction.ct(all[next]) : null;
        }
        state.message("volume rendering " + (state.volumeRendering == null ? "off" : state.volumeRendering.name()));
    }

    /** C: off → sagittal → coronal → axial → oblique (facing the view) → off; the plane keeps its point. */
    private void nextClip() {
        ClipPlane c = state.clip;
        Vector3d through = c.isOn() ? new Vector3d(c.point()) : state.hasSlices() ? new Vector3d(state.cursor)
                : actions.sceneCentre();
        switch (c.kind()) {
            case OFF -> c.axis(ClipPlane.Kind.SAGITTAL, through, false);
            case SAGITTAL -> c.axis(ClipPlane.Kind.CORONAL, through, false);
            case CORONAL -> c.axis(ClipPlane.Kind.AXIAL, through, false);
            case AXIAL -> {
                Vector3f f = camera.rotation().positiveZ(new Vector3f()).negate();   // viewing direction
                c.set(through, new Vector3d(f.x, f.y, f.z));
                if (c.kind() != ClipPlane.Kind.OBLIQUE) {
                    c.off();
                }
            }
            case OBLIQUE -> c.off();
        }
        state.message(c.describe());
    }

    private void moveClip(double mm) {
        if (state.clip.isOn()) {
            state.clip.move(mm);
            state.message(state.clip.describe());
        }
    }

    private void tilt(Vector3f axis, double degrees) {
        if (state.clip.isOn()) {
            state.clip.tilt(new Vector3d(axis.x, axis.y, axis.z), degrees);
            state.message(state.clip.describe());
        }
    }

    /** J: the plane (sagittal when off) through the selected organ's centroid, else through the crosshair. */
    private void clipThroughSelected() {
        ClipPlane c = state.clip;
        Vector3d through = state.selected != null ? new Vector3d(state.selected.info().centroidLps())
                : state.hasSlices() ? new Vector3d(state.cursor) : null;
        if (through == null) {
            state.message(ViewerState.Level.WARNING, "select an organ first (click it or Tab)");
            return;
        }
        if (!c.isOn()) {
            c.axis(ClipPlane.Kind.SAGITTAL, through, false);
        } else {
            c.set(through, c.normal());
        }
        state.message(c.describe() + (state.selected != null ? " (through " + state.selected.name() + ")" : ""));
    }
}
