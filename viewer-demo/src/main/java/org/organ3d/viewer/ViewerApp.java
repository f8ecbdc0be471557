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
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.lwjgl.system.MemoryStack;
import org.organ3d.viewer.measure.ForeignStudyException;
import org.organ3d.viewer.measure.MeasurementFiles;
import org.organ3d.viewer.measure.MeasurementReports;
import org.organ3d.viewer.measure.StudyReference;
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
 * loop: events, hand-over of the loaded scene (GPU upload on this thread; the first frame shows the
 * surfaces at once while the picking BVH is built on the worker: clicks say "preparing" until it is
 * ready), one frame, swap. A load failure closes the window and {@link #run} throws it, so the
 * command exits with one error line as the offscreen path does. cleanup: every GL object, the
 * window, GLFW and the worker thread. Key bindings: {@link WindowHud} help (F1), input:
 * {@link ViewerControls}.
 *
 * <p>Must run on the main thread on macOS (-XstartOnFirstThread; the launcher adds it).
 */
public final class ViewerApp implements ViewerControls.Actions {

    private final ViewerOptions options;
    private final Scene scene = new Scene();
    private final ViewerState state = new ViewerState(scene);
    private final Camera camera = new Camera();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "organ3d-viewer-loader");
        t.setDaemon(true);
        return t;
    });
    private GlContext context;
    private SceneRenderer renderer;
    private ViewerFrame frame;
    private ViewerControls controls;
    private Optional<FontAtlas> font = Optional.empty();
    private Future<LoadedScene> loading;
    private Future<TriangleBvh> picking;
    private StudyReference reference = StudyReference.NONE;
    private Path dicomSeries;
    private Exception failure;
    private int fbWidth;
    private int fbHeight;
    private int winWidth;
    private int winHeight;
    private boolean screenshotRequested;
    private long firstFrameNanos;

    /** What makes the scene from the options on the worker thread (the loader; tests give their own). */
    @FunctionalInterface
    interface Loader {
        LoadedScene load(ViewerOptions options, SceneLoader.Progress progress) throws IOException;
    }

    private final Loader loader;

    ViewerApp(ViewerOptions options) {
        this(options, SceneLoader::load);
    }

    ViewerApp(ViewerOptions options, Loader loader) {
        this.options = options;
        this.loader = loader;
    }

    /**
     * Opens the window and runs until it is closed; returns the exit code (0).
     *
     * @throws IOException              when an input or the measurement file cannot be read (the window closes)
     * @throws IllegalArgumentException when the inputs do not fit together (e.g. --iso outside the values)
     */
    public static int run(ViewerOptions options) throws IOException {
        SceneLoader.checkInputs(options);
        if (options.measurements() != null && Files.exists(options.measurements())) {
            MeasurementFiles.read(options.measurements());   // a malformed file fails before any work
        }
        ViewerApp app = new ViewerApp(options);
        app.init();
        try {
            app.loop();
        } finally {
            app.cleanup();
        }
        if (app.failure instanceof IOException e) {
            throw e;
        }
        if (app.failure instanceof RuntimeException e) {
            throw e;
        }
        return 0;
    }

    void init() {
        boolean wantQuad = options.stereo() == StereoMode.QUAD;
        context = new GlContext(options.width(), options.height(), "organ3d view", true, wantQuad);
        renderer = new SceneRenderer();
        font = FontAtlas.find(16f);
        font.ifPresent(f -> renderer.overlay().setFontTexture(f.texture()));
        frame = new ViewerFrame(renderer, state, font.orElse(null), true);
        if (font.isEmpty()) {
            state.message(ViewerState.Level.WARNING, "no font could be baked (see stderr): labels are not drawn");
        }
        state.stereo = options.stereo();
        if (wantQuad && !context.stereoGranted()) {
            state.stereo = StereoMode.ANAGLYPH;
            state.message(ViewerState.Level.WARNING,
                    "quad-buffered stereo refused by the driver (no stereo framebuffer): using anaglyph");
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
        controls = new ViewerControls(state, camera, frame, this);
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
        // NB: input positions are scaled to framebuffer pixels (HiDPI screens), the units panes are laid out in
        glfwSetMouseButtonCallback(w, (win, button, action, mods) -> {
            if (action == GLFW_PRESS) {
                controls.press(button, mods, fbWidth, fbHeight);
            } else if (action == GLFW_RELEASE) {
                controls.release(button, fbWidth, fbHeight);
            }
        });
        glfwSetCursorPosCallback(w, (win, x, y) -> controls.move(x * fbWidth / Math.max(1, winWidth),
                y * fbHeight / Math.max(1, winHeight), fbWidth, fbHeight));
        glfwSetScrollCallback(w, (win, dx, dy) -> controls.scroll(dy, shiftDown(), fbWidth, fbHeight));
        glfwSwapInterval(1);
        state.setProgress("starting", Double.NaN);
        loading = worker.submit(() -> loader.load(options, state::setProgress));
    }

    private boolean shiftDown() {
        long w = context.window();
        return glfwGetKey(w, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
    }

    private void loop() {
        long w = context.window();
        while (!glfwWindowShouldClose(w)) {
            if (loading != null || picking != null || controls.dragging()) {
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
        takePicking();
        if (fbWidth < 1 || fbHeight < 1 || failure != null) {
            return;   // minimised, or closing after a failure
        }
        long t0 = System.nanoTime();
        frame.render(camera, 0, fbWidth, fbHeight);
        if (screenshotRequested) {
            screenshotRequested = false;
            saveScreenshot();
        }
        glfwSwapBuffers(context.window());
        state.frameMillis = (System.nanoTime() - t0) / 1e6f;
        if (firstFrameNanos < 0) {
            firstFrameNanos = System.nanoTime() + firstFrameNanos;
        }
    }

    /** True while the loader is still working. */
    boolean isLoading() {
        return loading != null;
    }

    /** True once the picking BVH is ready. */
    boolean isPickingReady() {
        return scene.isPickingReady();
    }

    /** The load failure that closes the window, or null. */
    Exception failure() {
        return failure;
    }

    ViewerState state() {
        return state;
    }

    Camera camera() {
        return camera;
    }

    ViewerControls controls() {
        return controls;
    }

    /** Framebuffer size in pixels (what input positions given to {@link ViewerControls} refer to). */
    int[] size() {
        return new int[] {fbWidth, fbHeight};
    }

    /**
     * Nanoseconds from the hand-over of the loaded surfaces to the end of the first frame that shows
     * them, or -1 before that frame.
     */
    long firstFrameNanos() {
        return firstFrameNanos > 0 ? firstFrameNanos : -1;
    }

    private void takeLoaded() {
        if (loading == null || !loading.isDone()) {
            return;
        }
        try {
            LoadedScene l = loading.get();
            long t0 = System.nanoTime();
            options.applyOpacity(l.objects());
            for (SceneObject o : l.objects()) {
                scene.add(o);
                o.upload();
            }
            firstFrameNanos = -t0;
            reference = l.reference();
            dicomSeries = l.dicomSeries();
            frame.hud().setDescription(l.description());
            String warning = state.adopt(l, options);
            if (warning != null) {
                state.message(ViewerState.Level.WARNING, warning);
            }
            fit();
            l.notes().forEach(n -> state.message(ViewerState.Level.INFO, n));
            int tris = l.objects().stream().mapToInt(o -> o.mesh().triangleCount()).sum();
            state.message(ViewerState.Level.SUCCESS, "loaded " + l.objects().size() + " surfaces, " + tris + " triangles"
                    + (l.slices() != null ? ", slice views" : "") + (tris > 0 ? "; picking is being prepared" : ""));
            List<SceneObject> objs = List.copyOf(scene.objects());
            if (!objs.isEmpty()) {
                picking = worker.submit(() -> Scene.buildPicking(objs));
            }
            loadMeasurementsAtStart();
        } catch (ExecutionException e) {
            fail(e.getCause() instanceof Exception x ? x : new IOException(e.getCause()));
        } catch (IllegalArgumentException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loading = null;
            state.setProgress(null, Double.NaN);
        }
    }

    private void fail(Exception e) {
        failure = e;
        glfwSetWindowShouldClose(context.window(), true);
    }

    private void takePicking() {
        if (picking == null || !picking.isDone()) {
            return;
        }
        try {
            scene.setPicking(picking.get());
            state.message(ViewerState.Level.SUCCESS, "picking ready");
        } catch (ExecutionException e) {
            state.message(ViewerState.Level.ERROR, "picking could not be prepared: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            picking = null;
        }
    }

    @Override
    public void fit() {
        Vector3f min = new Vector3f();
        Vector3f max = new Vector3f();
        if (scene.bounds(min, max)) {
            camera.fit(min, max);
        } else if (state.slicesSource != null) {
            var s = state.slicesSource;
            camera.fit(new Vector3f((float) s.min().x(), (float) s.min().y(), (float) s.min().z()),
                    new Vector3f((float) s.max().x(), (float) s.max().y(), (float) s.max().z()));
        }
    }

    @Override
    public ViewPreset initialView() {
        return options.preset();
    }

    @Override
    public void close() {
        glfwSetWindowShouldClose(context.window(), true);
    }

    @Override
    public boolean stereoGranted() {
        return context.stereoGranted();
    }

    @Override
    public void swapEyes() {
        renderer.setSwapEyes(!renderer.swapEyes());
    }

    @Override
    public Vector3d sceneCentre() {
        Vector3f min = new Vector3f();
        Vector3f max = new Vector3f();
        if (scene.bounds(min, max)) {
            return new Vector3d(min.add(max).mul(0.5f));
        }
        return new Vector3d(state.cursor);
    }

    void key(int key, int mods) {
        controls.key(key, mods);
    }

    /** Picks at framebuffer point (x, y) (top-left origin) as a left click does. */
    void click(float x, float y) {
        controls.click(x, y, fbWidth, fbHeight);
    }

    private void loadMeasurementsAtStart() {
        Path f = options.measurementFile();
        if (options.measurements() != null && Files.exists(f)) {
            loadMeasurements(options.forceMeasurements());
        }
    }

    @Override
    public void saveMeasurements(boolean confirmed) {
        Path f = options.measurementFile();
        try {
            if (!confirmed && state.measurements.isEmpty() && Files.exists(f)) {
                int held = MeasurementFiles.read(f).measurements().size();
                if (held > 0) {
                    state.prompt = new ViewerState.Prompt("Save an empty list over " + f.getFileName() + " (it holds "
                            + held + " measurements)?", () -> saveMeasurements(true));
                    return;
                }
            }
        } catch (IOException e) {
            // NB: an unreadable file is simply replaced
        }
        try {
            state.measurements.setReference(reference);
            state.measurements.save(f);
            state.message(ViewerState.Level.SUCCESS, "saved " + state.measurements.size() + " measurements to "
                    + f.toAbsolutePath());
        } catch (IOException e) {
            state.message(ViewerState.Level.ERROR, "could not save measurements: " + e.getMessage());
        }
    }

    @Override
    public void loadMeasurements(boolean force) {
        Path f = options.measurementFile();
        try {
            MeasurementFiles.Content c = MeasurementFiles.readFor(f, reference, force);
            state.clearPending();
            state.measurements.replaceAll(c.measurements(), reference, "load " + f.getFileName());
            String how = c.reference().isEmpty() ? " (the file names no study: check that it belongs to this one)"
                    : c.reference().mismatch(reference).isPresent() ? " from ANOTHER study, as forced" : "";
            state.message(c.reference().isEmpty() || force ? ViewerState.Level.WARNING : ViewerState.Level.SUCCESS,
                    "loaded " + c.measurements().size() + " measurements from " + f + how);
        } catch (ForeignStudyException e) {
            state.message(ViewerState.Level.ERROR, e.getMessage() + ": not loaded (Ctrl+Shift+O loads it anyway)");
        } catch (IOException e) {
            state.message(ViewerState.Level.ERROR, "could not load measurements: " + e.getMessage());
        }
    }

    @Override
    public void exportCsv() {
        Path json = options.measurementFile();
        String name = json.getFileName().toString();
        Path csv = json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".csv");
        try {
            state.measurements.setReference(reference);
            MeasurementFiles.writeCsv(state.measurements, csv);
            state.message(ViewerState.Level.SUCCESS, "exported " + state.measurements.size() + " measurements to "
                    + csv.toAbsolutePath());
        } catch (IOException e) {
            state.message(ViewerState.Level.ERROR, "could not export measurements: " + e.getMessage());
        }
    }

    @Override
    public void exportSr() {
        Path sr = MeasurementReports.besides(options.measurementFile());
        try {
            // NB: the set keeps the study its file was made on; after a load it is this view's (as for save)
            if (state.measurements.reference().isEmpty()) {
                state.measurements.setReference(reference);
            }
            MeasurementReports.Result r = MeasurementReports.write(state.measurements, reference, dicomSeries,
                    options.series(), sr);
            state.message(ViewerState.Level.SUCCESS, "exported " + r.rulers() + " ruler" + (r.rulers() == 1 ? "" : "s")
                    + " as a DICOM SR to " + sr.toAbsolutePath() + (r.angles() > 0 ? " (angles are not in the SR)" : ""));
        } catch (IOException e) {
            state.message(ViewerState.Level.ERROR, "could not export the SR: " + e.getMessage());
        }
    }

    @Override
    public void screenshot() {
        screenshotRequested = true;
    }

    private void saveScreenshot() {
        Path f = Path.of("organ3d-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
        try {
            glFinish();
            Screenshots.writePng(Screenshots.read(0, fbWidth, fbHeight), f);
            state.message(ViewerState.Level.SUCCESS, "screenshot " + f.toAbsolutePath());
        } catch (IOException e) {
            state.message(ViewerState.Level.ERROR, "could not write screenshot: " + e.getMessage());
        }
    }

    void cleanup() {
        worker.shutdownNow();
        scene.deleteGpu();
        font.ifPresent(FontAtlas::delete);
        if (frame != null) {
            frame.delete();
        }
        if (renderer != null) {
            renderer.delete();
        }
        if (context != null) {
            context.close();
        }
    }
}
