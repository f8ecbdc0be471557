package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

/**
 * An offscreen framebuffer: an RGBA8 colour texture plus a 24-bit depth renderbuffer. Resized lazily
 * by {@link #ensure}. Owns its GL objects: use and {@link #delete()} on the GL thread.
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
        depth = glGenRenderbuffers();
        glBindRenderbuffer(GL_RENDERBUFFER, depth);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, w, h);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
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
            glDeleteRenderbuffers(depth);
            fbo = 0;
        }
    }
}
