package org.organ3d.cohort;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.joml.Vector3d;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testdata.phantom.StructureTruth;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * A generated cohort of abdominal phantom studies with exact truths, written as a user would get
 * them, and its manifest. Each study has its own grid (slice count and spacing differ), so the
 * structures cut by the field of view (aorta, vertebrae) have a different analytic volume in every
 * study. The inputs rotate through the formats: NIfTI CT + NIfTI labels, DICOM CT + NIfTI labels,
 * DICOM CT + DICOM SEG labels, MetaImage CT + NRRD labels. Two damaged studies can be added: a DICOM
 * series whose files are all cut short, and a truncated {@code .nii.gz}.
 *
 * <p>The truths per study and label: the analytic volume and centroid of the structure inside the
 * field of view ({@link StructureTruth}), and the exact voxel-count volume of the truth label map
 * that was written (voxels × voxel volume, counted here, independently of organ3d's measurement).
 */
final class PhantomCohort {

    /** One good study's truths. */
    record Truth(String studyId, String format, boolean dicom, Map<Integer, Double> voxelVolumeMm3,
            Map<Integer, StructureTruth> analytic, Map<Integer, double[]> intensity, int age, String site) {
    }

    final Path root;
    final Path manifest;
    final Map<String, Truth> truths = new LinkedHashMap<>();
    final List<String> damaged = new ArrayList<>();

    private final List<String> rows = new ArrayList<>();

    private PhantomCohort(Path root) {
        this.root = root;
        this.manifest = root.resolve("manifest.csv");
        rows.add("study_id,image,labels,age,site");
    }

    /**
     * Writes {@code good} good studies (grids 64×64×(92+2i), spacing 5.6×5.6×(3.0+0.1·(i mod 3)) mm) and,
     * when asked, the two damaged ones, with the manifest {@code root/manifest.csv} (relative paths).
     */
    static PhantomCohort write(Path root, int good, boolean withDamaged) throws IOException {
        PhantomCohort c = new PhantomCohort(root);
        for (int i = 0; i < good; i++) {
            c.addGood(i);
        }
        if (withDamaged) {
            c.addDamagedDicom();
            c.addDamagedNifti();
        }
        Files.writeString(c.manifest, String.join("\n", c.rows) + "\n", StandardCharsets.UTF_8);
        return c;
    }

    static PhantomGrid grid(int i) {
        return new PhantomGrid(64, 64, 92 + 2 * i, 5.6, 5.6, 3.0 + 0.1 * (i % 3));
    }

    private void addGood(int i) throws IOException {
        PhantomStudy s = PhantomGenerator.generate(new AbdominalPhantom(), grid(i), PhantomGenerator.DEFAULT_NOISE_HU, 1000 + i);
        String id = String.format("S%03d", i);
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        String format;
        String image;
        String labels;
        boolean dicom = false;
        switch (i % 4) {
            case 0 -> {
                format = "nifti";
                ImageFormats.write(dir.resolve("ct.nii.gz"), s.ct(), Map.of());
                ImageFormats.write(dir.resolve("labels.nii.gz"), s.labels().labels(), s.labels().info());
                image = id + "/ct.nii.gz";
                labels = id + "/labels.nii.gz";
            }
            case 1 -> {
                format = "dicom+nifti";
                dicom = true;
                writeDicom(s.ct(), dir.resolve("dicom"), i);
                ImageFormats.write(dir.resolve("labels.nii.gz"), s.labels().labels(), s.labels().info());
                image = id + "/dicom";
                labels = id + "/labels.nii.gz";
            }
            case 2 -> {
                format = "dicom+seg";
                dicom = true;
                writeDicom(s.ct(), dir.resolve("dicom"), i);
                LabelMap lm = s.labels();
                SegWriter.write(lm, ReferencedSeries.read(dir.resolve("dicom")), SegWriter.Options.labelMap(),
                        dir.resolve("labels-seg.dcm"));
                image = id + "/dicom";
                labels = id + "/labels-seg.dcm";
            }
            default -> {
                format = "metaimage+nrrd";
                ImageFormats.write(dir.resolve("ct.mha"), s.ct(), Map.of());
                ImageFormats.write(dir.resolve("labels.nrrd"), s.labels().labels(), s.labels().info());
                image = id + "/ct.mha";
                labels = id + "/labels.nrrd";
            }
        }
        Map<Integer, Double> exact = new TreeMap<>();
        double vv = s.labels().geometry().voxelVolume();
        s.labels().counts().forEach((label, n) -> {
            if (label != 0) {
                exact.put(label, n * vv);
            }
        });
        Map<Integer, StructureTruth> analytic = new TreeMap<>();
        s.truths().forEach(t -> analytic.put(t.label(), t));
        int age = 40 + i;
        String site = i % 2 == 0 ? "north" : "south, annex";
        truths.put(id, new Truth(id, format, dicom, exact, analytic, intensity(s), age, site));
        rows.add(id + "," + image + "," + labels + "," + age + ",\"" + site + "\"");
    }

    private static void writeDicom(Volume ct, Path folder, int i) throws IOException {
        DicomSeriesWriter.writeCtSeries(ct, folder, new SeriesInfo("Phantom^" + i, "PH" + i, null, null, null, "CT",
                "phantom " + i, "organ3d cohort test", 2));
    }

    /** A DICOM series of 30 slices, every file cut after 300 bytes (header cut mid-element). */
    private void addDamagedDicom() throws IOException {
        PhantomStudy s = PhantomGenerator.generate(grid(0));
        String id = "BAD-DICOM";
        Path dicom = root.resolve(id).resolve("dicom");
        writeDicom(s.ct(), dicom, 99);
        try (Stream<Path> files = Files.list(dicom)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(300);
                }
            }
        }
        ImageFormats.write(root.resolve(id).resolve("labels.nii.gz"), s.labels().labels(), s.labels().info());
        damaged.add(id);
        rows.add(id + "," + id + "/dicom," + id + "/labels.nii.gz,99,north");
    }

    /** A NIfTI CT whose gzip stream ends after half of its bytes. */
    private void addDamagedNifti() throws IOException {
        PhantomStudy s = PhantomGenerator.generate(grid(1));
        String id = "BAD-NIFTI";
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        Path ct = dir.resolve("ct.nii.gz");
        ImageFormats.write(ct, s.ct(), Map.of());
        try (FileChannel ch = FileChannel.open(ct, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        ImageFormats.write(dir.resolve("labels.nii.gz"), s.labels().labels(), s.labels().info());
        damaged.add(id);
        rows.add(id + "," + id + "/ct.nii.gz," + id + "/labels.nii.gz,98,south");
    }

    /**
     * Per label {mean, median, min, max} of the CT values (HU) of the voxels the truth map gives the
     * label; the median as numpy's default (linear between the two middle values).
     */
    static Map<Integer, double[]> intensity(PhantomStudy s) {
        Map<Integer, List<Double>> values = new TreeMap<>();
        var d = s.ct().dimensions();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int l = s.labels().label(i, j, k);
                    if (l != 0) {
                        values.computeIfAbsent(l, x -> new ArrayList<>()).add(s.ct().value(i, j, k));
                    }
                }
            }
        }
        Map<Integer, double[]> out = new TreeMap<>();
        values.forEach((l, v) -> {
            double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double sum = 0;
            for (double x : a) {
                sum += x;
            }
            double pos = 0.5 * (a.length - 1);
            int lo = (int) Math.floor(pos);
            double median = a[lo] + (pos - lo) * (a[Math.min(lo + 1, a.length - 1)] - a[lo]);
            out.put(l, new double[] {sum / a.length, median, a[0], a[a.length - 1]});
        });
        return out;
    }

    /** The analytic centroid of a label in a study (LPS mm). */
    Vector3d centroid(String studyId, int label) {
        return truths.get(studyId).analytic().get(label).centroidLps();
    }
}
