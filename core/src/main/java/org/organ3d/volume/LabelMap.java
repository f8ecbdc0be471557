package org.organ3d.volume;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A segmentation: one label value per voxel (0 = background) on the same kind of grid and
 * {@link Geometry} as a {@link Volume}, with optional names and colours per label.
 *
 * <p>The labels are kept in a {@link Volume} of type {@link VoxelType#UINT8} or
 * {@link VoxelType#UINT16} (identity rescale), stored slice by slice as described there; the
 * underlying volume is shared, never copied, by {@link #labels()} and {@link #withInfo}.
 * Immutable and thread-safe.
 */
public final class LabelMap {

    private final Volume labels;
    private final Map<Integer, LabelInfo> info;

    /**
     * Wraps a uint8 or uint16 volume of labels (shared, not copied) with optional label infos.
     */
    public LabelMap(Volume labels, Map<Integer, LabelInfo> info) {
        Objects.requireNonNull(labels);
        if (labels.type() != VoxelType.UINT8 && labels.type() != VoxelType.UINT16) {
            throw new IllegalArgumentException("label maps are uint8 or uint16, not " + labels.type());
        }
        if (!labels.rescale().isIdentity()) {
            throw new IllegalArgumentException("label maps have no rescale");
        }
        this.labels = labels;
        TreeMap<Integer, LabelInfo> m = new TreeMap<>();
        if (info != null) {
            for (Map.Entry<Integer, LabelInfo> e : info.entrySet()) {
                if (e.getKey() != e.getValue().value()) {
                    throw new IllegalArgumentException("label info key " + e.getKey() + " != value " + e.getValue().value());
                }
                m.put(e.getKey(), e.getValue());
            }
        }
        this.info = Collections.unmodifiableMap(m);
    }

    /** A builder of an all-background label map with the given grid. */
    public static Volume.Builder builder(Dimensions dims, VoxelType type, Geometry geometry) {
        if (type != VoxelType.UINT8 && type != VoxelType.UINT16) {
            throw new IllegalArgumentException("label maps are uint8 or uint16, not " + type);
        }
        return Volume.builder(dims, type, geometry);
    }

    /** The label values as a uint8/uint16 volume (shared). */
    public Volume labels() {
        return labels;
    }

    public Dimensions dimensions() {
        return labels.dimensions();
    }

    public Geometry geometry() {
        return labels.geometry();
    }

    /** Label at (i, j, k). */
    public int label(int i, int j, int k) {
        return (int) labels.raw(i, j, k);
    }

    /** Names and colours by label value (sorted, unmodifiable; may be empty). */
    public Map<Integer, LabelInfo> info() {
        return info;
    }

    /** Name and colour of one label, if the map carries them. */
    public Optional<LabelInfo> info(int label) {
        return Optional.ofNullable(info.get(label));
    }

    /** The same labels with other infos. */
    public LabelMap withInfo(Map<Integer, LabelInfo> newInfo) {
        return new LabelMap(labels, newInfo);
    }

    /**
     * Voxel count of every label value present (background 0 excluded), scanning all voxels once.
     */
    public Map<Integer, Long> counts() {
        long[] hist = new long[labels.type() == VoxelType.UINT8 ? 256 : 65536];
        int n = dimensions().sliceSize();
        for (int k = 0; k < dimensions().nz(); k++) {
            java.nio.Buffer b = labels.slice(k);
            if (b instanceof java.nio.ByteBuffer bb) {
                for (int x = 0; x < n; x++) {
                    hist[bb.get(x) & 0xFF]++;
                }
            } else {
                java.nio.ShortBuffer sb = (java.nio.ShortBuffer) b;
                for (int x = 0; x < n; x++) {
                    hist[sb.get(x) & 0xFFFF]++;
                }
            }
        }
        TreeMap<Integer, Long> m = new TreeMap<>();
        for (int v = 1; v < hist.length; v++) {
            if (hist[v] > 0) {
                m.put(v, hist[v]);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "LabelMap[" + dimensions() + " " + labels.type().label() + ", " + info.size() + " named labels]";
    }
}
