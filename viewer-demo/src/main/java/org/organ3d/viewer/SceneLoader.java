package org.organ3d.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.compute.JavaBackend;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SurfaceNets;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.mesh.io.MeshReaders;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;

/**
 * Turns what {@code organ3d view} is given into scene objects, through the library:
 * <ul>
 * <li>{@code --labels FILE}: every label of the map; surfaces by {@link SurfaceNets} (one pass), then
 * windowed-sinc smoothing for display; name and colour from the file or {@link AnatomicalPalette};
 * volume and centroid from {@link LabelMeasurements} (voxel counting, voxel-centre centroid).</li>
 * <li>a DICOM folder or volume file with {@code --iso V}: the isosurface by the selected compute
 * backend (auto); facts from the surface (divergence theorem).</li>
 * <li>a volume file without {@code --iso} whose voxel type can hold labels: treated as a label map.</li>
 * <li>mesh files (.stl, .ply, .obj: read as LPS mm, or RAS converted; .glb: every mesh, in the frame
 * the file states); facts from the surface.</li>
 * </ul>
 * Runs on any thread (the viewer uses a worker thread); reports progress through {@link Progress}.
 */
public final class SceneLoader {

    /** Progress reports: a stage description and a fraction 0..1 (NaN when unknown). Any thread. */
    @FunctionalInterface
    public interface Progress {
        void update(String stage, double fraction);
    }

    private SceneLoader() {
    }

    /**
     * Loads everything.
     *
     * @param inputs  DICOM folders, volume files or mesh files
     * @param labels  a label map file, or null
     * @param iso     isosurface level for volume inputs (in the volume's rescaled units, e.g. HU), or null
     * @param backend compute backend name for isosurfaces ("auto", "java", "opencl")
     * @throws IOException              naming the file on unreadable input
     * @throws IllegalArgumentException when a volume input comes without --iso and does not hold labels
     */
    public static List<SceneObject> load(List<Path> inputs, Path labels, Double iso, String backend, Progress progress)
            throws IOException {
        return load(inputs, labels, iso, backend, false, progress);
    }

    /** As {@link #load(List, Path, Double, String, Progress)}; {@code rasMeshes}: mesh files are in RAS. */
    public static List<SceneObject> load(List<Path> inputs, Path labels, Double iso, String backend, boolean rasMeshes,
            Progress progress) throws IOException {
        try (ComputeBackend b = ComputeBackends.select(backend,
                msg -> System.err.println("organ3d view: note: " + msg.replaceAll("\\s*\\R\\s*", " ")))) {
            return load(inputs, labels, iso, b, rasMeshes, progress);
        }
    }

    private static List<SceneObject> load(List<Path> inputs, Path labels, Double iso, ComputeBackend b, boolean rasMeshes,
            Progress progress) throws IOException {
        List<SceneObject> out = new ArrayList<>();
        if (labels != null) {
            progress.update("reading labels " + labels.getFileName(), Double.NaN);
            out.addAll(labelObjects(ImageFormats.read(labels).asLabelMap(), progress, b));
        }
        int meshIndex = 0;
        for (Path p : inputs) {
            if (!Files.isDirectory(p) && MeshReaders.isMeshFile(p)) {
                progress.update("reading " + p.getFileName(), Double.NaN);
                for (NamedMesh read : MeshReaders.readAll(p, AnatomicalPalette.colour(p.getFileName().toString(), ++meshIndex))) {
                    NamedMesh m = read;
                    // NB: a GLB states its frame; --ras is for the formats that cannot
                    if (rasMeshes && !MeshReaders.isGlb(p)) {
                        m = new NamedMesh(m.label(), m.name(), m.rgba(), MeshReaders.rasToLps(m.mesh()));
                    }
                    out.add(new SceneObject(m, OrganInfo.ofSurface(m.displayName(), m.mesh())));
                }
                continue;
            }
            progress.update("reading " + p.getFileName(), Double.NaN);
            LoadedImage img = ImageFormats.read(p);
            if (iso != null) {
                progress.update("isosurface at " + iso + " (" + b.name() + ")", Double.NaN);
                Mesh mesh = b.isosurface(img.volume(), IsoSurfaceOptions.at(iso));
                String name = p.getFileName() + " @ " + iso;
                NamedMesh nm = new NamedMesh(0, name, 0xf1d691ff, mesh);
                out.add(new SceneObject(nm, OrganInfo.ofSurface(name, mesh)));
            } else if (img.looksLikeLabels()) {
                out.addAll(labelObjects(img.asLabelMap(), progress, b));
            } else {
                throw new IllegalArgumentException(p + " is an image volume: give --iso V for an isosurface "
                        + "or --labels FILE for a segmentation");
            }
        }
        return out;
    }

    /** Surfaces and facts for every label present in {@code map}, on the Java backend. */
    public static List<SceneObject> labelObjects(LabelMap map, Progress progress) {
        return labelObjects(map, progress, new JavaBackend());
    }

    /** Surfaces and facts for every label present in {@code map}, surfaces and measurements on {@code backend}. */
    public static List<SceneObject> labelObjects(LabelMap map, Progress progress, ComputeBackend backend) {
        progress.update("measuring the labels", Double.NaN);
        Map<Integer, LabelMeasurement> facts = new HashMap<>();
        for (LabelMeasurement m : LabelMeasurements.measure(map, null, null, null, backend)) {
            facts.put(m.label(), m);
        }
        progress.update("surface nets: " + facts.size() + " labels", Double.NaN);
        Map<Integer, Mesh> raw = backend.labelSurfaces(map, new TreeSet<>(facts.keySet()));
        // NB: labels are smoothed in parallel (TotalSegmentator-style maps have over 100); order kept
        AtomicInteger done = new AtomicInteger();
        return new ArrayList<>(raw.entrySet()).parallelStream().map(e -> {
            int label = e.getKey();
            LabelInfo info = map.info(label).orElse(null);
            String name = info != null && !info.name().isBlank() ? info.name() : "label " + label;
            int rgba = info != null ? info.rgba() : AnatomicalPalette.colour(name, label);
            Mesh smooth = WindowedSincSmoothing.smooth(e.getValue()).mesh();
            progress.update("smoothed " + name, (double) done.incrementAndGet() / raw.size());
            NamedMesh nm = new NamedMesh(label, name, (rgba & 0xFF) == 0 ? rgba | 0xFF : rgba, smooth);
            LabelMeasurement m = facts.get(label);
            return new SceneObject(nm, m != null ? OrganInfo.of(m, name) : OrganInfo.ofSurface(name, smooth));
        }).collect(Collectors.toList());
    }
}
