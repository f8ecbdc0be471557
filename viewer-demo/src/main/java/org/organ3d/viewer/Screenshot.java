package org.organ3d.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.measure.MeasurementSet;
import org.organ3d.viewer.render.Screenshots;

/**
 * {@code organ3d view ... --screenshot FILE.png --size WxH}: loads the scene on the calling thread,
 * renders one frame offscreen (hidden window + framebuffer object) with the annotations (orientation
 * marker, legend, measurements from the measurement file when it exists) and writes the PNG atomically.
 */
public final class Screenshot {

    private Screenshot() {
    }

    /**
     * Renders {@code options} into {@code png}; progress and notes go to {@code log}.
     *
     * @throws IllegalStateException when no display / OpenGL 3.3 core context is available
     */
    public static void render(ViewerOptions options, Path png, PrintWriter log) throws IOException {
        // NB: the GL context first, so that a missing display fails before minutes of surface building.
        try (OffscreenRenderer r = new OffscreenRenderer()) {
            List<SceneObject> objects = SceneLoader.load(options.inputs(), options.labels(), options.iso(),
                    options.backend(), options.rasMeshes(), (stage, f) -> log.println("organ3d view: " + stage));
            options.applyOpacity(objects);
            Scene scene = new Scene();
            objects.forEach(scene::add);
            ViewerState state = new ViewerState(scene);
            state.stereo = OffscreenRenderer.effectiveMode(options.stereo());
            if (options.stereo() == StereoMode.QUAD) {
                log.println("organ3d view: a framebuffer object has no quad-buffered stereo; rendering anaglyph instead");
            }
            Path mfile = options.measurements();
            if (mfile != null && Files.exists(mfile)) {
                for (Measurement m : MeasurementSet.load(mfile).all()) {
                    state.measurements.add(m);
                }
            }
            if (r.font().isEmpty()) {
                log.println("organ3d view: no font could be baked; no text drawn");
            }
            log.flush();
            Camera cam = OffscreenRenderer.frame(scene, options.preset());
            Hud hud = new Hud(state, r.font().orElse(null), false);
            BufferedImage img = r.render(scene, cam, state.stereo, options.width(), options.height(), hud);
            scene.deleteGpu();
            Screenshots.writePng(img, png);
        }
    }
}
