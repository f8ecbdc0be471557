package org.organ3d.cli;

import java.util.Map;
import org.organ3d.cli.demo.DemoRun;
import org.organ3d.viewer.OffscreenRenderer;
import org.organ3d.viewer.StereoMode;
import org.organ3d.viewer.ViewPreset;

/** The demo's picture: the viewer's offscreen renderer, anterior view, 1024×768, mono, liver translucent. */
final class DemoPicture {

    private DemoPicture() {
    }

    static DemoRun.Picture fromViewer() {
        // NB: without a display server the offscreen renderer uses EGL (Mesa or a GPU driver)
        return (meshes, path) -> {
            try {
                // NB: a translucent liver shows the phantom's liver lesion inside it.
                OffscreenRenderer.renderPng(meshes, ViewPreset.ANTERIOR, StereoMode.OFF, 1024, 768, path,
                        Map.of("liver", 0.4f));
                return null;
            } catch (Exception | LinkageError e) {
                return "the viewer could not render: " + (e.getMessage() != null ? e.getMessage() : e.toString());
            }
        };
    }
}
