package org.organ3d.volume;

import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * A scalar image on a voxel grid placed in patient space: dimensions, voxel type, rescale to real
 * units (HU for CT) and {@link Geometry} (index → LPS mm).
 *
 * <h2>Storage and memory</h2>
 * Voxels are stored slice by slice, row-major inside a slice (i fastest, then j), in <i>slabs</i>:
 * primitive Java arrays ({@code byte[]}, {@code short[]}, {@code int[]} or {@code float[]} by
 * {@link VoxelType}) of up to {@value #SLAB_BYTES} bytes that hold many whole slices each
 * ({@link #slicesPerSlab()}). NB: one array per slice would cost twice its size under the G1
 * collector with heaps below 2 GB: a 512×512 int16 slice (512 KiB) is a "humongous" object there and
 * takes a whole 1 MiB region. A slab just under 32 MiB fills whole regions of every G1 region size
 * (1 to 32 MiB) but for less than one slice, so
 * <ul>
 * <li><b>rule of thumb:</b> a volume costs its voxel bytes ({@code nx·ny·nz·bytes}) plus at most one
 * slice per slab (under 2 % for 512×512 slices) — a 512×512×1000 int16 CT takes about 500 MB of
 * heap — and a pass over it needs working memory on top (flying edges: its mesh plus a few slices per
 * thread; a label map of the same grid: one byte per voxel);</li>
 * <li>no array exceeds 2³¹ elements whatever the volume's size (a slice itself must not).</li>
 * </ul>
 *
 * <h2>Access</h2>
 * A built {@code Volume} is immutable from the outside: slices are exposed only as read-only NIO
 * views ({@link #slice(int)}: no copy, cheap to make) or copied ({@link #sliceValues},
 * {@link #copySlice}). Derived volumes made with {@link #withGeometry} or {@link #withRescale} share
 * the slabs with this one (no copy). Instances are thread-safe. The one mutable path is
 * {@link Builder}: it writes through typed views ({@link Builder#shortsForWriting} ...) or copies
 * arrays in ({@link Builder#setSlice}).
 */
public final class Volume {

    /** Largest slab in bytes: just under 32 MiB, so that a slab fills whole G1 regions (see above). */
    public static final int SLAB_BYTES = (32 << 20) - 64;

    private final Dimensions dims;
    private final VoxelType type;
    private final Geometry geometry;
    private final Rescale rescale;
    private final Object[] slabs;
    private final int perSlab;

    private Volume(Dimensions dims, VoxelType type, Geometry geometry, Rescale rescale, Object[] slabs, int perSlab) {
        this.dims = dims;
        this.type = type;
        this.geometry = geometry;
        this.rescale = rescale;
        this.slabs = slabs;
        this.perSlab = perSlab;
    }

    /** A builder for a volume of the given size, type and geometry (rescale defaults to identity). */
    public static Builder builder(Dimensions dims, VoxelType type, Geometry geometry) {
        return new Builder(dims, type, geometry);
    }

    /** Slices per slab for slices of {@code sliceSize} voxels of {@code type} (at least 1, at most nz). */
    static int slicesPerSlab(int sliceSize, VoxelType type, int nz) {
        long sliceBytes = (long) sliceSize * type.bytes();
        return (int) Math.max(1, Math.min(nz, SLAB_BYTES / Math.max(1, sliceBytes)));
    }

    public Dimensions dimensions() {
        return dims;
    }

    public VoxelType type() {
        return type;
    }

    public Geometry geometry() {
        return geometry;
    }

    public Rescale rescale() {
        return rescale;
    }

    public int nx() {
        return dims.nx();
    }

    public int ny() {
        return dims.ny();
    }

    public int nz() {
        return dims.nz();
    }

    /** Slices stored in one array (the last array may hold fewer). */
    public int slicesPerSlab() {
        return perSlab;
    }

    /** The same voxels (shared, not copied) on another geometry of the same size. */
    public Volume withGeometry(Geometry g) {
        return new Volume(dims, type, Objects.requireNonNull(g), rescale, slabs, perSlab);
    }

    /** The same voxels (shared, not copied) with another rescale. */
    public Volume withRescale(Rescale r) {
        return new Volume(dims, type, geometry, Objects.requireNonNull(r), slabs, perSlab);
    }

    private Object slab(int k) {
        return slabs[Objects.checkIndex(k, dims.nz()) / perSlab];
    }

    private int base(int k) {
        return (k % perSlab) * dims.sliceSize();
    }

    /** Stored (raw) value at (i, j, k) as a double; unsigned types are read unsigned. */
    public double raw(int i, int j, int k) {
        int o = base(k) + dims.offsetInSlice(i, j);
        Object s = slab(k);
        return switch (type) {
            case UINT8 -> ((byte[]) s)[o] & 0xFF;
            case INT8 -> ((byte[]) s)[o];
            case INT16 -> ((short[]) s)[o];
            case UINT16 -> ((short[]) s)[o] & 0xFFFF;
            case INT32 -> ((int[]) s)[o];
            case FLOAT32 -> ((float[]) s)[o];
        };
    }

    /** Real (rescaled) value at (i, j, k). Convenient, not for hot loops: use {@link #sliceValues}. */
    public double value(int i, int j, int k) {
        return rescale.apply(raw(i, j, k));
    }

    /**
     * Real (rescaled) values of slice k as floats, written into {@code dest} (allocated when null or
     * too small) and returned. The fast, type-independent path for passes that scan slices.
     */
    public float[] sliceValues(int k, float[] dest) {
        int n = dims.sliceSize();
        float[] d = dest != null && dest.length >= n ? dest : new float[n];
        Object s = slab(k);
        int o = base(k);
        double a = rescale.slope();
        double b = rescale.intercept();
        boolean id = rescale.isIdentity();
        switch (type) {
            case UINT8 -> {
                byte[] v = (byte[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? (v[o + x] & 0xFF) : (float) ((v[o + x] & 0xFF) * a + b);
                }
            }
            case INT8 -> {
                byte[] v = (byte[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? v[o + x] : (float) (v[o + x] * a + b);
                }
            }
            case INT16 -> {
                short[] v = (short[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? v[o + x] : (float) (v[o + x] * a + b);
                }
            }
            case UINT16 -> {
                short[] v = (short[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? (v[o + x] & 0xFFFF) : (float) ((v[o + x] & 0xFFFF) * a + b);
                }
            }
            case INT32 -> {
                int[] v = (int[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = (float) (v[o + x] * a + b);
                }
            }
            case FLOAT32 -> {
                float[] v = (float[]) s;
                if (id) {
                    System.arraycopy(v, o, d, 0, n);
                } else {
                    for (int x = 0; x < n; x++) {
                        d[x] = (float) (v[o + x] * a + b);
                    }
                }
            }
        }
        return d;
    }

    /**
     * Read-only view of slice k's stored values: a {@link ByteBuffer} (uint8, int8), {@link ShortBuffer}
     * (int16, uint16), {@link IntBuffer} (int32) or {@link FloatBuffer} (float32), index 0 at voxel
     * (0, 0, k), capacity nx·ny. No copy; cheap to make (a few small objects).
     */
    public Buffer slice(int k) {
        return view(type, slab(k), base(k), dims.sliceSize(), true);
    }

    static Buffer view(VoxelType type, Object slab, int offset, int n, boolean readOnly) {
        return switch (type) {
            case UINT8, INT8 -> {
                ByteBuffer b = ByteBuffer.wrap((byte[]) slab, offset, n).slice();
                yield readOnly ? b.asReadOnlyBuffer() : b;
            }
            case INT16, UINT16 -> {
                ShortBuffer b = ShortBuffer.wrap((short[]) slab, offset, n).slice();
                yield readOnly ? b.asReadOnlyBuffer() : b;
            }
            case INT32 -> {
                IntBuffer b = IntBuffer.wrap((int[]) slab, offset, n).slice();
                yield readOnly ? b.asReadOnlyBuffer() : b;
            }
            case FLOAT32 -> {
                FloatBuffer b = FloatBuffer.wrap((float[]) slab, offset, n).slice();
                yield readOnly ? b.asReadOnlyBuffer() : b;
            }
        };
    }

    /** Copies slice k's stored values into {@code dest} (an array of {@link VoxelType#sliceClass()}, length ≥ nx·ny). */
    public void copySlice(int k, Object dest) {
        if (dest.getClass() != type.sliceClass()) {
            throw new IllegalArgumentException("need " + type.sliceClass().getSimpleName() + " for " + type);
        }
        System.arraycopy(slab(k), base(k), dest, 0, dims.sliceSize());
    }

    @Override
    public String toString() {
        return "Volume[" + dims + " " + type.label() + ", rescale " + rescale.slope() + "/" + rescale.intercept()
                + ", spacing " + geometry.spacing() + "]";
    }

    /**
     * The one mutable path to a {@link Volume}: allocates the slabs when made (so an out-of-memory
     * error comes before any work), then takes slices through typed writable views or array copies.
     * Not thread-safe as a whole, but distinct slices may be set or written from different threads.
     * After {@link #build()} the builder is spent; views obtained from it must not be written after
     * that.
     */
    public static final class Builder {
        private final Dimensions dims;
        private final VoxelType type;
        private final int perSlab;
        private Geometry geometry;
        private Rescale rescale = Rescale.IDENTITY;
        private Object[] slabs;
        private final boolean[] written;

        private Builder(Dimensions dims, VoxelType type, Geometry geometry) {
            this.dims = Objects.requireNonNull(dims);
            this.type = Objects.requireNonNull(type);
            this.geometry = Objects.requireNonNull(geometry);
            int n = dims.sliceSize();
            this.perSlab = slicesPerSlab(n, type, dims.nz());
            int count = (dims.nz() + perSlab - 1) / perSlab;
            this.slabs = new Object[count];
            for (int s = 0; s < count; s++) {
                int slices = Math.min(perSlab, dims.nz() - s * perSlab);
                slabs[s] = type.newSlice(slices * n);
            }
            this.written = new boolean[dims.nz()];
        }

        public Builder rescale(Rescale r) {
            this.rescale = Objects.requireNonNull(r);
            return this;
        }

        public Builder geometry(Geometry g) {
            this.geometry = Objects.requireNonNull(g);
            return this;
        }

        public Dimensions dimensions() {
            return dims;
        }

        public VoxelType type() {
            return type;
        }

        /**
         * Copies {@code array} into slice k (the caller keeps the array). Its class must match the
         * voxel type and its length be {@code nx*ny}.
         */
        public Builder setSlice(int k, Object array) {
            live();
            Objects.requireNonNull(array, "array");
            if (array.getClass() != type.sliceClass()) {
                throw new IllegalArgumentException("slice " + k + ": need " + type.sliceClass().getSimpleName()
                        + " for " + type + ", got " + array.getClass().getSimpleName());
            }
            if (Array.getLength(array) != dims.sliceSize()) {
                throw new IllegalArgumentException("slice " + k + ": length " + Array.getLength(array)
                        + " != " + dims.sliceSize());
            }
            System.arraycopy(array, 0, slabs[Objects.checkIndex(k, dims.nz()) / perSlab], (k % perSlab) * dims.sliceSize(),
                    dims.sliceSize());
            written[k] = true;
            return this;
        }

        /**
         * A writable view of slice k's stored values (zeros until written), index 0 at voxel
         * (0, 0, k): a {@link ByteBuffer}, {@link ShortBuffer}, {@link IntBuffer} or
         * {@link FloatBuffer} by voxel type. Its {@code array()} and {@code arrayOffset()} give the
         * backing slab for bulk copies.
         */
        public Buffer sliceForWriting(int k) {
            live();
            Objects.checkIndex(k, dims.nz());
            written[k] = true;
            return view(type, slabs[k / perSlab], (k % perSlab) * dims.sliceSize(), dims.sliceSize(), false);
        }

        /** {@link #sliceForWriting} of a uint8 or int8 volume. */
        public ByteBuffer bytesForWriting(int k) {
            return typed(k, ByteBuffer.class, "bytes", VoxelType.UINT8, VoxelType.INT8);
        }

        /** {@link #sliceForWriting} of an int16 or uint16 volume. */
        public ShortBuffer shortsForWriting(int k) {
            return typed(k, ShortBuffer.class, "shorts", VoxelType.INT16, VoxelType.UINT16);
        }

        /** {@link #sliceForWriting} of an int32 volume. */
        public IntBuffer intsForWriting(int k) {
            return typed(k, IntBuffer.class, "ints", VoxelType.INT32, VoxelType.INT32);
        }

        /** {@link #sliceForWriting} of a float32 volume. */
        public FloatBuffer floatsForWriting(int k) {
            return typed(k, FloatBuffer.class, "floats", VoxelType.FLOAT32, VoxelType.FLOAT32);
        }

        private <B extends Buffer> B typed(int k, Class<B> c, String what, VoxelType a, VoxelType b) {
            if (type != a && type != b) {
                throw new IllegalStateException("the volume is " + type.label() + ", not " + a.label()
                        + (a != b ? " or " + b.label() : "") + ": use " + accessor(type) + "(k), not " + what + "ForWriting");
            }
            return c.cast(sliceForWriting(k));
        }

        private static String accessor(VoxelType t) {
            return switch (t) {
                case UINT8, INT8 -> "bytesForWriting";
                case INT16, UINT16 -> "shortsForWriting";
                case INT32 -> "intsForWriting";
                case FLOAT32 -> "floatsForWriting";
            };
        }

        /** Marks every slice not yet set or written as written (it stays zero). */
        public Builder fillMissingWithZeros() {
            live();
            java.util.Arrays.fill(written, true);
            return this;
        }

        /** The finished volume. Every slice must have been set or written. */
        public Volume build() {
            live();
            for (int k = 0; k < written.length; k++) {
                if (!written[k]) {
                    throw new IllegalStateException("slice " + k + " of " + written.length + " was never set");
                }
            }
            Object[] s = slabs;
            slabs = null;
            return new Volume(dims, type, geometry, rescale, s, perSlab);
        }

        private void live() {
            if (slabs == null) {
                throw new IllegalStateException("builder already built");
            }
        }
    }
}
