package org.organ3d.volume;

/**
 * How one stored voxel is represented. Unsigned types are kept in the signed Java array of the same
 * width ({@code uint8} in {@code byte[]}, {@code uint16} in {@code short[]}) and read with a mask.
 */
public enum VoxelType {
    UINT8(1, true, 0, 255),
    INT8(1, true, -128, 127),
    INT16(2, true, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(2, true, 0, 65535),
    INT32(4, true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32(4, false, -Float.MAX_VALUE, Float.MAX_VALUE);

    private final int bytes;
    private final boolean integer;
    private final double min;
    private final double max;

    VoxelType(int bytes, boolean integer, double min, double max) {
        this.bytes = bytes;
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    /** Bytes per stored voxel. */
    public int bytes() {
        return bytes;
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return integer;
    }

    /** Smallest raw value the type can hold. */
    public double minValue() {
        return min;
    }

    /** Largest raw value the type can hold. */
    public double maxValue() {
        return max;
    }

    /** A new zeroed slice array of this type: byte[], short[], int[] or float[]. */
    public Object newSlice(int size) {
        return switch (this) {
            case UINT8, INT8 -> new byte[size];
            case INT16, UINT16 -> new short[size];
            case INT32 -> new int[size];
            case FLOAT32 -> new float[size];
        };
    }

    /** The Java array class that holds one slice of this type. */
    public Class<?> sliceClass() {
        return switch (this) {
            case UINT8, INT8 -> byte[].class;
            case INT16, UINT16 -> short[].class;
            case INT32 -> int[].class;
            case FLOAT32 -> float[].class;
        };
    }

    /** Lower-case name as used in file formats and the CLI ({@code int16}, {@code float32} ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
