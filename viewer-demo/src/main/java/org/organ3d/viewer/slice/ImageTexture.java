package org.organ3d.viewer.slice;

import static org.lwjgl.opengl.GL31C.*;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import org.joml.Matrix4d;
import org.joml.Matrix4f;
import org.lwjgl.system.MemoryUtil;
import org.organ3d.volume.Volume;

/**
 * A grey-scale volume as a 3D texture for reslicing and ray casting on the GPU. The stored values go
 * up unchanged in a normalised 16-bit (int16: R16_SNORM, uint16: R16), 8-bit (R8 / R8_SNORM) or
 * float format (int32 is converted to float), so the texture holds exactly the voxels (2 bytes per
 * voxel for CT); shaders turn a texel t into the real value as {@code t * scale + offset}
 * ({@link #valueScale}, {@link #valueOffset}: the normalisation and the volume's rescale).
 *
 * <p>Texture coordinates come from LPS through {@link #lpsToTexture}: (index + 0.5) / size, so that
 * texel centres are voxel centres. A volume larger than the driver's 3D texture limit is uploaded
 * with every n-th voxel along the long axes (the slice views then show that sampling; values read
 * out on the CPU stay exact), and {@link #subsampled} says so. Owns one GL texture: create, use and
 * {@link #delete()} on the GL thread.
 */
public final class ImageTexture {

    private final int texture;
    private final float scale;
    private final float offset;
    private final Matrix4f lpsToTexture = new Matrix4f();
    private final int[] step = {1, 1, 1};

    public ImageTexture(Volume v) {
        int max = glGetInteger(GL_MAX_3D_TEXTURE_SIZE);
        int[] n = {v.nx(), v.ny(), v.nz()};
        int[] t = new int[3];
        for (int a = 0; a < 3; a++) {
            step[a] = (n[a] + max - 1) / max;
            t[a] = (n[a] + step[a] - 1) / step[a];
        }
        int internal;
        int type;
        double norm;
        switch (v.type()) {
            case UINT8 -> { internal = GL_R8; type = GL_UNSIGNED_BYTE; norm = 255; }
            case INT8 -> { internal = GL_R8_SNORM; type = GL_BYTE; norm = 127; }
            case INT16 -> { internal = GL_R16_SNORM; type = GL_SHORT; norm = 32767; }
            case UINT16 -> { internal = GL_R16; type = GL_UNSIGNED_SHORT; norm = 65535; }
            default -> { internal = GL_R32F; type = GL_FLOAT; norm = 1; }
        }
        scale = (float) (norm * v.rescale().slope());
        offset = (float) v.rescale().intercept();
        texture = glGenTextures();
        glBindTexture(GL_TEXTURE_3D, texture);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage3D(GL_TEXTURE_3D, 0, internal, t[0], t[1], t[2], 0, GL_RED, type, 0L);
        int bytes = type == GL_FLOAT ? 4 : type == GL_SHORT || type == GL_UNSIGNED_SHORT ? 2 : 1;
        ByteBuffer row = MemoryUtil.memAlloc(t[0] * t[1] * bytes);
        try {
            for (int k = 0; k < t[2]; k++) {
                fill(v, k * step[2], t, row);
                glTexSubImage3D(GL_TEXTURE_3D, 0, 0, 0, k, t[0], t[1], 1, GL_RED, type, row);
            }
        } finally {
            MemoryUtil.memFree(row);
        }
        glBindTexture(GL_TEXTURE_3D, 0);
        // texture coordinate = (index / step + 0.5) / size
        Matrix4d m = new Matrix4d().scaling(1.0 / t[0], 1.0 / t[1], 1.0 / t[2]).translate(0.5, 0.5, 0.5)
                .scale(1.0 / step[0], 1.0 / step[1], 1.0 / step[2]).mul(v.geometry().lpsToIndex());
        lpsToTexture.set(m);
    }

    /** Copies slice k (every step-th voxel) into {@code dest} in the texture's format. */
    private void fill(Volume v, int k, int[] t, ByteBuffer dest) {
        dest.clear();
        Buffer src = v.slice(k);
        int nx = v.nx();
        if (step[0] == 1 && step[1] == 1) {   // the usual case: one bulk copy per slice
            switch (v.type()) {
                case UINT8, INT8 -> dest.put(((ByteBuffer) src).duplicate());
                case INT16, UINT16 -> dest.asShortBuffer().put(((ShortBuffer) src).duplicate());
                case FLOAT32 -> dest.asFloatBuffer().put(((FloatBuffer) src).duplicate());
                case INT32 -> {
                    IntBuffer ib = (IntBuffer) src;
                    for (int o = 0, e = ib.limit(); o < e; o++) {
                        dest.putFloat(ib.get(o));
                    }
                }
            }
            dest.position(0).limit(dest.capacity());
            return;
        }
        for (int j = 0; j < t[1]; j++) {
            int rowStart = j * step[1] * nx;
            for (int i = 0; i < t[0]; i++) {
                int o = rowStart + i * step[0];
                switch (v.type()) {
                    case UINT8, INT8 -> dest.put(((ByteBuffer) src).get(o));
                    case INT16, UINT16 -> dest.putShort(((ShortBuffer) src).get(o));
                    case INT32 -> dest.putFloat(((IntBuffer) src).get(o));
                    case FLOAT32 -> dest.putFloat(((FloatBuffer) src).get(o));
                }
            }
        }
        dest.flip();
    }

    public int texture() {
        return texture;
    }

    /** Real value = texel * valueScale + valueOffset. */
    public float valueScale() {
        return scale;
    }

    public float valueOffset() {
        return offset;
    }

    /** LPS mm → texture coordinates. Live: do not modify. */
    public Matrix4f lpsToTexture() {
        return lpsToTexture;
    }

    /** True when the driver's texture size limit made the upload keep only every n-th voxel. */
    public boolean subsampled() {
        return step[0] > 1 || step[1] > 1 || step[2] > 1;
    }

    public void delete() {
        glDeleteTextures(texture);
    }
}
