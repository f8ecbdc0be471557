package org.organ3d.viewer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.joml.Vector3d;
import org.organ3d.viewer.raycast.TransferFunction;
import org.organ3d.viewer.slice.WindowLevel;

/**
 * What {@code organ3d view} was asked for. Build with {@link #builder(List)}.
 *
 * @param inputs       DICOM folders, volume files or mesh files (may be empty when labels is set)
 * @param labels       label map file, or null
 * @param iso          isosurface level for volume inputs, or null
 * @param stereo       initial stereo mode
 * @param backend      compute backend for isosurfaces ("auto", "java", "opencl")
 * @param measurements measurement JSON: loaded at start when it exists, written by Ctrl+S; or null
 *                     (then {@code measurements.json} in the working folder)
 * @param preset       initial view
 * @param width        window or image width, pixels
 * @param height       window or image height, pixels
 * @param opacity      initial opacity by organ name (case-insensitive), 0.05..1; every name must exist
 * @param rasMeshes    mesh files are in RAS (3D Slicer's default export): x and y are negated into LPS
 * @param series       DICOM Series Instance UID to read from a folder, or null (the largest)
 * @param forceMeasurements load the measurement file even when it was made on another study
 * @param colourTable  label names and colours (3D Slicer .ctbl, ITK-SNAP, FreeSurfer LUT), or null
 * @param layout       initial layout, or null (2×2 when there is an image or label map, else 3D)
 * @param window       initial window/level, or null (from the image)
 * @param volumeRendering initial volume rendering preset, or null (off)
 * @param crosshair    initial crosshair point (LPS mm), or null (the data's centre)
 */
public record ViewerOptions(List<Path> inputs, Path labels, Double iso, StereoMode stereo, String backend,
        Path measurements, ViewPreset preset, int width, int height, Map<String, Float> opacity, boolean rasMeshes,
        String series, boolean forceMeasurements, Path colourTable, ViewLayout layout, WindowLevel window,
        TransferFunction.Preset volumeRendering, Vector3d crosshair) {

    /** Mesh files in LPS. */
    public ViewerOptions(List<Path> inputs, Path labels, Double iso, StereoMode stereo, String backend,
            Path measurements, ViewPreset preset, int width, int height, Map<String, Float> opacity) {
        this(inputs, labels, iso, stereo, backend, measurements, preset, width, height, opacity, false);
    }

    /** Without the slice-view and study options. */
    public ViewerOptions(List<Path> inputs, Path labels, Double iso, StereoMode stereo, String backend,
            Path measurements, ViewPreset preset, int width, int height, Map<String, Float> opacity, boolean rasMeshes) {
        this(inputs, labels, iso, stereo, backend, measurements, preset, width, height, opacity, rasMeshes, null, false,
                null, null, null, null, null);
    }

    public ViewerOptions {
        inputs = List.copyOf(inputs);
        opacity = opacity == null ? Map.of() : Map.copyOf(opacity);
        for (Map.Entry<String, Float> e : opacity.entrySet()) {
            if (!(e.getValue() >= 0.05f && e.getValue() <= 1f)) {
                throw new IllegalArgumentException("opacity of " + e.getKey() + " must be 0.05..1: " + e.getValue());
            }
        }
        Objects.requireNonNull(stereo, "stereo");
        Objects.requireNonNull(preset, "preset");
        backend = backend == null ? "auto" : backend;
        if (inputs.isEmpty() && labels == null) {
            throw new IllegalArgumentException("nothing to view: give a DICOM folder, a volume, a label map or mesh files");
        }
        if (width < 16 || height < 16 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("size must be 16..16384 pixels per side: " + width + "x" + height);
        }
        if (iso != null && !Double.isFinite(iso)) {
            throw new IllegalArgumentException("--iso must be a finite number");
        }
        if (crosshair != null) {
            if (!Double.isFinite(crosshair.x) || !Double.isFinite(crosshair.y) || !Double.isFinite(crosshair.z)) {
                throw new IllegalArgumentException("--crosshair must be three finite numbers (LPS mm)");
            }
            crosshair = new Vector3d(crosshair);
        }
        series = series == null || series.isBlank() ? null : series.strip();
    }

    /** A builder with the defaults of {@code organ3d view}. */
    public static Builder builder(List<Path> inputs) {
        return new Builder(inputs);
    }

    /**
     * Applies the requested opacities to objects whose names match (case-insensitive).
     *
     * @throws IllegalArgumentException naming every requested organ that is not in {@code objects}
     *                                  (and the organs there are)
     */
    public void applyOpacity(List<SceneObject> objects) {
        List<String> unknown = new java.util.ArrayList<>();
        for (Map.Entry<String, Float> e : opacity.entrySet()) {
            boolean found = false;
            for (SceneObject o : objects) {
                if (o.name().equalsIgnoreCase(e.getKey().strip())) {
                    o.setOpacity(e.getValue());
                    found = true;
                }
            }
            if (!found) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            List<String> names = objects.stream().map(SceneObject::name).toList();
            String shown = names.size() <= 30 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 30)) + ", ... (" + names.size() + " in all)";
            throw new IllegalArgumentException("--opacity names no organ on display: " + String.join(", ", unknown)
                    + " (organs: " + (names.isEmpty() ? "none" : shown) + ")");
        }
    }

    /** The measurement file to use (the given one or measurements.json in the working folder). */
    public Path measurementFile() {
        return measurements != null ? measurements : Path.of("measurements.json");
    }

    /** Builds {@link ViewerOptions}; every setter returns this. */
    public static final class Builder {
        private final List<Path> inputs;
        private Path labels;
        private Double iso;
        private StereoMode stereo = StereoMode.OFF;
        private String backend = "auto";
        private Path measurements;
        private ViewPreset preset = ViewPreset.ANTERIOR;
        private int width = 1280;
        private int height = 800;
        private Map<String, Float> opacity = Map.of();
        private boolean ras;
        private String series;
        private boolean force;
        private Path colourTable;
        private ViewLayout layout;
        private WindowLevel window;
        private TransferFunction.Preset volume;
        private Vector3d crosshair;

        private Builder(List<Path> inputs) {
            this.inputs = inputs;
        }

        public Builder labels(Path p) { labels = p; return this; }
        public Builder iso(Double v) { iso = v; return this; }
        public Builder stereo(StereoMode m) { stereo = m; return this; }
        public Builder backend(String b) { backend = b; return this; }
        public Builder measurements(Path p) { measurements = p; return this; }
        public Builder preset(ViewPreset p) { preset = p; return this; }
        public Builder size(int w, int h) { width = w; height = h; return this; }
        public Builder opacity(Map<String, Float> o) { opacity = o; return this; }
        public Builder rasMeshes(boolean r) { ras = r; return this; }
        public Builder series(String uid) { series = uid; return this; }
        public Builder forceMeasurements(boolean f) { force = f; return this; }
        public Builder colourTable(Path p) { colourTable = p; return this; }
        public Builder layout(ViewLayout l) { layout = l; return this; }
        public Builder window(WindowLevel w) { window = w; return this; }
        public Builder volumeRendering(TransferFunction.Preset p) { volume = p; return this; }
        public Builder crosshair(Vector3d p) { crosshair = p; return this; }

        public ViewerOptions build() {
            return new ViewerOptions(inputs, labels, iso, stereo, backend, measurements, preset, width, height, opacity,
                    ras, series, force, colourTable, layout, window, volume, crosshair);
        }
    }
}
