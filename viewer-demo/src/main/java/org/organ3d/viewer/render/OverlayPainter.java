package org.organ3d.viewer.render;

import org.organ3d.viewer.Camera;

/** Draws 2D annotations for one eye's viewport (called on the GL thread once per eye per frame). */
@FunctionalInterface
public interface OverlayPainter {
    /**
     * @param batch  the overlay batch, begun for this viewport (w×h pixels)
     * @param camera the camera; use {@code eye} with {@link Camera#project} so labels get the eye's parallax
     * @param eye    -1 left, 0 mono, +1 right
     */
    void paint(OverlayBatch batch, Camera camera, int eye, int w, int h);
}
