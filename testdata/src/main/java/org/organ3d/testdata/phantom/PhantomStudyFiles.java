package org.organ3d.testdata.phantom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.organ3d.io.AtomicFiles;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;

/**
 * Writes a {@link PhantomStudy} to disk as a study a user would receive: a DICOM CT series (one file
 * per slice, written by organ3d's DICOM writer with realistic headers), the truth label map
 * ({@code truth-labels.nii.gz}) and the analytic truths ({@code truth.json}). A {@code COMPLETE}
 * marker holding {@link #VERSION} and the grid is written last, so a cache is either whole or
 * regenerated.
 *
 * <p>Layout: {@code <folder>/dicom/*.dcm}, {@code <folder>/truth-labels.nii.gz},
 * {@code <folder>/truth.json}, {@code <folder>/COMPLETE}.
 */
public final class PhantomStudyFiles {

    /** Changes whenever the phantom or its files change, invalidating caches. */
    public static final String VERSION = "organ3d-abdominal-phantom-1";

    /** Fixed UIDs so that the study is the same on every machine (2.25 = UUID-derived root). */
    private static final String STUDY_UID = "2.25.302015512733940120339417362093371061125";
    private static final String SERIES_UID = "2.25.302015512733940120339417362093371061126";
    private static final String FOR_UID = "2.25.302015512733940120339417362093371061127";

    private PhantomStudyFiles() {
    }

    /** The DICOM folder of a study folder. */
    public static Path dicomFolder(Path folder) {
        return folder.resolve("dicom");
    }

    /** The truth label map of a study folder. */
    public static Path truthLabels(Path folder) {
        return folder.resolve("truth-labels.nii.gz");
    }

    /** True if {@code folder} holds a complete study of this version on {@code grid}. */
    public static boolean isComplete(Path folder, PhantomGrid grid) {
        Path marker = folder.resolve("COMPLETE");
        try {
            return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(marker(grid));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the study into {@code folder} (created; an old incomplete study there is replaced). */
    public static void write(PhantomStudy study, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve("COMPLETE"));
        Path dicom = dicomFolder(folder);
        if (Files.isDirectory(dicom)) {
            try (var files = Files.list(dicom)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
        }
        SeriesInfo info = new SeriesInfo("Phantom^Abdomen", "ORGAN3D-PHANTOM-001", STUDY_UID, SERIES_UID, FOR_UID,
                "CT", "Abdomen portal venous 1.5 mm (synthetic phantom)", "organ3d synthetic abdominal CT", 2);
        DicomSeriesWriter.writeCtSeries(study.ct(), dicom, info);
        ImageFormats.write(truthLabels(folder), study.labels().labels(), study.labels().info());
        writeAtomically(folder.resolve("truth.json"), truthJson(study));
        writeAtomically(folder.resolve("COMPLETE"), marker(study.grid()));
    }

    private static String marker(PhantomGrid grid) {
        return VERSION + " " + grid;
    }

    /** The truths as a small JSON document (volumes mm³, centroids LPS mm). */
    public static String truthJson(PhantomStudy study) {
        StringBuilder b = new StringBuilder("{\n  \"phantom\": \"").append(VERSION).append("\",\n  \"structures\": [\n");
        for (int n = 0; n < study.truths().size(); n++) {
            StructureTruth t = study.truths().get(n);
            b.append(String.format(Locale.ROOT,
                    "    {\"label\": %d, \"name\": \"%s\", \"volumeMm3\": %.6f, \"centroidLps\": [%.6f, %.6f, %.6f], \"hu\": %.1f}%s%n",
                    t.label(), t.name(), t.volumeMm3(), t.centroidLps().x, t.centroidLps().y, t.centroidLps().z, t.hu(),
                    n + 1 < study.truths().size() ? "," : ""));
        }
        Ellipsoid lesion = study.phantom().lesion();
        b.append(String.format(Locale.ROOT, "  ],%n  \"lesionDiameterMm\": %.6f%n}%n", 2 * lesion.semiAxes().x));
        return b.toString();
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        AtomicFiles.writeString(target, text);
    }
}
