package org.organ3d.io.raw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.HeapBudget;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Decodes a stream of binary voxels (i fastest, then j, then k; no padding) slice by slice straight
 * into the slice arrays of a {@link Volume.Builder}.
 *
 * <p>Memory: apart from the slices themselves, at most one chunk buffer of {@link #CHUNK} bytes is
 * allocated, and a slice is allocated only when its bytes are about to be read, so a truncated or
 * lying file costs at most one slice more than the data it really holds. 8-bit data is read straight
 * into the slice array; wider types are read into the chunk buffer and converted with bulk NIO views
 * (no per-byte work).
 *
 * <p>Not thread-safe; one instance per read.
 */
public final class VoxelReader {

    /** Chunk buffer size in bytes for types wider than one byte. */
    public static final int CHUNK = 1 << 22;

    private final SampleType type;
    private final ByteOrder order;
    private final FormatErrors errors;
    private final String streamName;
    private long consumed;

    /**
     * @param type       sample type in the stream
     * @param order      byte order of the stream
     * @param errors     makes the caller's typed exception
     * @param streamName how to name the stream's offsets in messages, e.g. "decompressed byte" or
     *                   "byte" (file offsets, the stream starting at {@code startOffset})
     */
    public VoxelReader(SampleType type, ByteOrder order, FormatErrors errors, String streamName) {
        this.type = type;
        this.order = order;
        this.errors = errors;
        this.streamName = streamName;
    }

    /**
     * Reads {@code dims.nz()} slices from {@code in} (positioned at the first voxel) into a new volume.
     *
     * @param startOffset offset of the first voxel in the stream, for messages
     * @param file        the file named in warnings
     * @param warnings    receives conversion warnings (uint32 overflow, float64 precision)
     * @throws ImageFormatException on truncation or a corrupt (compressed) stream
     */
    public Volume read(InputStream in, long startOffset, Dimensions dims, Geometry geometry, Rescale rescale,
            Path file, List<ReadWarning> warnings) throws IOException {
        consumed = startOffset;
        checkHeap(dims);
        Volume.Builder b = Volume.builder(dims, type.target(), geometry).rescale(rescale);
        int n = dims.sliceSize();
        byte[] chunk = type.bytes() == 1 ? null : new byte[(int) Math.min(CHUNK, (long) n * type.bytes())];
        double[] dchunk = type == SampleType.FLOAT64 ? new double[chunk.length / 8] : null;
        boolean overflow = false;
        boolean lossy = false;
        for (int k = 0; k < dims.nz(); k++) {
            // NB: the slice's slab array and offset, for bulk copies straight into the volume
            java.nio.Buffer view = b.sliceForWriting(k);
            Object slice = view.array();
            int base = view.arrayOffset();
            if (chunk == null) {
                readFully(in, (byte[]) slice, base, n, k);
                continue;
            }
            int per = chunk.length / type.bytes();
            for (int off = 0; off < n; off += per) {
                int cnt = Math.min(per, n - off);
                readFully(in, chunk, 0, cnt * type.bytes(), k);
                ByteBuffer bb = ByteBuffer.wrap(chunk, 0, cnt * type.bytes()).order(order);
                switch (type) {
                    case INT16, UINT16 -> bb.asShortBuffer().get((short[]) slice, base + off, cnt);
                    case INT32 -> bb.asIntBuffer().get((int[]) slice, base + off, cnt);
                    case UINT32 -> {
                        int[] s = (int[]) slice;
                        bb.asIntBuffer().get(s, base + off, cnt);
                        for (int x = base + off, e = base + off + cnt; x < e; x++) {
                            overflow |= s[x] < 0;
                        }
                    }
                    case FLOAT32 -> bb.asFloatBuffer().get((float[]) slice, base + off, cnt);
                    case FLOAT64 -> {
                        bb.asDoubleBuffer().get(dchunk, 0, cnt);
                        float[] s = (float[]) slice;
                        for (int x = 0; x < cnt; x++) {
                            float f = (float) dchunk[x];
                            s[base + off + x] = f;
                            lossy |= f != dchunk[x] && !Double.isNaN(dchunk[x]);
                        }
                    }
                    default -> throw new IllegalStateException(type.toString());
                }
            }
        }
        Volume v = b.build();
        if (type == SampleType.FLOAT64) {
            warnings.add(new ReadWarning(Kind.VALUE_CONVERSION, file,
                    lossy ? "float64 voxels were converted to float32 and some values were rounded (about 7 significant digits kept)"
                    : "float64 voxels were stored as float32 (every value is exactly representable)"));
        }
        if (overflow) {
            warnings.add(new ReadWarning(Kind.VALUE_CONVERSION, file,
                    "uint32 voxels above 2147483647 found: the volume is kept as float32 (values above 16777216 are rounded)"));
            return unsignedToFloat(v);
        }
        return v;
    }

    /** Bytes consumed from the stream so far, counted from the start offset given to {@link #read}. */
    public long position() {
        return consumed;
    }

    private void readFully(InputStream in, byte[] dest, int off, int len, int slice) throws IOException {
        int done = 0;
        while (done < len) {
            int r;
            try {
                r = in.read(dest, off + done, len - done);
            } catch (ImageFormatException e) {
                throw e;
            } catch (java.io.EOFException e) {
                throw errors.error(-1, "voxel data ends early: compressed stream truncated after " + (consumed + done)
                        + " decompressed bytes, in slice " + slice, e);
            } catch (IOException e) {
                throw errors.error(-1, "corrupt compressed data after " + (consumed + done) + " decompressed bytes (slice "
                        + slice + "): " + e.getMessage(), e);
            }
            if (r < 0) {
                throw errors.error(-1, "voxel data ends early: stream ends at " + streamName + " " + (consumed + done)
                        + " in slice " + slice + " (file truncated or header dimensions too large)");
            }
            done += r;
        }
        consumed += len;
    }

    private static Volume unsignedToFloat(Volume v) {
        Dimensions d = v.dimensions();
        Volume.Builder b = Volume.builder(d, VoxelType.FLOAT32, v.geometry()).rescale(v.rescale());
        int[] s = new int[d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            v.copySlice(k, s);
            FloatBuffer f = b.floatsForWriting(k);
            for (int x = 0; x < s.length; x++) {
                f.put(x, (float) (s[x] & 0xFFFFFFFFL));
            }
        }
        return b.build();
    }

    private void checkHeap(Dimensions dims) throws ImageFormatException {
        String why = HeapBudget.shortfall(dims.voxelCount() * type.target().bytes(), "the volume " + dims);
        if (why != null) {
            throw errors.error(-1, why);
        }
    }
}
