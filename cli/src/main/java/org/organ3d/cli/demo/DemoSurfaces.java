package org.organ3d.cli.demo;

import java.util.Map;
import java.util.TreeMap;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SmoothingResult;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;

/**
 * The demo's organ surfaces: marching cubes of each label's 0/1 indicator at ½ (cropped to the
 * label's bounding box plus one background voxel, so every surface is closed) on the chosen compute
 * backend, then windowed-sinc smoothing (Nuttall window, default pass band), which keeps the enclosed
 * volume within a fraction of a percent. {@link #extractAll} and {@link #smoothAll} are timed as
 * separate stages; measurement then reads the smoothed meshes through {@link LabelSurfaces}.
 */
final class DemoSurfaces implements LabelSurfaces {

    private final ComputeBackend backend;
    private final Map<Integer, Mesh> raw = new TreeMap<>();
    private final Map<Integer, SmoothingResult> smoothed = new TreeMap<>();

    DemoSurfaces(ComputeBackend backend) {
        this.backend = backend;
    }

    @Override
    public String method() {
        return "marching cubes of the label indicator at 0.5 on backend " + backend.name()
                + ", windowed-sinc smoothed (Nuttall window)";
    }

    /** Extracts the raw surface of every label present. */
    void extractAll(LabelMap map) {
        for (Map.Entry<Integer, int[]> e : boxes(map).entrySet()) {
            raw.put(e.getKey(), backend.isosurface(LabelSurfaces.indicator(map, e.getKey(), e.getValue()),
                    new IsoSurfaceOptions(0.5, false, true)));
        }
    }

    /** Smooths every extracted surface. */
    void smoothAll() {
        raw.entrySet().parallelStream().forEach(e -> {
            SmoothingResult r = WindowedSincSmoothing.smooth(e.getValue());
            synchronized (smoothed) {
                smoothed.put(e.getKey(), r);
            }
        });
    }

    @Override
    public Mesh extract(LabelMap map, int label, int[] box) {
        SmoothingResult r;
        synchronized (smoothed) {
            r = smoothed.get(label);
        }
        if (r == null) {
            throw new IllegalStateException("label " + label + " was not meshed");
        }
        return r.mesh();
    }

    Map<Integer, Mesh> raw() {
        return raw;
    }

    Map<Integer, SmoothingResult> smoothed() {
        return smoothed;
    }

    /** Inclusive voxel bounding box {i0, i1, j0, j1, k0, k1} of every label present (one pass). */
    static Map<Integer, int[]> boxes(LabelMap map) {
        Dimensions d = map.dimensions();
        Map<Integer, int[]> out = new TreeMap<>();
        float[] row = null;
        for (int k = 0; k < d.nz(); k++) {
            row = map.labels().sliceValues(k, row);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int l = (int) row[j * d.nx() + i];
                    if (l == 0) {
                        continue;
                    }
                    int[] b = out.get(l);
                    if (b == null) {
                        out.put(l, new int[] {i, i, j, j, k, k});
                        continue;
                    }
                    b[0] = Math.min(b[0], i);
                    b[1] = Math.max(b[1], i);
                    b[2] = Math.min(b[2], j);
                    b[3] = Math.max(b[3], j);
                    b[4] = Math.min(b[4], k);
                    b[5] = Math.max(b[5], k);
                }
            }
        }
        return out;
    }
}
