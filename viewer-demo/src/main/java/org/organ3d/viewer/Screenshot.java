package org.organ3d.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joml.Vector3f;
import org.organ3d.viewer.measure.ForeignStudyException;
import org.organ3d.viewer.measure.MeasurementFiles;
import org.organ3d.viewer.render.Screenshots;

/**
 * {@code organ3d view ... --screenshot FILE.png --size WxH}: loads the scene on the calling thread,
 * renders one frame offscreen (hidden window + framebuffer object) in the asked layout with the
 * annotations (orientation marker, scale bar, legend, study description, slice views with their
 * crosshair and read-out, measurements from the measurement file when it exists) and writes the PNG
 * atomically. The same frame as the live window, without the status line.
 */
public final class Screenshot {

    private Screenshot() {
    }

    /**
     * Renders {@code options} into {@code png}; progress and notes go to {@code log}.
     *
     * @throws IOException              unreadable input or measurement file, or a measurement file of
     *                                  another study (unless forced)
     * @throws IllegalArgumentException inputs that do not fit together (unknown --opacity organ, --iso
     *                                  outside the values, ...)
     * @throws IllegalStateException    when no display / OpenGL 3.3 core context is available
     */
    public static void render(ViewerOptions options, Path png, PrintWriter log) throws IOException {
        SceneLoader.checkInputs(options);
        Path mfile = options.measurements();
        if (mfile != null && Files.exists(mfile)) {
            MeasurementFiles.read(mfile);   // NB: a malformed file fails before minutes of surface building
        }
        // NB: the GL context first, so that a missing display fails before minutes of surface building.
        try (OffscreenRenderer r = new OffscreenRenderer()) {
            LoadedScene loaded = SceneLoader.load(options, (stage, f) -> log.println("organ3d view: " + stage));
            loaded.notes().forEach(n -> log.println("organ3d view: note: " + n));
            options.applyOpacity(loaded.objects());
            Scene scene = new Scene();
            loaded.objects().forEach(scene::add);
            ViewerState state = new ViewerState(scene);
            String warning = state.adopt(loaded, options);
            if (warning != null) {
                log.println("organ3d view: warning: " + warning);
            }
            state.stereo = OffscreenRenderer.effectiveMode(options.stereo());
            if (options.stereo() == StereoMode.QUAD) {
                log.println("organ3d view: a framebuffer object has no quad-buffered stereo; rendering anaglyph instead");
            }
            if (mfile != null && Files.exists(mfile)) {
                MeasurementFiles.Content c;
                try {
                    c = MeasurementFiles.readFor(mfile, loaded.reference(), options.forceMeasurements());
                } catch (ForeignStudyException e) {
                    throw new ForeignStudyException(e.file(), e.getMessage().substring(e.getMessage().indexOf("measurements ")
                            + "measurements ".length()) + " (--force-measurements loads them anyway)");
                }
                if (c.reference().isEmpty()) {
                    log.println("organ3d view: warning: " + mfile.getFileName()
                            + " names no study; check that its measurements belong to this one");
                }
                state.measurements.replaceAll(c.measurements(), loaded.reference(), "load");
            }
            if (r.font().isEmpty()) {
                log.println("organ3d view: no font could be baked; no text drawn");
            }
            log.flush();
            Camera cam = camera(scene, state, options.preset());
            BufferedImage img = r.render(state, cam, options.width(), options.height(), loaded.description());
            scene.deleteGpu();
            Screenshots.writePng(img, png);
        }
    }

    /** A camera framing the surfaces, else the slice data's box, from a preset view. */
    static Camera camera(Scene scene, ViewerState state, ViewPreset preset) {
        Camera cam = OffscreenRenderer.frame(scene, preset);
        Vector3f min = new Vector3f();
        Vector3f max = new Vector3f();
        if (!scene.bounds(min, max) && state.slicesSource != null) {
            var s = state.slicesSource;
            cam.fit(new Vector3f((float) s.min().x(), (float) s.min().y(), (float) s.min().z()),
                    new Vector3f((float) s.max().x(), (float) s.max().y(), (float) s.max().z()));
        }
        return cam;
    }
}
