package org.organ3d.io.raw;

import org.organ3d.volume.VoxelType;

/**
 * How one voxel is stored in a file (NIfTI datatype, NRRD {@code type}, MetaImage
 * {@code ElementType}), and the {@link VoxelType} organ3d keeps it in.
 *
 * <p>Two file types have no exact {@link VoxelType}: {@link #UINT32} is kept as {@code int32} when every
 * value fits (0..2³¹−1), otherwise the whole volume becomes {@code float32} with a warning (values
 * above 2²⁴ are then rounded); {@link #FLOAT64} is kept as {@code float32}, with a warning when some
 * value is not exactly representable in float32.
 */
public enum SampleType {
    UINT8(1, VoxelType.UINT8),
    INT8(1, VoxelType.INT8),
    INT16(2, VoxelType.INT16),
    UINT16(2, VoxelType.UINT16),
    INT32(4, VoxelType.INT32),
    UINT32(4, VoxelType.INT32),
    FLOAT32(4, VoxelType.FLOAT32),
    FLOAT64(8, VoxelType.FLOAT32);

    private final int bytes;
    private final VoxelType target;

    SampleType(int bytes, VoxelType target) {
        this.bytes = bytes;
        this.target = target;
    }

    /** Bytes per voxel in the file. */
    public int bytes() {
        return bytes;
    }

    /** The voxel type organ3d reads it into (before any overflow fallback, see class comment). */
    public VoxelType target() {
        return target;
    }

    /** The file sample type that stores a {@link VoxelType} exactly. */
    public static SampleType of(VoxelType t) {
        return switch (t) {
            case UINT8 -> UINT8;
            case INT8 -> INT8;
            case INT16 -> INT16;
            case UINT16 -> UINT16;
            case INT32 -> INT32;
            case FLOAT32 -> FLOAT32;
        };
    }

    /** Lower-case name ({@code uint8}, {@code float64} ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
