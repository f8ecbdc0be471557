package org.organ3d.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.SeriesSummary;

/**
 * The studies of a root folder, when {@code organ3d cohort} is given a folder instead of a manifest:
 * every DICOM series (one study each, keyed and read by its Series Instance UID) and every NIfTI,
 * NRRD or MetaImage file below it. The study id is the path relative to the root, with
 * {@code #<series number or UID>} when a folder holds several series. There are no labels: the plan
 * must segment.
 *
 * <p>The driver only walks the folder tree (hidden folders skipped) and looks at the first bytes of
 * one file per folder; listing the series of the DICOM folders reads every file's header, which runs
 * as a Spark job on the executors.
 */
final class FolderScan {

    private static final List<String> IMAGE_SUFFIXES = List.of(".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd");

    private FolderScan() {
    }

    /** The studies below {@code root}, in path order. */
    static Manifest scan(JavaSparkContext jsc, Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        List<String> dicomFolders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(abs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(abs) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (holdsDicom(dir)) {
                    dicomFolders.add(dir.toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (attrs.isRegularFile() && !n.startsWith(".") && !n.endsWith(".seg.nrrd")
                        && IMAGE_SUFFIXES.stream().anyMatch(n::endsWith)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<Study> studies = new ArrayList<>();
        if (!dicomFolders.isEmpty()) {
            List<String[]> series = jsc.parallelize(dicomFolders, Math.min(dicomFolders.size(), 10_000))
                    .flatMap(d -> seriesOf(d).iterator()).collect();
            // NB: a folder's listing includes its subfolders': a series found in several folders is the
            // deepest one's (the folder that holds its files)
            Map<String, String[]> byUid = new LinkedHashMap<>();
            List<String[]> unnamed = new ArrayList<>();
            for (String[] s : series) {
                if (s[1].isEmpty()) {
                    unnamed.add(s);
                } else {
                    byUid.merge(s[1], s, (a, b) -> a[0].length() >= b[0].length() ? a : b);
                }
            }
            series = new ArrayList<>(byUid.values());
            series.addAll(unnamed);
            series.sort(Comparator.comparing((String[] s) -> s[0]).thenComparing(s -> s[1]));
            for (String[] s : series) {
                String rel = abs.relativize(Path.of(s[0])).toString();
                String id = (rel.isEmpty() ? "." : rel) + (s[2].equals("1") ? "" : "#" + s[3]);
                studies.add(new Study(studies.size() + 1, id, s[0], s[1].isEmpty() ? null : s[1], null, List.of(), null));
            }
        }
        files.sort(null);
        for (Path f : files) {
            studies.add(new Study(studies.size() + 1, abs.relativize(f).toString(), f.toString(), null, null, List.of(), null));
        }
        return new Manifest(abs, List.of(), studies, List.of());
    }

    /** True if a file directly in {@code dir} starts like DICOM (the first one that is a file decides). */
    private static boolean holdsDicom(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    byte[] head = new byte[132];
                    int n;
                    try (InputStream in = Files.newInputStream(p)) {
                        n = in.readNBytes(head, 0, head.length);
                    }
                    if (DicomParser.looksLikeDicom(head, n)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The series of one folder as {folder, series UID, series count, label}; a folder that cannot be
     * listed gives one entry without a UID, so that its read fails (and is recorded) as a study.
     */
    private static List<String[]> seriesOf(String folder) {
        List<String[]> out = new ArrayList<>();
        try {
            List<SeriesSummary> all = DicomSeriesReader.listSeries(Path.of(folder));
            for (SeriesSummary s : all) {
                String label = s.seriesNumber() >= 0 ? Integer.toString(s.seriesNumber()) : s.seriesInstanceUID();
                out.add(new String[] {folder, s.seriesInstanceUID(), Integer.toString(all.size()), label});
            }
        } catch (IOException | RuntimeException e) {
            out.add(new String[] {folder, "", "1", ""});
        }
        return out;
    }
}
