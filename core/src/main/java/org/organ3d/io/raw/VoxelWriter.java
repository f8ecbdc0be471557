package org.organ3d.io.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Writes a volume's stored voxels as binary (i fastest, then j, then k) in a chosen byte order, with
 * bulk NIO copies through one reusable chunk buffer. Not thread-safe; one call at a time.
 */
public final class VoxelWriter {

    private VoxelWriter() {
    }

    /** Writes every stored voxel of {@code v} (its own {@link VoxelType}, no rescale applied) to {@code out}. */
    public static void write(Volume v, ByteOrder order, OutputStream out) throws IOException {
        int n = v.dimensions().sliceSize();
        int bytes = v.type().bytes();
        int per = (int) Math.min(n, VoxelReader.CHUNK / bytes);
        ByteBuffer chunk = ByteBuffer.allocate(per * bytes).order(order);
        for (int k = 0; k < v.nz(); k++) {
            java.nio.Buffer s = v.slice(k);
            for (int off = 0; off < n; off += per) {
                int cnt = Math.min(per, n - off);
                chunk.clear();
                s.limit(off + cnt).position(off);
                switch (v.type()) {
                    case UINT8, INT8 -> chunk.put((ByteBuffer) s);
                    case INT16, UINT16 -> chunk.asShortBuffer().put((ShortBuffer) s);
                    case INT32 -> chunk.asIntBuffer().put((IntBuffer) s);
                    case FLOAT32 -> chunk.asFloatBuffer().put((FloatBuffer) s);
                }
                out.write(chunk.array(), 0, cnt * bytes);
            }
        }
    }

    /**
     * The volume with identity rescale and the same real values, for formats that cannot store a
     * rescale (NRRD, MetaImage): returned as is when the rescale is already the identity; integer
     * slope and intercept keep an integer type (int16 when the real range fits, else int32); any
     * other rescale gives float32 real values (rounded to float precision).
     */
    public static Volume withoutRescale(Volume v) {
        Rescale r = v.rescale();
        if (r.isIdentity()) {
            return v;
        }
        Dimensions d = v.dimensions();
        boolean integral = v.type().isInteger() && r.slope() == Math.rint(r.slope()) && r.intercept() == Math.rint(r.intercept());
        VoxelType t = VoxelType.FLOAT32;
        if (integral) {
            double lo = Math.min(r.apply(v.type().minValue()), r.apply(v.type().maxValue()));
            double hi = Math.max(r.apply(v.type().minValue()), r.apply(v.type().maxValue()));
            if (lo >= Short.MIN_VALUE && hi <= Short.MAX_VALUE) {
                t = VoxelType.INT16;
            } else if (lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE) {
                t = VoxelType.INT32;
            }
        }
        Volume.Builder b = Volume.builder(d, t, v.geometry());
        float[] row = null;
        double a = r.slope();
        double c = r.intercept();
        for (int k = 0; k < d.nz(); k++) {
            if (t == VoxelType.FLOAT32) {
                row = v.sliceValues(k, row);
                b.floatsForWriting(k).put(0, row, 0, d.sliceSize());
                continue;
            }
            if (t == VoxelType.INT16) {
                // NB: integer reals in the int16 range are exact in float, so the fast float path is exact here.
                row = v.sliceValues(k, row);
                java.nio.ShortBuffer s = b.shortsForWriting(k);
                for (int x = 0, n = d.sliceSize(); x < n; x++) {
                    s.put(x, (short) Math.round(row[x]));
                }
                continue;
            }
            java.nio.IntBuffer dest = b.intsForWriting(k);
            for (int j = 0, x = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++, x++) {
                    long val = Math.round(v.raw(i, j, k) * a + c);
                    dest.put(x, (int) val);
                }
            }
        }
        return b.build();
    }
}
