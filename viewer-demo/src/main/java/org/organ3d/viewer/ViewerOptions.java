package org.organ3d.viewer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code organ3d view} was asked for.
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
 * @param opacity      initial opacity by organ name (case-insensitive), 0.05..1
 * @param rasMeshes    mesh files are in RAS (3D Slicer's default export): x and y are negated into LPS
 */
public record ViewerOptions(List<Path> inputs, Path labels, Double iso, StereoMode stereo, String backend,
        Path measurements, ViewPreset preset, int width, int height, Map<String, Float> opacity, boolean rasMeshes) {

    /** Mesh files in LPS. */
    public ViewerOptions(List<Path> inputs, Path labels, Double iso, StereoMode stereo, String backend,
            Path measurements, ViewPreset preset, int width, int height, Map<String, Float> opacity) {
        this(inputs, labels, iso, stereo, backend, measurements, preset, width, height, opacity, false);
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
    }

    /** Applies the requested opacities to objects whose names match (case-insensitive). */
    public void applyOpacity(List<SceneObject> objects) {
        for (SceneObject o : objects) {
            for (Map.Entry<String, Float> e : opacity.entrySet()) {
                if (o.name().equalsIgnoreCase(e.getKey())) {
                    o.setOpacity(e.getValue());
                }
            }
        }
    }

    /** The measurement file to use (the given one or measurements.json in the working folder). */
    public Path measurementFile() {
        return measurements != null ? measurements : Path.of("measurements.json");
    }
}
