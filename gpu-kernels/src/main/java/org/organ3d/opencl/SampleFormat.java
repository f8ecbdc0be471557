package org.organ3d.opencl;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * How a volume's samples travel to the device and become the float values the kernels compare:
 * as stored (int16 CT moves half the bytes of floats) with the rescale applied in the kernel, giving
 * exactly the floats of {@link Volume#sliceValues}.
 *
 * <p>Modes ({@code -DSAMPLE_RESCALE=}, see the kernels' preamble): 0, identity rescale:
 * {@code (float) raw}, which equals Java's {@code (float) (raw * 1.0 + 0.0)} for every stored type
 * (8/16-bit integers are exact; an int32 or a double is rounded once to nearest even either way;
 * float32 is copied). 1, device with {@code cl_khr_fp64}: {@code (float) ((double) raw * slope + intercept)}
 * with contraction off, the very same IEEE double operations as Java. 2, no fp64, 8/16-bit integers,
 * integer slope and intercept with |slope| × max|raw| + |intercept| ≤ 2²⁴: every intermediate is an
 * integer exactly representable in float, so the float computation is exact and equals Java's.
 * Otherwise ({@code hostConverts()}): the host converts with {@code sliceValues} on all cores and
 * uploads floats (mode 0 on float samples).
 *
 * @param type        stored voxel type on the device ({@code FLOAT32} when the host converts)
 * @param clType      OpenCL C type of one sample
 * @param mode        rescale mode, see above
 * @param hostConverts true when the host converts to floats before the upload
 * @param slope       rescale slope (kernel argument {@code rsA})
 * @param intercept   rescale intercept (kernel argument {@code rsB})
 */
record SampleFormat(VoxelType type, String clType, int mode, boolean hostConverts, double slope, double intercept) {

    /** Float samples, identity rescale (a placeholder where no volume is read). */
    static final SampleFormat FLOATS = new SampleFormat(VoxelType.FLOAT32, "float", 0, false, 1, 0);

    /** The format for {@code volume} on a device with or without fp64. */
    static SampleFormat of(Volume volume, boolean fp64) {
        VoxelType t = volume.type();
        double a = volume.rescale().slope();
        double b = volume.rescale().intercept();
        String cl = switch (t) {
            case UINT8 -> "uchar";
            case INT8 -> "char";
            case INT16 -> "short";
            case UINT16 -> "ushort";
            case INT32 -> "int";
            case FLOAT32 -> "float";
        };
        if (volume.rescale().isIdentity()) {
            return new SampleFormat(t, cl, 0, false, a, b);
        }
        if (fp64) {
            return new SampleFormat(t, cl, 1, false, a, b);
        }
        if (t.bytes() <= 2 && a == Math.rint(a) && b == Math.rint(b)
                && Math.abs(a) * Math.max(Math.abs(t.minValue()), Math.abs(t.maxValue())) + Math.abs(b) <= (1 << 24)) {
            return new SampleFormat(t, cl, 2, false, a, b);
        }
        return new SampleFormat(VoxelType.FLOAT32, "float", 0, true, 1, 0);
    }

    /** Bytes of one sample on the device. */
    int bytes() {
        return type.bytes();
    }

    /** Build options selecting the sample type and rescale mode in the kernels. */
    String options() {
        return "-DSAMPLE_T=" + clType + " -DSAMPLE_RESCALE=" + mode;
    }

    /**
     * Writes slices [first, first + count) of {@code volume} into {@code chunk} from byte 0, one slice
     * after another, on all cores.
     */
    void fill(Volume volume, ByteBuffer chunk, int first, int count) {
        int slice = volume.dimensions().sliceSize();
        long sliceBytes = (long) slice * bytes();
        IntStream.range(0, count).parallel().forEach(q -> {
            ByteBuffer dst = chunk.duplicate().order(ByteOrder.nativeOrder());
            dst.position((int) (q * sliceBytes));
            int k = first + q;
            if (hostConverts) {
                float[] v = volume.sliceValues(k, null);
                dst.asFloatBuffer().put(v, 0, slice);
                return;
            }
            Buffer src = volume.slice(k);
            switch (type) {
                case UINT8, INT8 -> dst.put((ByteBuffer) src);
                case INT16, UINT16 -> dst.asShortBuffer().put((ShortBuffer) src);
                case INT32 -> dst.asIntBuffer().put((IntBuffer) src);
                case FLOAT32 -> dst.asFloatBuffer().put((FloatBuffer) src);
            }
        });
    }
}
