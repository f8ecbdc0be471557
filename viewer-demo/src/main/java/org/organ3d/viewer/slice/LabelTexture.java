package org.organ3d.viewer.slice;

import static org.lwjgl.opengl.GL30C.*;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.joml.Matrix4d;
import org.joml.Matrix4f;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * A label map as an integer 3D texture (R16UI, nearest) plus a colour table texture (256 × 256 RGBA8,
 * label v at texel (v mod 256, v / 256)) for outlines and fills in the slice views. Colours are
 * re-uploaded only when they change ({@link #setColour} marks, {@link #flush} uploads). Texture
 * coordinates from LPS: {@link #lpsToTexture}, as for {@link ImageTexture}. Labels beyond the
 * driver's 3D texture limit are not subsampled (a label map that large is refused with a message by
 * the caller). Owns two GL textures: GL thread only; {@link #delete()} frees them.
 */
public final class LabelTexture {

    private final int texture;
    private final int lut;
    private final ByteBuffer colours = MemoryUtil.memCalloc(256 * 256 * 4);
    private final Matrix4f lpsToTexture = new Matrix4f();
    private boolean dirty = true;

    public LabelTexture(LabelMap map) {
        Volume v = map.labels();
        int max = glGetInteger(GL_MAX_3D_TEXTURE_SIZE);
        if (v.nx() > max || v.ny() > max || v.nz() > max) {
            MemoryUtil.memFree(colours);
            throw new IllegalStateException("label map " + v.dimensions() + " exceeds the driver's 3D texture size " + max);
        }
        texture = glGenTextures();
        glBindTexture(GL_TEXTURE_3D, texture);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage3D(GL_TEXTURE_3D, 0, GL_R16UI, v.nx(), v.ny(), v.nz(), 0, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 0L);
        int n = v.nx() * v.ny();
        ShortBuffer slice = MemoryUtil.memAllocShort(n);
        try {
            for (int k = 0; k < v.nz(); k++) {
                slice.clear();
                if (v.type() == VoxelType.UINT16) {
                    slice.put(((ShortBuffer) v.slice(k)).duplicate());
                } else {
                    ByteBuffer b = (ByteBuffer) v.slice(k);
                    for (int o = 0; o < n; o++) {
                        slice.put((short) (b.get(o) & 0xFF));
                    }
                }
                slice.flip();
                glTexSubImage3D(GL_TEXTURE_3D, 0, 0, 0, k, v.nx(), v.ny(), 1, GL_RED_INTEGER, GL_UNSIGNED_SHORT, slice);
            }
        } finally {
            MemoryUtil.memFree(slice);
        }
        glBindTexture(GL_TEXTURE_3D, 0);
        lut = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, lut);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 256, 0, GL_RGBA, GL_UNSIGNED_BYTE, 0L);
        glBindTexture(GL_TEXTURE_2D, 0);
        lpsToTexture.set(new Matrix4d().scaling(1.0 / v.nx(), 1.0 / v.ny(), 1.0 / v.nz()).translate(0.5, 0.5, 0.5)
                .mul(v.geometry().lpsToIndex()));
    }

    /** Sets label {@code label}'s colour (sRGB 0..1) and opacity (0 hides it in the slices). */
    public void setColour(int label, float r, float g, float b, float a) {
        if (label <= 0 || label > 65535) {
            return;
        }
        int o = 4 * label;
        byte rb = (byte) Math.round(r * 255);
        byte gb = (byte) Math.round(g * 255);
        byte bb = (byte) Math.round(b * 255);
        byte ab = (byte) Math.round(a * 255);
        if (colours.get(o) != rb || colours.get(o + 1) != gb || colours.get(o + 2) != bb || colours.get(o + 3) != ab) {
            colours.put(o, rb).put(o + 1, gb).put(o + 2, bb).put(o + 3, ab);
            dirty = true;
        }
    }

    /** Uploads the colour table if a colour changed since the last call. */
    public void flush() {
        if (dirty) {
            glBindTexture(GL_TEXTURE_2D, lut);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 256, 256, GL_RGBA, GL_UNSIGNED_BYTE, colours);
            glBindTexture(GL_TEXTURE_2D, 0);
            dirty = false;
        }
    }

    public int texture() {
        return texture;
    }

    public int colourTable() {
        return lut;
    }

    /** LPS mm → texture coordinates. Live: do not modify. */
    public Matrix4f lpsToTexture() {
        return lpsToTexture;
    }

    public void delete() {
        glDeleteTextures(texture);
        glDeleteTextures(lut);
        MemoryUtil.memFree(colours);
    }
}
