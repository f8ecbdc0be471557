package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL30C.*;
import static org.lwjgl.stb.STBTruetype.stbtt_BakeFontBitmap;
import static org.lwjgl.stb.STBTruetype.stbtt_GetBakedQuad;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lwjgl.stb.STBTTAlignedQuad;
import org.lwjgl.stb.STBTTBakedChar;
import org.lwjgl.system.MemoryUtil;

/**
 * Printable ASCII (32..126) baked with stb_truetype into a single-channel texture. The TrueType file
 * is {@code -Dorgan3d.viewer.font=FILE} when given, else the bundled Liberation Sans 2.1.5 (SIL Open
 * Font License 1.1, licence beside it in {@code org/organ3d/viewer/fonts/}), so text looks the same on
 * every machine. {@link #find} returns empty only when neither can be baked; the viewer then draws
 * no text (it says so once).
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
    private final String file;

    /** The bundled font, a class-path resource. */
    static final String BUNDLED = "/org/organ3d/viewer/fonts/LiberationSans-Regular.ttf";

    private FontAtlas(String file, byte[] bytes, float pixelHeight) throws IOException {
        this.file = file;
        this.pixelHeight = pixelHeight;
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

    /** Bakes {@code -Dorgan3d.viewer.font} if set and usable, else the bundled font; empty if neither bakes. */
    public static Optional<FontAtlas> find(float pixelHeight) {
        String prop = System.getProperty("organ3d.viewer.font");
        if (prop != null && !prop.isBlank()) {
            try {
                return Optional.of(new FontAtlas(prop, Files.readAllBytes(Path.of(prop)), pixelHeight));
            } catch (IOException | RuntimeException e) {
                System.err.println("organ3d viewer: font " + prop + " unusable (" + e.getMessage() + "); using the bundled font");
            }
        }
        try (InputStream in = FontAtlas.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new FontAtlas(BUNDLED, in.readAllBytes(), pixelHeight));
        } catch (IOException | RuntimeException e) {
            System.err.println("organ3d viewer: bundled font unusable: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Where the font came from: a file path or the bundled resource's name. */
    public String file() {
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
