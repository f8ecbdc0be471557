package org.organ3d.cli;

import org.organ3d.cli.demo.DemoRun;

/** The demo's picture renderer: the viewer's offscreen screenshot, once the viewer provides one. */
final class DemoPicture {

    private DemoPicture() {
    }

    static DemoRun.Picture fromViewer() {
        return (meshes, path) -> "the viewer's offscreen renderer is not available yet";
    }
}
