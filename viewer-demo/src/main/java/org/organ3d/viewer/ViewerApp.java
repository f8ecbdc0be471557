package org.organ3d.viewer;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL11C.glFinish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.joml.Vector3f;
import org.joml.Vector4f;
import org.lwjgl.system.MemoryStack;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.measure.MeasurementSet;
import org.organ3d.viewer.pick.Hit;
import org.organ3d.viewer.pick.TriangleBvh;
import org.organ3d.viewer.render.FontAtlas;
import org.organ3d.viewer.render.GlContext;
import org.organ3d.viewer.render.SceneRenderer;
import org.organ3d.viewer.render.Screenshots;

/**
 * The interactive viewer window ({@code organ3d view}), structured as init / loop / cleanup.
 *
 * <p>init: a GLFW window with a 3.3 core context (GLFW_STEREO requested before creation when quad
 * stereo is asked for; when the driver refuses, a message says so and the view falls back to
 * anaglyph), the renderer, font and input callbacks; the loader starts on a worker thread.
 * loop: events, hand-over of loaded organs (GPU upload on this thread), one frame, swap; the window
 * stays responsive while surfaces are built, with a progress indicator. cleanup: every GL object,
 * the window, GLFW and the worker thread. Key bindings: {@link Hud} help (F1).
 *
 * <p>Must run on the main thread on macOS (-XstartOnFirstThread; the launcher adds it).
 */
public final class ViewerApp {

