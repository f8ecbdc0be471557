package org.organ3d.viewer.render;

import org.joml.Matrix4f;

/**
 * What the 3D view draws besides the surfaces, called by {@link SceneRenderer} for each eye: opaque
 * geometry with depth (the slice planes) right after the opaque surfaces, then, when
 * {@link #wantsVolume()}, the volume rendering with a copy of the depth buffer so that rays stop at
 * the surfaces. GL thread.
 */
public interface ViewLayer {

    /** Draws opaque geometry (depth test and writes on) with this eye's matrices. */
    void opaque(Matrix4f view, Matrix4f proj);

    /** True when {@link #volume} has something to draw this frame. */
    boolean wantsVolume();

    /**
     * Draws the volume into the current framebuffer's viewport (x, y, w, h) over the opaque
     * surfaces, whose depth is in {@code depthTexture} at the same pixel positions.
     */
    void volume(Matrix4f view, Matrix4f proj, int depthTexture, int x, int y, int w, int h);
}
