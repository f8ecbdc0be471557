package org.organ3d.segment;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Boolean operations between label maps (read as masks, "label != 0"), extraction of one label and
 * merging of several label maps. Inputs must share dimensions and geometry (to 1e-4 mm); outputs
 * are new label maps on that geometry. Parallel over slices.
 */
public final class LabelMapOps {

    private LabelMapOps() {
    }

    private interface Op {
        boolean apply(boolean a, boolean b);
    }

    /** Voxels in a or b, labelled {@code label}. */
    public static LabelMap union(LabelMap a, LabelMap b, int label) {
        return combine(a, b, label, (x, y) -> x || y);
    }

    /** Voxels in both a and b, labelled {@code label}. */
    public static LabelMap intersection(LabelMap a, LabelMap b, int label) {
        return combine(a, b, label, (x, y) -> x && y);
    }

    /** Voxels in a and not in b, labelled {@code label}. */
    public static LabelMap difference(LabelMap a, LabelMap b, int label) {
        return combine(a, b, label, (x, y) -> x && !y);
    }

    /** Voxels in exactly one of a and b, labelled {@code label}. */
    public static LabelMap xor(LabelMap a, LabelMap b, int label) {
        return combine(a, b, label, (x, y) -> x != y);
    }

    private static LabelMap combine(LabelMap a, LabelMap b, int label, Op op) {
        Masks.checkLabel(label);
        Masks.checkSameGrid(a, b);
        byte[][] fa = Masks.foreground(a);
        byte[][] fb = Masks.foreground(b);
        Masks.parallel(fa.length, k -> {
            byte[] x = fa[k];
            byte[] y = fb[k];
            for (int n = 0; n < x.length; n++) {
                x[n] = (byte) (op.apply(x[n] != 0, y[n] != 0) ? 1 : 0);
            }
        });
        return Masks.toLabelMap(fa, a, label);
    }

    /** The voxels of label {@code value}, labelled {@code label} (its name and colour kept). */
    public static LabelMap extract(LabelMap map, int value, int label) {
        Masks.checkLabel(value);
        LabelMap out = Masks.toLabelMap(Masks.select(map, value), map, label);
        return map.info(value).map(i -> out.withInfo(Map.of(label, new LabelInfo(label, i.name(), i.rgba())))).orElse(out);
    }

    /**
     * Merges label maps in order: a later map's non-zero labels overwrite what is there. Names and
     * colours are merged the same way. The result is uint8 if every label fits, else uint16.
     */
    public static LabelMap merge(List<LabelMap> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        LabelMap first = maps.get(0);
        boolean wide = false;
        Map<Integer, LabelInfo> info = new TreeMap<>();
        for (LabelMap m : maps) {
            Masks.checkSameGrid(first, m);
            wide |= m.labels().type() == VoxelType.UINT16 && m.counts().keySet().stream().anyMatch(v -> v > 255);
            info.putAll(m.info());
        }
        Dimensions d = first.dimensions();
        int n = d.sliceSize();
        VoxelType t = wide ? VoxelType.UINT16 : VoxelType.UINT8;
        Volume.Builder out = LabelMap.builder(d, t, first.geometry());
        Masks.parallel(d.nz(), k -> {
            int[] acc = new int[n];
            for (LabelMap m : maps) {
                Volume v = m.labels();
                if (v.type() == VoxelType.UINT8) {
                    ByteBuffer b = (ByteBuffer) v.slice(k);
                    for (int x = 0; x < n; x++) {
                        int l = b.get(x) & 0xFF;
                        if (l != 0) {
                            acc[x] = l;
                        }
                    }
                } else {
                    ShortBuffer b = (ShortBuffer) v.slice(k);
                    for (int x = 0; x < n; x++) {
                        int l = b.get(x) & 0xFFFF;
                        if (l != 0) {
                            acc[x] = l;
                        }
                    }
                }
            }
            if (t == VoxelType.UINT8) {
                ByteBuffer s = out.bytesForWriting(k);
                for (int x = 0; x < n; x++) {
                    s.put(x, (byte) acc[x]);
                }
            } else {
                ShortBuffer s = out.shortsForWriting(k);
                for (int x = 0; x < n; x++) {
                    s.put(x, (short) acc[x]);
                }
            }
        });
        return new LabelMap(out.build(), info);
    }
}
