package org.organ3d.segment;

import java.util.Collection;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The result of {@link ConnectedComponents}: a component number per voxel (0 = background,
 * 1..{@link #count()} by decreasing size, ties by lowest linear index of the first voxel) and the
 * size of each component. Owns its arrays; immutable after construction and thread-safe.
 */
public final class Components {

    private final int[][] labels;
    private final long[] sizes;
    private final Dimensions dims;
    private final Geometry geometry;

    Components(int[][] labels, long[] sizes, Dimensions dims, Geometry geometry) {
        this.labels = labels;
        this.sizes = sizes;
        this.dims = dims;
        this.geometry = geometry;
    }

    /**
     * Components computed elsewhere (another compute backend): {@code labels[k][j*nx+i]} in
     * 0..n, numbered as {@link ConnectedComponents} numbers them, and {@code sizes[1..n]}
     * ({@code sizes[0]} unused). The arrays are adopted, not copied. Checked: shape, label range,
     * non-increasing sizes.
     */
    public static Components of(int[][] labels, long[] sizes, Dimensions dims, Geometry geometry) {
        if (labels.length != dims.nz() || sizes.length < 1) {
            throw new IllegalArgumentException("labels need " + dims.nz() + " slices and sizes at least index 0");
        }
        for (int s = 2; s < sizes.length; s++) {
            if (sizes[s] > sizes[s - 1] || sizes[s] < 1) {
                throw new IllegalArgumentException("component sizes must be positive and non-increasing");
            }
        }
        int n = sizes.length - 1;
        for (int[] l : labels) {
            if (l == null || l.length != dims.sliceSize()) {
                throw new IllegalArgumentException("label slices must hold " + dims.sliceSize() + " voxels");
            }
        }
        // NB: the range check reads every voxel; slices in parallel keep it cheap for 512^3 label maps.
        IntStream.range(0, labels.length).parallel().forEach(k -> {
            for (int v : labels[k]) {
                if (v < 0 || v > n) {
                    throw new IllegalArgumentException("component label " + v + " outside 0.." + n);
                }
            }
        });
        return new Components(labels, sizes, dims, geometry);
    }

    /** Number of components. */
    public int count() {
        return sizes.length - 1;
    }

    /** Voxels in component {@code id} (1..count). */
    public long sizeVoxels(int id) {
        if (id < 1 || id > count()) {
            throw new IllegalArgumentException("no component " + id + " (there are " + count() + ")");
        }
        return sizes[id];
    }

    /** Volume of component {@code id} in mm³ (voxels × voxel volume). */
    public double sizeMm3(int id) {
        return sizeVoxels(id) * geometry.voxelVolume();
    }

    /** All sizes in voxels, index 0 unused (a copy; non-increasing from index 1). */
    public long[] sizesVoxels() {
        return sizes.clone();
    }

    /** Component number at (i, j, k), 0 for background. */
    public int componentAt(int i, int j, int k) {
        return labels[k][dims.offsetInSlice(i, j)];
    }

    public Dimensions dimensions() {
        return dims;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** Flags by component number: true for the components that hold at least one seed. */
    public boolean[] containing(Collection<VoxelIndex> seeds) {
        boolean[] keep = new boolean[sizes.length];
        for (VoxelIndex s : seeds) {
            s.requireInside(dims);
            keep[componentAt(s.i(), s.j(), s.k())] = true;
        }
        keep[0] = false;
        return keep;
    }

    /** 0/1 slices of the voxels whose component number passes {@code keep} (new arrays). */
    public byte[][] mask(IntPredicate keep) {
        boolean[] flag = new boolean[sizes.length];
        for (int id = 1; id < sizes.length; id++) {
            flag[id] = keep.test(id);
        }
        byte[][] out = new byte[dims.nz()][];
        Masks.parallel(dims.nz(), k -> {
            int[] l = labels[k];
            byte[] o = new byte[l.length];
            for (int x = 0; x < l.length; x++) {
                o[x] = (byte) (flag[l[x]] ? 1 : 0);
            }
            out[k] = o;
        });
        return out;
    }

    /**
     * The component numbers as a label map (uint8 up to 255 components, else uint16).
     *
     * @throws IllegalStateException if there are more than 65535 components
     */
    public LabelMap toLabelMap() {
        if (count() > 65535) {
            throw new IllegalStateException(count() + " components do not fit a label map (at most 65535); "
                    + "select some first (largest, minimum size)");
        }
        VoxelType t = count() <= 255 ? VoxelType.UINT8 : VoxelType.UINT16;
        Volume.Builder b = LabelMap.builder(dims, t, geometry);
        int n = dims.sliceSize();
        Masks.parallel(dims.nz(), k -> {
            int[] l = labels[k];
            if (t == VoxelType.UINT8) {
                java.nio.ByteBuffer s = b.bytesForWriting(k);
                for (int x = 0; x < n; x++) {
                    s.put(x, (byte) l[x]);
                }
            } else {
                java.nio.ShortBuffer s = b.shortsForWriting(k);
                for (int x = 0; x < n; x++) {
                    s.put(x, (short) l[x]);
                }
            }
        });
        return new LabelMap(b.build(), null);
    }
}
