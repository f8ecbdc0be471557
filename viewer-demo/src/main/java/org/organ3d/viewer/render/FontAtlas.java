package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;
import static org.lwjgl.stb.STBTruetype.stbtt_BakeFontBitmap;
import static org.lwjgl.stb.STBTruetype.stbtt_GetBakedQuad;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwjgl.stb.STBTTAlignedQuad;
import org.lwjgl.stb.STBTTBakedChar;
import org.lwjgl.system.MemoryUtil;

/**
 * Printable ASCII (32..126) baked with stb_truetype into a single-channel texture. No font is bundled:
 * the TrueType file comes from {@code -Dorgan3d.viewer.font=FILE}, the JDK's {@code lib/fonts}, or the
 * usual system locations (DejaVu, Liberation, Lato, Noto on Linux; Arial on Windows and macOS).
 * {@link #find()} returns empty when none exists; the viewer then draws no text (it says so once).
 * Owns one texture and native buffers: use and {@link #delete()} on the GL thread.
 */
public final class FontAtlas {

    private static final int FIRST = 32;
    private static final int COUNT = 95;
    private static final int SIZE = 512;
    private final STBTTBakedChar.Buffer chars = STBTTBakedChar.malloc(COUNT);
    private final STBTTAlignedQuad quad = STBTTAlignedQuad.malloc();
    private final FloatBuffer xpos = MemoryUtil.memAllocFloat(1);
    private final FloatBuffer ypos = MemoryUtil.memAllocFloat(1);
    private final float pixelHeight;
    private final int texture;
    private final Path file;

    private FontAtlas(Path file, float pixelHeight) throws IOException {
        this.file = file;
        this.pixelHeight = pixelHeight;
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer ttf = MemoryUtil.memAlloc(bytes.length);
        ByteBuffer bitmap = MemoryUtil.memAlloc(SIZE * SIZE);
        try {
            ttf.put(bytes).flip();
            int r = stbtt_BakeFontBitmap(ttf, pixelHeight, bitmap, SIZE, SIZE, FIRST, chars);
            if (r == 0) {
                throw new IOException("stb_truetype could not bake " + file);
            }
            texture = glGenTextures();
            glBindTexture(GL_TEXTURE_2D, texture);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, SIZE, SIZE, 0, GL_RED, GL_UNSIGNED_BYTE, bitmap);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        } finally {
            MemoryUtil.memFree(ttf);
            MemoryUtil.memFree(bitmap);
        }
    }

    /** Bakes the first usable font found (see the class comment), or empty when there is none. */
    public static Optional<FontAtlas> find(float pixelHeight) {
        for (Path p : candidates()) {
            if (Files.isRegularFile(p)) {
                try {
                    return Optional.of(new FontAtlas(p, pixelHeight));
                } catch (IOException | RuntimeException e) {
                    System.err.println("organ3d viewer: font " + p + " unusable: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> list = new ArrayList<>();
        String prop = System.getProperty("organ3d.viewer.font");
        if (prop != null && !prop.isBlank()) {
            list.add(Path.of(prop));
        }
        list.add(Path.of(System.getProperty("java.home"), "lib", "fonts", "DejaVuSans.ttf"));
        for (String s : new String[] {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/lato/Lato-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "C:\\Windows\\Fonts\\arial.ttf", "/System/Library/Fonts/Supplemental/Arial.ttf", "/Library/Fonts/Arial.ttf"}) {
            list.add(Path.of(s));
        }
        return list;
    }

    public Path file() {
        return file;
    }

    public float lineHeight() {
        return pixelHeight * 1.2f;
    }

    public int texture() {
        return texture;
    }

    /** Width in pixels of {@code s} (characters outside 32..126 count as '?'). */
    public float width(CharSequence s) {
        xpos.put(0, 0f);
        ypos.put(0, 0f);
        for (int i = 0; i < s.length(); i++) {
            stbtt_GetBakedQuad(chars, SIZE, SIZE, index(s.charAt(i)), xpos, ypos, quad, true);
        }
        return xpos.get(0);
    }

    /** Adds {@code s} with its baseline at (x, y) (pixels, top-left origin); returns the pen x after it. */
    public float draw(OverlayBatch batch, CharSequence s, float x, float y, float r, float g, float b, float a) {
        xpos.put(0, x);
        ypos.put(0, y);
        for (int i = 0; i < s.length(); i++) {
            stbtt_GetBakedQuad(chars, SIZE, SIZE, index(s.charAt(i)), xpos, ypos, quad, true);
            batch.glyph(quad.x0(), quad.y0(), quad.x1(), quad.y1(), quad.s0(), quad.t0(), quad.s1(), quad.t1(), r, g, b,
                    a);
        }
        return xpos.get(0);
    }

    private static int index(char c) {
        return c >= FIRST && c < FIRST + COUNT ? c - FIRST : '?' - FIRST;
    }

    public void delete() {
        glDeleteTextures(texture);
        chars.free();
        quad.free();
        MemoryUtil.memFree(xpos);
        MemoryUtil.memFree(ypos);
    }
}
