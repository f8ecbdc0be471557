package org.organ3d.measure;

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
     * @param box the label's voxel-index bounding box {@code [i0, i1, j0, j1, k0, k1]} (inclusive)
     */
    Mesh extract(LabelMap map, int label, int[] box);

    /**
     * The isosurface at ½ of the label's 0/1 indicator, cropped to the label's bounding box plus one
     * background voxel on every side (so the surface is closed even where the label touches the
     * volume border), extracted by {@link FlyingEdges} (no further capping needed), not smoothed. On a binary image this is
     * discrete marching cubes: vertices sit halfway between an inside and an outside voxel centre.
     */
    static LabelSurfaces indicatorIsoSurface() {
        return new LabelSurfaces() {
            @Override
            public String method() {
                return "marching cubes of the label indicator at 0.5 (unsmoothed)";
            }

            @Override
            public Mesh extract(LabelMap map, int label, int[] box) {
                return FlyingEdges.extract(indicator(map, label, box), new IsoSurfaceOptions(0.5, false, false));
            }
        };
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
        int nx = box[1] - box[0] + 3;
        int ny = box[3] - box[2] + 3;
        int nz = box[5] - box[4] + 3;
        Geometry g = map.geometry().shiftedBy(box[0] - 1, box[2] - 1, box[4] - 1);
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.UINT8, g);
        Volume src = map.labels();
        Dimensions d = src.dimensions();
        for (int z = 0; z < nz; z++) {
            byte[] dst = (byte[]) b.sliceForWriting(z);
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
                        dst[y * nx + x] = 1;
                    }
                }
            }
        }
        return b.build();
    }
}
