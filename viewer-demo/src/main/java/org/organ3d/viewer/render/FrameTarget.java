package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

/**
 * An offscreen framebuffer: an RGBA8 colour texture plus a 24-bit depth / 8-bit stencil texture (the
 * depth can be copied and sampled by the ray caster; the stencil caps clipped surfaces). Resized
 * lazily by {@link #ensure}. Owns its GL objects: use and {@link #delete()} on the GL thread.
 */
public final class FrameTarget {

    private int fbo;
    private int color;
    private int depth;
    private int width;
    private int height;

    /** (Re)allocates for w×h when the size changed; leaves the framebuffer bound. */
    public void ensure(int w, int h) {
        if (fbo != 0 && w == width && h == height) {
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            return;
        }
        delete();
        width = w;
        height = h;
        fbo = glGenFramebuffers();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        color = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, color);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, 0L);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color, 0);
        depth = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, depth);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH24_STENCIL8, w, h, 0, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 0L);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, 0);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_TEXTURE_2D, depth, 0);
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            throw new IllegalStateException("framebuffer " + w + "x" + h + " incomplete: 0x" + Integer.toHexString(status));
        }
    }

    public int fbo() {
        return fbo;
    }

    public int colorTexture() {
        return color;
    }

    /** The depth (24-bit) / stencil (8-bit) texture. */
    public int depthTexture() {
        return depth;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public void delete() {
        if (fbo != 0) {
            glDeleteFramebuffers(fbo);
            glDeleteTextures(color);
            glDeleteTextures(depth);
            fbo = 0;
        }
    }
}
