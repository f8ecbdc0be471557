package org.organ3d.volume;

import java.util.Map;

/** Conversions between plain volumes and {@link LabelMap}s. */
public final class LabelMaps {

    private LabelMaps() {
    }

    /**
     * A label map from an integer volume whose real values are whole numbers in 0..65535: uint8 and
     * uint16 volumes are shared as they are; other types are converted (one pass, one copy).
     *
     * @param info label names and colours (may be empty, not null)
     * @throws IllegalArgumentException if a voxel is not a label value (the message gives the first
     *                                  such value and its slice)
     */
    public static LabelMap fromVolume(Volume v, Map<Integer, LabelInfo> info) {
        if ((v.type() == VoxelType.UINT8 || v.type() == VoxelType.UINT16) && v.rescale().isIdentity()) {
            return new LabelMap(v, info);
        }
        Dimensions d = v.dimensions();
        int n = d.sliceSize();
        double max = 0;
        float[] row = null;
        for (int k = 0; k < d.nz(); k++) {
            row = v.sliceValues(k, row);
            for (int x = 0; x < n; x++) {
                float f = row[x];
                if (f < 0 || f > 65535 || f != Math.rint(f)) {
                    throw new IllegalArgumentException("not a label map: voxel value " + f
                            + " in slice " + k + " is not a whole number in 0..65535");
                }
                max = Math.max(max, f);
            }
        }
        VoxelType t = max <= 255 ? VoxelType.UINT8 : VoxelType.UINT16;
        Volume.Builder b = Volume.builder(d, t, v.geometry());
        for (int k = 0; k < d.nz(); k++) {
            row = v.sliceValues(k, row);
            if (t == VoxelType.UINT8) {
                java.nio.ByteBuffer bs = b.bytesForWriting(k);
                for (int x = 0; x < n; x++) {
                    bs.put(x, (byte) (int) row[x]);
                }
            } else {
                java.nio.ShortBuffer ss = b.shortsForWriting(k);
                for (int x = 0; x < n; x++) {
                    ss.put(x, (short) (int) row[x]);
                }
            }
        }
        return new LabelMap(b.build(), info);
    }
}
