package org.organ3d.measure;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.mesh.FlyingEdges;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Where the watertight surface of one label comes from, for the mesh volume, surface area and
 * sphericity of a measurement. Implementations must be thread-safe: labels are measured in parallel.
 */
public interface LabelSurfaces {

    /** A short description written into the report, e.g. whether the surface was smoothed. */
    String method();

    /**
     * The closed surface of {@code label} in LPS mm, outward-facing.
     *
     * @param box the label's voxel-index bounding box {@code [i0, i1, j0, j1, k0, k1]} (inclusive),
     *            inside the map (see {@link #boundingBox})
     * @throws IllegalArgumentException if {@code label} is not 1..65535 or {@code box} is not six
     *                                  ordered indices inside the map
     */
    Mesh extract(LabelMap map, int label, int[] box);

    /**
     * The closed surface of {@code label} in LPS mm, outward-facing; empty when the map does not
     * hold the label. Finds the label's bounding box first (one pass over the map).
     */
    default Mesh extract(LabelMap map, int label) {
        int[] box = boundingBox(map, label);
        return box == null ? Mesh.empty() : extract(map, label, box);
    }

    /**
     * The voxel-index bounding box {@code [i0, i1, j0, j1, k0, k1]} (inclusive) of {@code label} in
     * {@code map}, or null when no voxel carries it.
     */
    static int[] boundingBox(LabelMap map, int label) {
        checkLabel(label);
        Dimensions d = map.dimensions();
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        for (int k = 0; k < d.nz(); k++) {
            java.nio.Buffer view = map.labels().slice(k);
            for (int j = 0, o = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++, o++) {
                    int v = view instanceof java.nio.ByteBuffer bb ? bb.get(o) & 0xFF
                            : ((java.nio.ShortBuffer) view).get(o) & 0xFFFF;
                    if (v == label) {
                        box[0] = Math.min(box[0], i);
                        box[1] = Math.max(box[1], i);
                        box[2] = Math.min(box[2], j);
                        box[3] = Math.max(box[3], j);
                        box[4] = Math.min(box[4], k);
                        box[5] = Math.max(box[5], k);
                    }
                }
            }
        }
        return box[1] < 0 ? null : box;
    }

    private static void checkLabel(int label) {
        if (label < 1 || label > 65535) {
            throw new IllegalArgumentException("label must be 1..65535: " + label);
        }
    }

    /**
     * The isosurface at ½ of the label's 0/1 indicator, cropped to the label's bounding box plus one
     * background voxel on every side (so the surface is closed even where the label touches the
     * volume border), extracted by {@link FlyingEdges} (no further capping needed), not smoothed. On a binary image this is
     * discrete marching cubes: vertices sit halfway between an inside and an outside voxel centre.
     */
    static LabelSurfaces indicatorIsoSurface() {
        return indicatorIsoSurface(new JavaBackend());
    }

    /**
     * {@link #indicatorIsoSurface()} extracted by {@code backend}'s isosurface pass (every backend gives
     * the same triangles; the OpenCL backend runs flying edges on the device). The backend is used, not
     * closed.
     */
    static LabelSurfaces indicatorIsoSurface(ComputeBackend backend) {
        return new LabelSurfaces() {
            @Override
            public String method() {
                return "marching cubes of the label indicator at 0.5 (unsmoothed)";
            }

            @Override
            public Mesh extract(LabelMap map, int label, int[] box) {
                return backend.isosurface(indicator(map, label, box), new IsoSurfaceOptions(0.5, false, false));
            }
        };
    }

    /**
     * The isosurface at {@code iso} of {@code image} (on the label map's grid) next to the label: the
     * image is cropped to the label's bounding box plus one voxel, and every voxel farther than one
     * voxel (26-neighbourhood) from the label is set to background, so that other structures above
     * the iso value in the box do not contribute. For a label made by thresholding the same image at
     * {@code iso} this is the label's sub-voxel surface: its enclosed volume has no staircase or
     * corner-cutting error (within 0.5 % for a sphere of radius 10 voxels or more). For a label drawn
     * otherwise the surface follows the image, not the label; where an unlabelled structure above
     * {@code iso} touches the label, its first voxel layer is included.
     */
    static LabelSurfaces imageIsoSurface(Volume image, double iso) {
        return imageIsoSurface(image, iso, new JavaBackend());
    }

    /** {@link #imageIsoSurface(Volume, double)} extracted by {@code backend}'s isosurface pass (used, not closed). */
    static LabelSurfaces imageIsoSurface(Volume image, double iso, ComputeBackend backend) {
        String method = String.format(java.util.Locale.ROOT,
                "marching cubes of the image at %s within one voxel of the label (unsmoothed)", iso);
        return new LabelSurfaces() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public Mesh extract(LabelMap map, int label, int[] box) {
                LabelMeasurements.requireSameGrid(map, image);
                Volume ind = indicator(map, label, box);
                Dimensions d = ind.dimensions();
                int nx = d.nx();
                int ny = d.ny();
                int nz = d.nz();
                byte[][] near = new byte[nz][];
                for (int z = 0; z < nz; z++) {
                    near[z] = new byte[nx * ny];
                    ind.copySlice(z, near[z]);
                }
                dilate(near, nx, ny, nz);
                Volume.Builder b = Volume.builder(d, VoxelType.FLOAT32, ind.geometry());
                float[] row = null;
                for (int z = 0; z < nz; z++) {
                    FloatBuffer dst = b.floatsForWriting(z);
                    for (int x = 0, n = nx * ny; x < n; x++) {
                        dst.put(x, -Float.MAX_VALUE);
                    }
                    int k = box[4] - 1 + z;
                    if (k < 0 || k >= image.nz()) {
                        continue;
                    }
                    row = image.sliceValues(k, row);
                    for (int y = 0; y < ny; y++) {
                        int j = box[2] - 1 + y;
                        if (j < 0 || j >= image.ny()) {
                            continue;
                        }
                        for (int x = 0; x < nx; x++) {
                            int i = box[0] - 1 + x;
                            if (i >= 0 && i < image.nx() && near[z][y * nx + x] != 0) {
                                dst.put(y * nx + x, row[j * image.nx() + i]);
                            }
                        }
                    }
                }
                return backend.isosurface(b.build(), new IsoSurfaceOptions(iso, false, true));
            }
        };
    }

    /** In-place 3×3×3 dilation of a 0/1 mask, separably along x, y and z. */
    private static void dilate(byte[][] m, int nx, int ny, int nz) {
        byte[] line = new byte[Math.max(nx, Math.max(ny, nz))];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    line[x] = m[z][y * nx + x];
                }
                for (int x = 0; x < nx; x++) {
                    m[z][y * nx + x] = (byte) (line[x] | (x > 0 ? line[x - 1] : 0) | (x < nx - 1 ? line[x + 1] : 0));
                }
            }
            for (int x = 0; x < nx; x++) {
                for (int y = 0; y < ny; y++) {
                    line[y] = m[z][y * nx + x];
                }
                for (int y = 0; y < ny; y++) {
                    m[z][y * nx + x] = (byte) (line[y] | (y > 0 ? line[y - 1] : 0) | (y < ny - 1 ? line[y + 1] : 0));
                }
            }
        }
        for (int p = 0; p < nx * ny; p++) {
            for (int z = 0; z < nz; z++) {
                line[z] = m[z][p];
            }
            for (int z = 0; z < nz; z++) {
                m[z][p] = (byte) (line[z] | (z > 0 ? line[z - 1] : 0) | (z < nz - 1 ? line[z + 1] : 0));
            }
        }
    }

    /**
     * {@code base}'s surfaces smoothed by {@link WindowedSincSmoothing} (non-shrinking low-pass);
     * {@link #method()} says so, with the iterations and pass band, so that a report never passes a
     * smoothed volume or area off as the raw one.
     */
    static LabelSurfaces smoothed(LabelSurfaces base, WindowedSincSmoothing.Options options) {
        String raw = base.method().replace(" (unsmoothed)", "");
        String method = String.format(java.util.Locale.ROOT, "%s, smoothed (windowed sinc, %d iterations, pass band %s%s)",
                raw, options.iterations(), options.passBand(), options.preserveVolume() ? ", volume restored" : "");
        return new LabelSurfaces() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public Mesh extract(LabelMap map, int label, int[] box) {
                Mesh m = base.extract(map, label, box);
                return m.isEmpty() ? m : WindowedSincSmoothing.smooth(m, options).mesh();
            }
        };
    }

    /**
     * The 0/1 indicator of {@code label} over its bounding box padded by one voxel, on the same grid
     * shifted so that its voxel (0, 0, 0) is the label map's voxel (i0 − 1, j0 − 1, k0 − 1).
     */
    static Volume indicator(LabelMap map, int label, int[] box) {
        java.util.Objects.requireNonNull(map, "map");
        checkLabel(label);
        Dimensions md = map.dimensions();
        int[] n = {md.nx(), md.nx(), md.ny(), md.ny(), md.nz(), md.nz()};
        boolean ok = box != null && box.length == 6;
        for (int a = 0; ok && a < 6; a += 2) {
            ok = box[a] >= 0 && box[a] <= box[a + 1] && box[a + 1] < n[a];
        }
        if (!ok) {
            throw new IllegalArgumentException("box must be [i0, i1, j0, j1, k0, k1], inclusive voxel indices inside "
                    + md + " (LabelSurfaces.boundingBox gives it), not " + java.util.Arrays.toString(box));
        }
        int nx = box[1] - box[0] + 3;
        int ny = box[3] - box[2] + 3;
        int nz = box[5] - box[4] + 3;
        Geometry g = map.geometry().shiftedBy(box[0] - 1, box[2] - 1, box[4] - 1);
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.UINT8, g);
        Volume src = map.labels();
        Dimensions d = src.dimensions();
        for (int z = 0; z < nz; z++) {
            ByteBuffer dst = b.bytesForWriting(z);
            int k = box[4] - 1 + z;
            if (k < 0 || k >= d.nz()) {
                continue;
            }
            // NB: a read-only view, not a copy: a hundred labels would otherwise copy every slice
            // a hundred times.
            java.nio.Buffer view = src.slice(k);
            for (int y = 1; y < ny - 1; y++) {
                int j = box[2] - 1 + y;
                int row = j * d.nx();
                for (int x = 1; x < nx - 1; x++) {
                    int i = box[0] - 1 + x;
                    int v = view instanceof java.nio.ByteBuffer bb ? bb.get(row + i) & 0xFF
                            : ((java.nio.ShortBuffer) view).get(row + i) & 0xFFFF;
                    if (v == label) {
                        dst.put(y * nx + x, (byte) 1);
                    }
                }
            }
        }
        return b.build();
    }
}
