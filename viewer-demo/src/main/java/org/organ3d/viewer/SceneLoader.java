package org.organ3d.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.compute.JavaBackend;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.labels.ColourTables;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SurfaceNets;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.mesh.io.MeshReaders;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.measure.StudyReference;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Turns what {@code organ3d view} is given into a {@link LoadedScene}, through the library:
 * <ul>
 * <li>{@code --labels FILE}: every label of the map; surfaces by {@link SurfaceNets} (one pass), then
 * windowed-sinc smoothing for display; names and colours from the file (NRRD/SEG metadata), a
 * colour table ({@code --colours}) or {@link AnatomicalPalette}; volume and centroid from
 * {@link LabelMeasurements} (voxel counting, voxel-centre centroid). The map is also drawn in the
 * slice views.</li>
 * <li>a DICOM folder or volume file with {@code --iso V}: the isosurface by the selected compute
 * backend; facts from the surface (divergence theorem). A level outside the image's values is
 * refused (the surface would be empty). The volume is the image of the slice views.</li>
 * <li>a volume file without {@code --iso}: a label map when it carries label names or looks like
 * one (small integers without rescale, and at least 90 % of voxels equal to their row neighbour,
 * which a scan with noise never is); otherwise it is the image of the slice
 * views and the volume rendering, with no surface (a note says how it was taken).</li>
 * <li>mesh files (.stl, .ply, .obj: read as LPS mm, or RAS converted; .glb: every mesh, in the frame
 * the file states); facts from the surface.</li>
 * </ul>
 * The study reference holds the DICOM Study/Series/Frame of Reference UIDs and the SHA-256 of
 * every other input file; the scene also names the DICOM image input, which a DICOM SR cites. Runs on any thread (the viewer uses a worker thread); reports progress
 * through {@link Progress}.
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
     * Checks that every input exists before any window is opened or any work starts.
     *
     * @throws NoSuchFileException naming the first missing input
     */
    public static void checkInputs(ViewerOptions o) throws IOException {
        List<Path> all = new ArrayList<>(o.inputs());
        if (o.labels() != null) {
            all.add(o.labels());
        }
        if (o.colourTable() != null) {
            all.add(o.colourTable());
        }
        for (Path p : all) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "no such file or folder");
            }
        }
        if (o.series() != null && o.inputs().stream().noneMatch(Files::isDirectory)) {
            throw new IllegalArgumentException("--series applies to a DICOM folder, and no input is a folder");
        }
    }

    /** Loads the surfaces only (mesh files in LPS). */
    public static List<SceneObject> load(List<Path> inputs, Path labels, Double iso, String backend, Progress progress)
            throws IOException {
        return load(inputs, labels, iso, backend, false, progress);
    }

    /** Loads the surfaces only; {@code rasMeshes}: mesh files are in RAS. */
    public static List<SceneObject> load(List<Path> inputs, Path labels, Double iso, String backend, boolean rasMeshes,
            Progress progress) throws IOException {
        return load(new ViewerOptions(inputs, labels, iso, StereoMode.OFF, backend, null, ViewPreset.ANTERIOR, 64, 64,
                Map.of(), rasMeshes), progress).objects();
    }

    /**
     * Loads everything the options name.
     *
     * @throws IOException              naming the file on unreadable input
     * @throws IllegalArgumentException when the inputs do not fit together (two images, --iso outside
     *                                  the image's values, --series without a folder)
     */
    public static LoadedScene load(ViewerOptions o, Progress progress) throws IOException {
        checkInputs(o);
        try (ComputeBackend b = ComputeBackends.select(o.backend(),
                msg -> System.err.println("organ3d view: note: " + msg.replaceAll("\\s*\\R\\s*", " ")))) {
            return load(o, b, progress);
        }
    }

    private static LoadedScene load(ViewerOptions o, ComputeBackend b, Progress progress) throws IOException {
        List<SceneObject> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StudyReference ref = StudyReference.NONE;
        Map<Integer, LabelInfo> table = Map.of();
        if (o.colourTable() != null) {
            table = ColourTables.read(o.colourTable());
            notes.add("label names and colours from " + o.colourTable().getFileName() + " (" + table.size() + " labels)");
        }
        LabelMap overlay = null;
        if (o.labels() != null) {
            progress.update("reading labels " + o.labels().getFileName(), Double.NaN);
            // NB: a DICOM SEG or RTSTRUCT needs the image grid: the image input is its reference
            Path reference = o.inputs().stream().filter(p -> Files.isDirectory(p) || !MeshReaders.isMeshFile(p))
                    .findFirst().orElse(null);
            LoadedImage li = reference == null ? ImageFormats.read(o.labels())
                    : ImageFormats.read(o.labels(), ReadOptions.builder().reference(reference).seriesUid(o.series()).build());
            li.warningMessages().forEach(w -> notes.add(o.labels().getFileName() + ": " + w));
            overlay = withTable(li.asLabelMap(), table);
            out.addAll(labelObjects(overlay, progress, b));
            ref = ref.merge(reference(li));
            names.add(o.labels().getFileName().toString());
        }
        Volume image = null;
        Path dicomSeries = null;
        Map<String, String> imageAttributes = Map.of();
        int meshIndex = 0;
        for (Path p : o.inputs()) {
            if (!Files.isDirectory(p) && MeshReaders.isMeshFile(p)) {
                progress.update("reading " + p.getFileName(), Double.NaN);
                for (NamedMesh read : MeshReaders.readAll(p, AnatomicalPalette.colour(p.getFileName().toString(), ++meshIndex))) {
                    NamedMesh m = read;
                    // NB: a GLB states its frame; --ras is for the formats that cannot
                    if (o.rasMeshes() && !MeshReaders.isGlb(p)) {
                        m = new NamedMesh(m.label(), m.name(), m.rgba(), MeshReaders.rasToLps(m.mesh()));
                    }
                    out.add(new SceneObject(m, OrganInfo.ofSurface(m.displayName(), m.mesh())));
                }
                ref = ref.merge(new StudyReference(null, null, null, null, List.of(StudyReference.digest(p))));
                names.add(p.getFileName().toString());
                continue;
            }
            progress.update("reading " + p.getFileName(), Double.NaN);
            LoadedImage img = o.series() != null && Files.isDirectory(p)
                    ? ImageFormats.read(p, ReadOptions.builder().seriesUid(o.series()).build()) : ImageFormats.read(p);
            img.warningMessages().forEach(w -> notes.add(p.getFileName() + ": " + w));
            ref = ref.merge(reference(img));
            names.add(describe(img));
            if (img.format().startsWith("dicom")) {
                notes.add("reading series " + img.attributes().getOrDefault("seriesInstanceUID", "?")
                        + describeSeries(img));
            }
            if (dicomSeries == null && ("dicom-series".equals(img.format()) || "dicom-file".equals(img.format()))) {
                dicomSeries = p;
            }
            boolean asLabels = o.iso() == null && looksLikeLabelMap(img);
            if (asLabels) {
                LabelMap map = withTable(img.asLabelMap(), table);
                out.addAll(labelObjects(map, progress, b));
                if (overlay == null) {
                    overlay = map;
                }
                notes.add(p.getFileName() + " is shown as a label map (" + map.counts().size() + " values; give it as an "
                        + "image with --iso V for an isosurface)");
                continue;
            }
            if (image != null) {
                throw new IllegalArgumentException("two image volumes given (" + names.get(names.size() - 2) + ", "
                        + p.getFileName() + "): give one image, and a segmentation with --labels");
            }
            image = img.volume();
            imageAttributes = img.attributes();
            if (o.iso() != null) {
                SliceSource range = new SliceSource(image, imageAttributes, null);
                double iso = o.iso();
                if (iso <= range.minValue() || iso > range.maxValue()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "--iso %s is outside the values of %s (%s .. %s): the isosurface would be empty",
                            num(iso), p.getFileName(), num(range.minValue()), num(range.maxValue())));
                }
                progress.update("isosurface at " + num(iso) + " (" + b.name() + ")", Double.NaN);
                Mesh mesh = b.isosurface(image, IsoSurfaceOptions.open(iso));
                String name = p.getFileName() + " @ " + num(iso);
                NamedMesh nm = new NamedMesh(0, name, 0xf1d691ff, mesh);
                out.add(new SceneObject(nm, OrganInfo.ofSurface(name, mesh)));
            } else {
                notes.add(p.getFileName() + " is shown as an image (slice views, volume rendering); "
                        + "--iso V adds an isosurface, --labels FILE a segmentation");
            }
        }
        SliceSource slices = image != null || overlay != null ? new SliceSource(image, imageAttributes, overlay) : null;
        String description = ref.description() != null ? ref.description() : String.join(", ", names);
        return new LoadedScene(out, slices, ref, notes, description, dicomSeries);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String describeSeries(LoadedImage img) {
        String d = img.attributes().get("seriesDescription");
        String files = img.attributes().get("files");
        return (d != null ? " (" + d + ")" : "") + (files != null ? ", " + files + " files" : "");
    }

    private static String describe(LoadedImage img) {
        String d = img.attributes().get("seriesDescription");
        return d != null && !d.isBlank() ? d : img.source().getFileName().toString();
    }

    /** DICOM UIDs of a DICOM input, the SHA-256 of any other file. */
    private static StudyReference reference(LoadedImage img) throws IOException {
        if (img.format().startsWith("dicom")) {
            return StudyReference.ofDicom(img.attributes());
        }
        Path src = img.source();
        return Files.isRegularFile(src) ? new StudyReference(null, null, null, null, List.of(StudyReference.digest(src)))
                : StudyReference.NONE;
    }

    /** The map with the colour table's names and colours where the table has the label. */
    private static LabelMap withTable(LabelMap map, Map<Integer, LabelInfo> table) {
        if (table.isEmpty()) {
            return map;
        }
        Map<Integer, LabelInfo> merged = new TreeMap<>(map.info());
        merged.putAll(table);
        return map.withInfo(merged);
    }

    /**
     * True when an image should be shown as a label map (see the class comment): label metadata, or
     * small unrescaled integers mostly equal to their row neighbour (checked on up to 64 slices).
     */
    static boolean looksLikeLabelMap(LoadedImage img) {
        if (!img.labels().isEmpty()) {
            return true;
        }
        if (!img.looksLikeLabels()) {
            return false;
        }
        Volume v = img.volume();
        long same = 0;
        long pairs = 0;
        float[] s = null;
        int stepK = Math.max(1, v.nz() / 64);
        for (int k = 0; k < v.nz(); k += stepK) {
            s = v.sliceValues(k, s);
            for (int j = 0; j < v.ny(); j++) {
                int row = j * v.nx();
                for (int i = 0; i < v.nx(); i++) {
                    if (i > 0) {
                        pairs++;
                        if (s[row + i] == s[row + i - 1]) {
                            same++;
                        }
                    }
                }
            }
        }
        return pairs > 0 && same >= 0.9 * pairs;
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
            return new SceneObject(nm, m != null ? OrganInfo.of(m, name) : OrganInfo.ofSurface(name, smooth), true);
        }).collect(Collectors.toList());
    }
}
