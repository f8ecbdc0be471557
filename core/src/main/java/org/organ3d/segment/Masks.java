package org.organ3d.segment;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Binary masks as the passes see them: one {@code byte[]} per slice (row-major, i fastest), 1 for
 * foreground and 0 for background, and the conversions to and from {@link LabelMap}s.
 *
 * <p>Arrays returned here are new and owned by the caller; arrays given are not changed. All methods
 * are thread-safe and run over slices in parallel.
 */
public final class Masks {

    private Masks() {
    }

    /** Runs {@code body} for 0..n-1 on all cores (the common fork/join pool). */
    static void parallel(int n, IntConsumer body) {
        IntStream.range(0, n).parallel().forEach(body);
    }

    /** The voxels with a non-zero label, as 0/1 slices. */
    public static byte[][] foreground(LabelMap map) {
        return select(map, -1);
    }

    /**
     * The voxels whose label equals {@code label} (1..65535), or every non-zero label when
     * {@code label} is negative, as 0/1 slices.
     */
    public static byte[][] select(LabelMap map, int label) {
        Volume v = map.labels();
        Dimensions d = v.dimensions();
        int n = d.sliceSize();
        byte[][] out = new byte[d.nz()][];
        parallel(d.nz(), k -> {
            byte[] o = new byte[n];
            if (v.type() == VoxelType.UINT8) {
                v.copySlice(k, o);
                for (int x = 0; x < n; x++) {
                    int l = o[x] & 0xFF;
                    o[x] = (byte) ((label < 0 ? l != 0 : l == label) ? 1 : 0);
                }
            } else {
                short[] b = new short[n];
                v.copySlice(k, b);
                for (int x = 0; x < n; x++) {
                    int l = b[x] & 0xFFFF;
                    o[x] = (byte) ((label < 0 ? l != 0 : l == label) ? 1 : 0);
                }
            }
            out[k] = o;
        });
        return out;
    }

    /**
     * A label map holding {@code label} where {@code bits} is non-zero and 0 elsewhere, on the given
     * grid. {@code bits} is not changed; slices are written in parallel straight into the map.
     */
    public static LabelMap toLabelMap(byte[][] bits, Dimensions dims, Geometry geometry, int label) {
        checkLabel(label);
        checkShape(bits, dims);
        int n = dims.sliceSize();
        if (label <= 255) {
            Volume.Builder b = LabelMap.builder(dims, VoxelType.UINT8, geometry);
            byte lb = (byte) label;
            parallel(dims.nz(), k -> {
                ByteBuffer s = b.bytesForWriting(k);
                byte[] m = bits[k];
                for (int x = 0; x < n; x++) {
                    s.put(x, m[x] != 0 ? lb : 0);
                }
            });
            return new LabelMap(b.build(), null);
        }
        Volume.Builder b = LabelMap.builder(dims, VoxelType.UINT16, geometry);
        short ls = (short) label;
        parallel(dims.nz(), k -> {
            ShortBuffer s = b.shortsForWriting(k);
            byte[] m = bits[k];
            for (int x = 0; x < n; x++) {
                s.put(x, m[x] != 0 ? ls : 0);
            }
        });
        return new LabelMap(b.build(), null);
    }

    /** Like {@link #toLabelMap(byte[][], Dimensions, Geometry, int)} on the grid of {@code like}. */
    public static LabelMap toLabelMap(byte[][] bits, LabelMap like, int label) {
        return toLabelMap(bits, like.dimensions(), like.geometry(), label);
    }

    /** Inclusive voxel bounding box {@code {i0, i1, j0, j1, k0, k1}} of the set voxels, or null if none. */
    public static int[] boundingBox(byte[][] bits, Dimensions d) {
        int nx = d.nx();
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        for (int k = 0; k < bits.length; k++) {
            byte[] b = bits[k];
            for (int x = 0; x < b.length; x++) {
                if (b[x] != 0) {
                    int j = x / nx;
                    int i = x - j * nx;
                    box[0] = Math.min(box[0], i);
                    box[1] = Math.max(box[1], i);
                    box[2] = Math.min(box[2], j);
                    box[3] = Math.max(box[3], j);
                    box[4] = Math.min(box[4], k);
                    box[5] = Math.max(box[5], k);
                }
            }
        }
        return box[1] < 0 ? null : box;
    }

    /** Number of non-zero voxels. */
    public static long count(byte[][] bits) {
        return IntStream.range(0, bits.length).parallel().mapToLong(k -> {
            long c = 0;
            for (byte b : bits[k]) {
                c += b != 0 ? 1 : 0;
            }
            return c;
        }).sum();
    }

    /** Number of voxels with a non-zero label. */
    public static long count(LabelMap map) {
        return map.counts().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Volume of the voxels with a non-zero label, in mm³ (voxel count × voxel volume). */
    public static double volumeMm3(LabelMap map) {
        return count(map) * map.geometry().voxelVolume();
    }

    /** A new all-zero mask of the given size. */
    static byte[][] empty(Dimensions d) {
        byte[][] m = new byte[d.nz()][];
        parallel(d.nz(), k -> m[k] = new byte[d.sliceSize()]);
        return m;
    }

    /** Complement inside the grid, in place. */
    static void invert(byte[][] bits) {
        parallel(bits.length, k -> {
            byte[] s = bits[k];
            for (int x = 0; x < s.length; x++) {
                s[x] = (byte) (s[x] != 0 ? 0 : 1);
            }
        });
    }

    static void checkShape(byte[][] bits, Dimensions d) {
        if (bits.length != d.nz()) {
            throw new IllegalArgumentException("mask has " + bits.length + " slices, grid has " + d.nz());
        }
        for (byte[] s : bits) {
            if (s == null || s.length != d.sliceSize()) {
                throw new IllegalArgumentException("mask slice length != " + d.sliceSize());
            }
        }
    }

    static void checkLabel(int label) {
        if (label < 1 || label > 65535) {
            throw new IllegalArgumentException("label value must be 1..65535: " + label);
        }
    }

    static void checkSameGrid(LabelMap a, LabelMap b) {
        if (!a.dimensions().equals(b.dimensions())) {
            throw new IllegalArgumentException("label maps differ in size: " + a.dimensions() + " vs " + b.dimensions());
        }
        if (!a.geometry().equalsWithin(b.geometry(), 1e-4)) {
            throw new IllegalArgumentException("label maps lie on different geometries: " + a.geometry() + " vs " + b.geometry());
        }
    }
}
