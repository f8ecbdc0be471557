package org.organ3d.volume;

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
 * <h2>Storage and sharing</h2>
 * Voxels are stored slice by slice: one primitive Java array per slice k ({@code byte[]},
 * {@code short[]}, {@code int[]} or {@code float[]} by {@link VoxelType}), row-major inside the slice
 * (i fastest, then j). A 512×512×2000 int16 study is therefore 2000 arrays of 512 KiB (≈1 GB in all):
 * no single array needs more than 2³¹ elements, a reader can decode each slice straight into the
 * array that the volume keeps ({@link Builder#setSlice} takes ownership, no copy), and passes can
 * work on slabs of slices in parallel.
 *
 * <p>A built {@code Volume} is immutable from the outside: slices are exposed only as read-only NIO
 * views ({@link #slice(int)}) or copied ({@link #sliceValues}). Derived volumes made with
 * {@link #withGeometry} or {@link #withRescale} share the slice arrays with this one (no copy).
 * Instances are thread-safe.
 */
public final class Volume {

    private final Dimensions dims;
    private final VoxelType type;
    private final Geometry geometry;
    private final Rescale rescale;
    private final Object[] slices;

    private Volume(Dimensions dims, VoxelType type, Geometry geometry, Rescale rescale, Object[] slices) {
        this.dims = dims;
        this.type = type;
        this.geometry = geometry;
        this.rescale = rescale;
        this.slices = slices;
    }

    /** A builder for a volume of the given size, type and geometry (rescale defaults to identity). */
    public static Builder builder(Dimensions dims, VoxelType type, Geometry geometry) {
        return new Builder(dims, type, geometry);
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

    /** The same voxels (shared, not copied) on another geometry of the same size. */
    public Volume withGeometry(Geometry g) {
        return new Volume(dims, type, Objects.requireNonNull(g), rescale, slices);
    }

    /** The same voxels (shared, not copied) with another rescale. */
    public Volume withRescale(Rescale r) {
        return new Volume(dims, type, geometry, Objects.requireNonNull(r), slices);
    }

    /** Stored (raw) value at (i, j, k) as a double; unsigned types are read unsigned. */
    public double raw(int i, int j, int k) {
        int o = dims.offsetInSlice(i, j);
        Object s = slices[k];
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
        Object s = slices[k];
        double a = rescale.slope();
        double b = rescale.intercept();
        boolean id = rescale.isIdentity();
        switch (type) {
            case UINT8 -> {
                byte[] v = (byte[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? (v[x] & 0xFF) : (float) ((v[x] & 0xFF) * a + b);
                }
            }
            case INT8 -> {
                byte[] v = (byte[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? v[x] : (float) (v[x] * a + b);
                }
            }
            case INT16 -> {
                short[] v = (short[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? v[x] : (float) (v[x] * a + b);
                }
            }
            case UINT16 -> {
                short[] v = (short[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = id ? (v[x] & 0xFFFF) : (float) ((v[x] & 0xFFFF) * a + b);
                }
            }
            case INT32 -> {
                int[] v = (int[]) s;
                for (int x = 0; x < n; x++) {
                    d[x] = (float) (v[x] * a + b);
                }
            }
            case FLOAT32 -> {
                float[] v = (float[]) s;
                if (id) {
                    System.arraycopy(v, 0, d, 0, n);
                } else {
                    for (int x = 0; x < n; x++) {
                        d[x] = (float) (v[x] * a + b);
                    }
                }
            }
        }
        return d;
    }

    /**
     * Read-only view of slice k's stored values: a {@link ByteBuffer} (uint8, int8), {@link ShortBuffer}
     * (int16, uint16), {@link IntBuffer} (int32) or {@link FloatBuffer} (float32). No copy.
     */
    public Buffer slice(int k) {
        Object s = slices[k];
        return switch (type) {
            case UINT8, INT8 -> ByteBuffer.wrap((byte[]) s).asReadOnlyBuffer();
            case INT16, UINT16 -> ShortBuffer.wrap((short[]) s).asReadOnlyBuffer();
            case INT32 -> IntBuffer.wrap((int[]) s).asReadOnlyBuffer();
            case FLOAT32 -> FloatBuffer.wrap((float[]) s).asReadOnlyBuffer();
        };
    }

    /** Copies slice k's stored values into {@code dest} (an array of {@link VoxelType#sliceClass()}). */
    public void copySlice(int k, Object dest) {
        if (dest.getClass() != type.sliceClass()) {
            throw new IllegalArgumentException("need " + type.sliceClass().getSimpleName() + " for " + type);
        }
        System.arraycopy(slices[k], 0, dest, 0, dims.sliceSize());
    }

    @Override
    public String toString() {
        return "Volume[" + dims + " " + type.label() + ", rescale " + rescale.slope() + "/" + rescale.intercept()
                + ", spacing " + geometry.spacing() + "]";
    }

    /**
     * The one mutable path to a {@link Volume}. Not thread-safe as a whole, but distinct slices may
     * be set or filled from different threads. After {@link #build()} the builder is spent.
     */
    public static final class Builder {
        private final Dimensions dims;
        private final VoxelType type;
        private Geometry geometry;
        private Rescale rescale = Rescale.IDENTITY;
        private Object[] slices;

        private Builder(Dimensions dims, VoxelType type, Geometry geometry) {
            this.dims = Objects.requireNonNull(dims);
            this.type = Objects.requireNonNull(type);
            this.geometry = Objects.requireNonNull(geometry);
            this.slices = new Object[dims.nz()];
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
         * Hands slice k's array to the volume (ownership passes: the caller must not change it after
         * {@link #build()}). Its class must match the voxel type and its length be {@code nx*ny}.
         */
        public Builder setSlice(int k, Object array) {
            live();
            if (array.getClass() != type.sliceClass()) {
                throw new IllegalArgumentException("slice " + k + ": need " + type.sliceClass().getSimpleName()
                        + " for " + type + ", got " + array.getClass().getSimpleName());
            }
            if (java.lang.reflect.Array.getLength(array) != dims.sliceSize()) {
                throw new IllegalArgumentException("slice " + k + ": length " + java.lang.reflect.Array.getLength(array)
                        + " != " + dims.sliceSize());
            }
            slices[k] = array;
            return this;
        }

        /**
         * Slice k's array for writing in place (allocated zeroed on first use): {@code byte[]},
         * {@code short[]}, {@code int[]} or {@code float[]} by voxel type.
         */
        public Object sliceForWriting(int k) {
            live();
            if (slices[k] == null) {
                slices[k] = type.newSlice(dims.sliceSize());
            }
            return slices[k];
        }

        /** Allocates every slice not yet set (zeros). */
        public Builder fillMissingWithZeros() {
            live();
            for (int k = 0; k < slices.length; k++) {
                if (slices[k] == null) {
                    slices[k] = type.newSlice(dims.sliceSize());
                }
            }
            return this;
        }

        /** The finished volume. Every slice must have been set or written. */
        public Volume build() {
            live();
            for (int k = 0; k < slices.length; k++) {
                if (slices[k] == null) {
                    throw new IllegalStateException("slice " + k + " of " + slices.length + " was never set");
                }
            }
            Object[] s = slices;
            slices = null;
            return new Volume(dims, type, geometry, rescale, s);
        }

        private void live() {
            if (slices == null) {
                throw new IllegalStateException("builder already built");
            }
        }
    }
}