    private final ViewerOptions options;
    private final Scene scene = new Scene();
    private final ViewerState state = new ViewerState(scene);
    private final Camera camera = new Camera();
    private final Vector3f rayOrigin = new Vector3f();
    private final Vector3f rayDir = new Vector3f();
    private final Vector4f clip = new Vector4f();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "organ3d-viewer-loader");
        t.setDaemon(true);
        return t;
    });
    private GlContext context;
    private SceneRenderer renderer;
    private Optional<FontAtlas> font = Optional.empty();
    private Hud hud;
    private Future<Loaded> loading;
    private int fbWidth;
    private int fbHeight;
    private int winWidth;
    private int winHeight;
    private double lastX;
    private double lastY;
    private double pressX;
    private double pressY;
    private int dragButton = -1;
    private boolean panDrag;
    private boolean screenshotRequested;
    private int colourCounter = 7;

    private record Loaded(List<SceneObject> objects, TriangleBvh bvh) {
    }

    ViewerApp(ViewerOptions options) {
        this.options = options;
    }

    /** Opens the window and runs until it is closed; returns the exit code (0). */
    public static int run(ViewerOptions options) {
        ViewerApp app = new ViewerApp(options);
        app.init();
        try {
            app.loop();
        } finally {
            app.cleanup();
        }
        return 0;
    }

    void init() {
        boolean wantQuad = options.stereo() == StereoMode.QUAD;
        context = new GlContext(options.width(), options.height(), "organ3d view", true, wantQuad);
        renderer = new SceneRenderer();
        font = FontAtlas.find(16f);
        font.ifPresent(f -> renderer.overlay().setFontTexture(f.texture()));
        hud = new Hud(state, font.orElse(null), true);
        if (font.isEmpty()) {
            state.message("no font could be baked (see stderr): labels are not drawn");
        }
        state.stereo = options.stereo();
        if (wantQuad && !context.stereoGranted()) {
            state.stereo = StereoMode.ANAGLYPH;
            state.message("quad-buffered stereo refused by the driver (no stereo framebuffer): using anaglyph");
        }
        camera.preset(options.preset());
        long w = context.window();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            var pw = stack.mallocInt(1);
            var ph = stack.mallocInt(1);
            glfwGetFramebufferSize(w, pw, ph);
            fbWidth = pw.get(0);
            fbHeight = ph.get(0);
            glfwGetWindowSize(w, pw, ph);
            winWidth = pw.get(0);
            winHeight = ph.get(0);
        }
        glfwSetFramebufferSizeCallback(w, (win, fw, fh) -> {
            fbWidth = fw;
            fbHeight = fh;
        });
        glfwSetWindowSizeCallback(w, (win, ww, wh) -> {
            winWidth = ww;
            winHeight = wh;
        });
        glfwSetKeyCallback(w, (win, key, sc, action, mods) -> {
            if (action != GLFW_RELEASE) {
                key(key, mods);
            }
        });
        glfwSetMouseButtonCallback(w, (win, button, action, mods) -> button(button, action, mods));
        glfwSetCursorPosCallback(w, (win, x, y) -> cursor(x, y));
        glfwSetScrollCallback(w, (win, dx, dy) -> camera.zoom((float) Math.pow(0.9, dy)));
        glfwSwapInterval(1);
        loadMeasurementsIfPresent();
        state.setProgress("starting", Double.NaN);
        loading = worker.submit(() -> {
            List<SceneObject> objs = SceneLoader.load(options.inputs(), options.labels(), options.iso(),
                    options.backend(), options.rasMeshes(), state::setProgress);
            state.setProgress("building picking BVH", Double.NaN);
            return new Loaded(objs, Scene.buildPicking(objs));
        });
    }

    private void loop() {
        long w = context.window();
        while (!glfwWindowShouldClose(w)) {
            if (loading != null || dragButton >= 0) {
                glfwWaitEventsTimeout(1 / 60.0);
            } else {
                glfwWaitEventsTimeout(0.25);
            }
            frame();
        }
    }

    /** One iteration after event handling: hand-over of loaded organs, render, optional screenshot, swap. */
    void frame() {
        takeLoaded();
        if (fbWidth < 1 || fbHeight < 1) {
            return;   // minimised
        }
        long t0 = System.nanoTime();
        renderer.setClipPlane(state.clipPlane(clip));
        renderer.setSelected(state.selected);
        renderer.render(scene.objects(), camera, state.stereo, 0, fbWidth, fbHeight, hud);
        if (screenshotRequested) {
            screenshotRequested = false;
            saveScreenshot();
        }
        glfwSwapBuffers(context.window());
        state.frameMillis = (System.nanoTime() - t0) / 1e6f;
    }

    /** True while the loader is still working. */
    boolean isLoading() {
        return loading != null;
    }

    ViewerState state() {
        return state;
    }

    Camera camera() {
        return camera;
    }

    private void takeLoaded() {
        if (loading == null || !loading.isDone()) {
            return;
        }
        try {
            Loaded l = loading.get();
            options.applyOpacity(l.objects());
            for (SceneObject o : l.objects()) {
                scene.add(o);
                o.upload();
            }
            scene.setPicking(l.bvh());
            fit();
            int tris = l.objects().stream().mapToInt(o -> o.mesh().triangleCount()).sum();
            state.message("loaded " + l.objects().size() + " surfaces, " + tris + " triangles");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            state.message("could not load: " + (c.getMessage() != null ? c.getMessage() : c.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loading = null;
            state.setProgress(null, Double.NaN);
        }
    }

    private void fit() {
        Vector3f min = new Vector3f();
        Vector3f max = new Vector3f();
        if (scene.bounds(min, max)) {
            camera.fit(min, max);
            state.clipOffset = (min.get(Math.max(0, state.clipAxis)) + max.get(Math.max(0, state.clipAxis))) * 0.5f;
        }
    }

    void key(int key, int mods) {
        boolean ctrl = (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) != 0;
        List<SceneObject> objs = scene.objects();
        SceneObject sel = state.selected;
        switch (key) {
            case GLFW_KEY_ESCAPE -> glfwSetWindowShouldClose(context.window(), true);
            case GLFW_KEY_F1 -> state.showHelp = !state.showHelp;
            case GLFW_KEY_1, GLFW_KEY_2, GLFW_KEY_3, GLFW_KEY_4, GLFW_KEY_5, GLFW_KEY_6 ->
                camera.preset(ViewPreset.values()[key - GLFW_KEY_1]);
            case GLFW_KEY_R -> {
                camera.preset(options.preset());
                fit();
            }
            case GLFW_KEY_M -> {
                state.tool = ViewerState.Tool.values()[(state.tool.ordinal() + 1) % ViewerState.Tool.values().length];
                state.pending.clear();
            }
            case GLFW_KEY_BACKSPACE -> {
                if (!state.pending.isEmpty()) {
                    state.pending.clear();
                } else {
                    state.measurements.removeLast();
                }
            }
            case GLFW_KEY_DELETE -> {
                state.pending.clear();
                state.measurements.clear();
            }
            case GLFW_KEY_S -> {
                if (ctrl) {
                    saveMeasurements();
                } else {
                    state.stereo = state.stereo.next(context.stereoGranted());
                    state.message("stereo: " + state.stereo.cliName());
                }
            }
            case GLFW_KEY_O -> {
                if (ctrl) {
                    loadMeasurements();
                } else if (sel != null) {
                    float a = sel.opacity();
                    sel.setOpacity(a > 0.9f ? 0.6f : a > 0.45f ? 0.3f : 1f);
                    hud.invalidateInfo();
                }
            }
            case GLFW_KEY_P -> screenshotRequested = true;
            case GLFW_KEY_LEFT_BRACKET -> camera.setEyeSeparation(camera.eyeSeparation() / 1.25f);
            case GLFW_KEY_RIGHT_BRACKET -> camera.setEyeSeparation(camera.eyeSeparation() * 1.25f);
            case GLFW_KEY_X -> renderer.setSwapEyes(!renderer.swapEyes());
            case GLFW_KEY_G -> {
                if (sel != null) {
                    camera.convergeOn(centroid(sel));
                }
            }
            case GLFW_KEY_TAB -> {
                if (!objs.isEmpty()) {
                    int i = sel == null ? 0 : (objs.indexOf(sel) + 1) % objs.size();
                    select(objs.get(i));
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
            case GLFW_KEY_C -> {
                state.clipAxis = state.clipAxis == 2 ? -1 : state.clipAxis + 1;
                if (state.clipAxis >= 0) {
                    Vector3f min = new Vector3f();
                    Vector3f max = new Vector3f();
                    if (scene.bounds(min, max)) {
                        state.clipOffset = (min.get(state.clipAxis) + max.get(state.clipAxis)) * 0.5f;
                    }
                }
            }
            case GLFW_KEY_COMMA -> state.clipOffset -= 2f;
            case GLFW_KEY_PERIOD -> state.clipOffset += 2f;
            case GLFW_KEY_F -> state.clipFlip = !state.clipFlip;
            default -> {
            }
        }
    }

    private static Vector3f centroid(SceneObject o) {
        var c = o.info().centroidLps();
        return new Vector3f((float) c.x, (float) c.y, (float) c.z);
    }

    private void select(SceneObject o) {
        state.selected = o;
        hud.invalidateInfo();
        if (o != null) {
            camera.convergeOn(centroid(o));   // zero parallax on the organ being examined
        }
    }

    private void button(int button, int action, int mods) {
        if (action == GLFW_PRESS) {
            dragButton = button;
            panDrag = button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE
                    || (mods & GLFW_MOD_SHIFT) != 0;
            pressX = lastX;
            pressY = lastY;
        } else if (action == GLFW_RELEASE && button == dragButton) {
            dragButton = -1;
            if (button == GLFW_MOUSE_BUTTON_LEFT && Math.hypot(lastX - pressX, lastY - pressY) < 4) {
                click((float) lastX, (float) lastY);
            }
        }
    }

    private void cursor(double x, double y) {
        if (dragButton >= 0 && winWidth > 0 && winHeight > 0) {
            if (panDrag) {
                camera.pan((float) (x - lastX), (float) (y - lastY), winHeight);
            } else {
                camera.arcball((float) lastX, (float) lastY, (float) x, (float) y, winWidth, winHeight);
            }
        }
        lastX = x;
        lastY = y;
    }

    /** Picks the surface under window point (x, y) (window coordinates, top-left origin). */
    void click(float x, float y) {
        int vw = winWidth;
        int vh = winHeight;
        if (state.stereo == StereoMode.SIDE_BY_SIDE) {
            vw = winWidth / 2;
            x = x >= vw ? x - vw : x;
        } else if (state.stereo == StereoMode.TOP_BOTTOM) {
            vh = winHeight / 2;
            y = y >= vh ? y - vh : y;
        }
        camera.ray(x, y, vw, vh, rayOrigin, rayDir);
        Hit hit = scene.pick(rayOrigin, rayDir, state.clipPlane(clip));
        if (state.tool == ViewerState.Tool.SELECT) {
            select(hit == null ? null : scene.objects().get(hit.object()));
            return;
        }
        if (hit == null) {
            state.message("no surface under the cursor");
            return;
        }
        Measurement m = state.addPoint(hit.point());
        if (m != null) {
            state.message(m.label() + ": " + m.valueText());
        }
    }

    private void loadMeasurementsIfPresent() {
        Path f = options.measurementFile();
        if (options.measurements() != null && Files.exists(f)) {
            loadMeasurements();
        }
    }

    private void saveMeasurements() {
        Path f = options.measurementFile();
        try {
            state.measurements.save(f);
            state.message("saved " + state.measurements.size() + " measurements to " + f.toAbsolutePath());
        } catch (IOException e) {
            state.message("could not save measurements: " + e.getMessage());
        }
    }

    private void loadMeasurements() {
        Path f = options.measurementFile();
        try {
            MeasurementSet loaded = MeasurementSet.load(f);
            state.measurements.clear();
            loaded.all().forEach(state.measurements::add);
            state.message("loaded " + loaded.size() + " measurements from " + f);
        } catch (IOException e) {
            state.message("could not load measurements: " + e.getMessage());
        }
    }

    private void saveScreenshot() {
        Path f = Path.of("organ3d-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
        try {
            glFinish();
            Screenshots.writePng(Screenshots.read(0, fbWidth, fbHeight), f);
            state.message("screenshot " + f.toAbsolutePath());
        } catch (IOException e) {
            state.message("could not write screenshot: " + e.getMessage());
        }
    }

    void cleanup() {
        worker.shutdownNow();
        scene.deleteGpu();
        font.ifPresent(FontAtlas::delete);
        if (renderer != null) {
            renderer.delete();
        }
        if (context != null) {
            context.close();
        }
    }
}
