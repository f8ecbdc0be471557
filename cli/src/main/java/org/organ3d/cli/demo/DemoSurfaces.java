package org.organ3d.cli.demo;

import java.util.Map;
import java.util.TreeMap;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.LabelVoxels;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SmoothingResult;
import org.organ3d.mesh.WindowedSincSmoothing;
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

    /** Inclusive voxel bounding box {i0, i1, j0, j1, k0, k1} of every label present (the backend's label pass). */
    private Map<Integer, int[]> boxes(LabelMap map) {
        LabelStatistics s = backend.labelStatistics(map, null, new LabelStatistics.Options(null, new double[0], false));
        Map<Integer, int[]> out = new TreeMap<>();
        for (int c = 0; c < s.size(); c++) {
            LabelVoxels v = s.voxels(c);
            out.put(v.label(), new int[] {v.iMin(), v.iMax(), v.jMin(), v.jMax(), v.kMin(), v.kMax()});
        }
        return out;
    }
}
