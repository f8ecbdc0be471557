package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.io.AtomicFiles;

/** Reading framebuffers back and writing PNG files atomically. */
public final class Screenshots {

    private Screenshots() {
    }

    /** Reads the RGB pixels of framebuffer {@code fbo} (w×h) into an image (top row first). GL thread. */
    public static BufferedImage read(int fbo, int w, int h) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
        if (fbo == 0) {
            glReadBuffer(GL_BACK);
        }
        ByteBuffer px = MemoryUtil.memAlloc(w * h * 4);
        try {
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                int base = (h - 1 - y) * w * 4;   // GL rows start at the bottom
                for (int x = 0; x < w; x++) {
                    int o = base + 4 * x;
                    row[x] = (px.get(o) & 0xFF) << 16 | (px.get(o + 1) & 0xFF) << 8 | (px.get(o + 2) & 0xFF);
                }
                img.setRGB(0, y, w, 1, row, 0, w);
            }
            return img;
        } finally {
            MemoryUtil.memFree(px);
            glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        }
    }

    /** Writes a PNG atomically (a temporary file in the same folder, then renamed). */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
        });
    }
}
