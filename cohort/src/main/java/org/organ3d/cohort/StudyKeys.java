package org.organ3d.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.FrameHeader;
import org.organ3d.io.dicom.SeriesGeometry;

/**
 * The identity of a study's inputs, which keys its output: a study whose key already has a complete
 * output partition is skipped; any change of the inputs, the plan or the manifest row gives a new key
 * and reruns it.
 *
 * <ul>
 *   <li>A DICOM image (folder or file): its SeriesInstanceUID, and for each image of the stack that
 *       a read takes its SOP Instance UID, frame number and file size, from the headers alone (no
 *       pixel decoded; the same choice of series and stack as the read). The voxel count comes
 *       with it, so an oversized study is refused before its pixels are decoded.</li>
 *   <li>Any other file (NIfTI, NRRD, MetaImage, a label map, SEG or RTSTRUCT): the SHA-256 of its
 *       bytes, and of the files beside it with the same base name (the data file of a detached
 *       {@code .nhdr}, {@code .mhd} or {@code .hdr}).</li>
 *   <li>An input that cannot be identified (damaged headers): its path and the names, sizes and
 *       modification times of its files, so that a failure is recorded under a key and retried
 *       once the files change.</li>
 * </ul>
 *
 * Stateless, thread-safe; reads headers and hashes files on the calling thread.
 */
final class StudyKeys {

    /** Length in hex digits of a study key's hash part. */
    static final int KEY_HEX = 20;

    private StudyKeys() {
    }

    /**
     * What identifies an image.
     *
     * @param key       the identity text (hashed into the study key)
     * @param seriesUid the DICOM Series Instance UID, or null for other formats
     * @param voxels    the voxel count known from the headers, or -1 when unknown before reading
     */
    record ImageIdentity(String key, String seriesUid, long voxels) {
    }

    /**
     * The identity of an image.
     *
     * @param series the series UID to take from a DICOM folder, or null for the largest
     * @throws IOException if the input is missing or its headers cannot be read
     */
    static ImageIdentity image(Path image, String series, ReadOptions options) throws IOException {
        if (!Files.exists(image)) {
            throw new NoSuchFileException(image.toString(), null, "no such file or folder");
        }
        if (isDicom(image)) {
            ReadOptions o = series == null ? options : options.toBuilder().seriesUid(series).build();
            SeriesGeometry.Stack stack = DicomSeriesReader.readStack(image, o, new ArrayList<ReadWarning>());
            List<FrameHeader> frames = stack.frames();
            FrameHeader first = frames.get(0);
            StringBuilder sb = new StringBuilder("dicom\n").append(first.seriesUID()).append('\n');
            for (FrameHeader f : frames) {
                sb.append(f.sopInstanceUID()).append('#').append(f.frame()).append(' ').append(Files.size(f.file())).append('\n');
            }
            long voxels = (long) first.pixels().rows() * first.pixels().columns() * frames.size();
            return new ImageIdentity(sb.toString(), first.seriesUID().isEmpty() ? null : first.seriesUID(), voxels);
        }
        return new ImageIdentity("file\n" + contentKey(image), null, -1);
    }

    /** True if a DICOM reader claims {@code path} (a folder is always read as DICOM). */
    static boolean isDicom(Path path) {
        if (Files.isDirectory(path)) {
            return true;
        }
        for (ImageFormat f : ImageFormats.all()) {
            if (f.canRead(path)) {
                return f.name().startsWith("dicom");
            }
        }
        return false;
    }

    /**
     * SHA-256 (hex) of a file's bytes and of the files beside it that share its base name (the name
     * up to the first dot), in name order.
     */
    static String contentKey(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return listingKey(file);
        }
        MessageDigest md = CohortPlan.sha256();
        List<Path> parts = new ArrayList<>();
        parts.add(file);
        String base = baseName(file);
        Path dir = file.toAbsolutePath().getParent();
        TreeSet<String> siblings = new TreeSet<>();
        if (dir != null && detached(file)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (!p.equals(file.toAbsolutePath()) && baseName(p).equals(base) && Files.isRegularFile(p)) {
                        siblings.add(p.getFileName().toString());
                    }
                }
            }
        }
        siblings.forEach(s -> parts.add(dir.resolve(s)));
        byte[] buf = new byte[1 << 16];
        for (Path p : parts) {
            md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            try (InputStream in = Files.newInputStream(p)) {
                for (int n; (n = in.read(buf)) > 0;) {
                    md.update(buf, 0, n);
                }
            }
        }
        return CohortPlan.hex(md.digest());
    }

    /** A header whose voxels may lie in another file. */
    private static boolean detached(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nhdr") || n.endsWith(".mhd") || n.endsWith(".hdr");
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    /**
     * The key of an input that could not be identified: its absolute path and, for every file below
     * it, the relative name, size and modification time.
     */
    static String listingKey(Path input) {
        StringBuilder sb = new StringBuilder("unidentified\n").append(input.toAbsolutePath().normalize()).append('\n');
        try {
            if (Files.isDirectory(input)) {
                List<String> lines = new ArrayList<>();
                try (Stream<Path> s = Files.walk(input)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        if (a.isRegularFile()) {
                            lines.add(input.relativize(p) + " " + a.size() + " " + a.lastModifiedTime().toMillis());
                        }
                    }
                }
                lines.sort(null);
                lines.forEach(l -> sb.append(l).append('\n'));
            } else if (Files.exists(input)) {
                BasicFileAttributes a = Files.readAttributes(input, BasicFileAttributes.class);
                sb.append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
            } else {
                sb.append("missing\n");
            }
        } catch (IOException e) {
            sb.append("unlistable: ").append(e.getClass().getSimpleName()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The study's key: a readable part from the study id (letters, digits, {@code . _ -}; at most 40)
     * then {@code ~} and {@value #KEY_HEX} hex digits of the SHA-256 of the plan hash, the input
     * identities and the manifest row (study id and carried values).
     */
    static String studyKey(String planHash, Study s, String imageKey, String labelsKey) {
        StringBuilder sb = new StringBuilder(planHash).append('\n').append(s.studyId()).append('\n').append(imageKey)
                .append('\n').append(labelsKey == null ? "-" : labelsKey).append('\n')
                .append(s.series() == null ? "-" : s.series()).append('\n');
        for (Object v : s.carried()) {
            sb.append(v == null ? "\u0000null" : v.getClass().getSimpleName() + ":" + v).append('\n');
        }
        return readable(s.studyId()) + "~" + CohortPlan.sha256Hex(sb.toString()).substring(0, KEY_HEX);
    }

    private static String readable(String id) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < id.length() && sb.length() < 40; i++) {
            char c = id.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        return sb.length() == 0 ? "study" : sb.toString();
    }
}
