package org.organ3d.io.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.LoadedImage;

/**
 * Reads DICOM image series from folders (and single files) into a {@link LoadedImage}.
 *
 * <p><b>Scan.</b> A folder is searched recursively, or, when it holds a DICOMDIR, only the files the
 * DICOMDIR references. Each file's header is parsed up to the pixel data (in parallel); files that
 * are not DICOM, have no pixel data or are malformed are skipped with one warning each.
 *
 * <p><b>Group.</b> Images are grouped by Series Instance UID, then split into stacks that share size,
 * orientation (cosines within 1e-3), echo, temporal position and (enhanced files) stack ID, so that multi-echo
 * or multi-phase series and localiser images never mix into one volume. The largest stack is read
 * unless a series UID is asked for (then the largest stack of that series); warnings say what else
 * was found.
 *
 * <p><b>Assemble and load.</b> {@link SeriesGeometry} orders the frames in patient space and builds
 * the affine; {@link SeriesLoader} decodes every file straight into the slice arrays of the volume,
 * in parallel over files.
 *
 * <p>Thread-safe (stateless); each call uses all cores for scanning and decoding.
 */
public final class DicomSeriesReader {

    /** Direction cosines closer than this are the same orientation (about 0.06 degrees). */
    static final double ORIENTATION_TOLERANCE = 1e-3;

    private DicomSeriesReader() {
    }

    /** A scanned file: its frames and the parser's warnings, or why it was skipped. */
    private record Scanned(Path file, List<FrameHeader> frames, List<String> warnings, String skipped) {
    }

    /**
     * Reads the largest image stack in {@code folder}, or the largest stack of series
     * {@code seriesUID} when it is not null.
     *
     * @throws ImageFormatException if the folder holds no readable DICOM image, or not that series
     */
    public static LoadedImage readFolder(Path folder, String seriesUID) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<Path> files = listFiles(folder, warnings);
        if (files.isEmpty()) {
            throw new ImageFormatException(folder, -1, "no files in this folder");
        }
        List<Scanned> scanned = scan(files);
        List<FrameHeader> frames = new ArrayList<>();
        List<Scanned> irregular = new ArrayList<>();
        for (Scanned s : scanned) {
            if (s.skipped() != null) {
                warnings.add("skipped " + s.file() + ": " + s.skipped());
            } else {
                frames.addAll(s.frames());
                if (!s.warnings().isEmpty()) {
                    irregular.add(s);
                }
            }
        }
        // NB: one line for all files: a series from one writer repeats the same irregularity in every file
        if (!irregular.isEmpty()) {
            Scanned first = irregular.get(0);
            warnings.add(irregular.size() + " file(s) read despite irregularities; first " + first.file() + ": "
                    + String.join("; ", first.warnings()));
        }
        if (frames.isEmpty()) {
            throw new ImageFormatException(folder, -1, "no readable DICOM images in this folder ("
                    + files.size() + " file(s) scanned" + (warnings.isEmpty() ? "" : "; first problem: " + warnings.get(0)) + ")");
        }
        return assemble(folder, "dicom-series", frames, seriesUID, warnings);
    }

    /** Reads one file: a single image, or every frame of a multi-frame file. */
    public static LoadedImage readFile(Path file) throws IOException {
        DicomFile df = DicomParser.readHeader(file);
        List<FrameHeader> frames = FrameHeader.of(df);
        return assemble(file, "dicom-file", frames, null, new ArrayList<>(df.warnings()));
    }

    private static LoadedImage assemble(Path source, String format, List<FrameHeader> frames, String seriesUID,
            List<String> warnings) throws IOException {
        Map<String, List<FrameHeader>> stacks = new LinkedHashMap<>();
        Map<String, List<String>> keysBySeries = new LinkedHashMap<>();
        for (FrameHeader f : frames) {
            String base = stackKey(f);
            List<String> keys = keysBySeries.computeIfAbsent(base, k -> new ArrayList<>());
            String key = null;
            for (String k : keys) {
                if (sameOrientation(stacks.get(k).get(0), f)) {
                    key = k;
                    break;
                }
            }
            if (key == null) {
                key = base + "|o" + keys.size();
                keys.add(key);
            }
            stacks.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<List<FrameHeader>> candidates = new ArrayList<>();
        for (List<FrameHeader> s : stacks.values()) {
            if (seriesUID == null || s.get(0).seriesUID().equals(seriesUID.strip())) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty()) {
            String found = frames.stream().map(FrameHeader::seriesUID).distinct().sorted().collect(Collectors.joining(", "));
            throw new ImageFormatException(source, -1, "no series with UID " + seriesUID + " (found: " + found + ")");
        }
        List<FrameHeader> chosen = candidates.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        String uid = chosen.get(0).seriesUID();
        long seriesCount = frames.stream().map(FrameHeader::seriesUID).distinct().count();
        if (seriesCount > 1 && seriesUID == null) {
            warnings.add(seriesCount + " series found; reading the largest stack (" + chosen.size() + " images, series "
                    + uid + "); choose another with --series UID");
        }
        long sameSeries = stacks.values().stream().filter(s -> s.get(0).seriesUID().equals(uid)).count();
        if (sameSeries > 1) {
            warnings.add("series " + uid + " holds " + sameSeries + " stacks differing in size, orientation, echo or "
                    + "temporal position; reading the largest (" + chosen.size() + " images)");
        }
        SeriesGeometry.Stack stack = SeriesGeometry.assemble(chosen);
        warnings.addAll(stack.warnings());
        SeriesLoader.Result loaded = SeriesLoader.load(stack);
        warnings.addAll(loaded.warnings());
        FrameHeader first = stack.frames().get(0);
        Map<String, String> attrs = new LinkedHashMap<>();
        if (first.modality() != null) {
            attrs.put("modality", first.modality());
        }
        attrs.put("seriesInstanceUID", uid);
        attrs.put("transferSyntaxUID", first.transferSyntax());
        attrs.put("files", Integer.toString((int) stack.frames().stream().map(FrameHeader::file).distinct().count()));
        attrs.putAll(loaded.attributes());
        return new LoadedImage(source, format, loaded.volume(), attrs, Map.of(), warnings);
    }

    /** Series, size, echo, temporal position and stack; orientation is compared separately. */
    private static String stackKey(FrameHeader f) {
        return f.seriesUID() + '|' + f.pixels().rows() + 'x' + f.pixels().columns() + "|e" + f.echo() + "|t"
                + f.temporal() + "|s" + f.stack();
    }

    /** True if both frames have no orientation, or direction cosines within {@value #ORIENTATION_TOLERANCE}. */
    private static boolean sameOrientation(FrameHeader a, FrameHeader b) {
        double[] x = a.orientation();
        double[] y = b.orientation();
        if (x == null || y == null) {
            return x == y;
        }
        for (int i = 0; i < 6; i++) {
            if (Math.abs(x[i] - y[i]) > ORIENTATION_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** The files to scan: those a DICOMDIR references, else every regular file below {@code folder}. */
    static List<Path> listFiles(Path folder, List<String> warnings) throws IOException {
        Path dicomdir = null;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().equalsIgnoreCase("DICOMDIR") && Files.isRegularFile(p)) {
                    dicomdir = p;
                }
            }
        }
        if (dicomdir != null) {
            try {
                List<Path> refs = DicomDir.referencedFiles(dicomdir, warnings);
                if (!refs.isEmpty()) {
                    return refs;
                }
                warnings.add("DICOMDIR references no files: scanning the folder instead");
            } catch (ImageFormatException e) {
                warnings.add("unreadable DICOMDIR (" + e.getMessage() + "): scanning the folder instead");
            }
        }
        final Path dd = dicomdir;
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> dd == null || !p.equals(dd))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList());
        }
    }

    private static List<Scanned> scan(List<Path> files) throws IOException {
        try {
            return files.parallelStream().map(DicomSeriesReader::scanOne).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Scanned scanOne(Path file) {
        try {
            DicomFile df = DicomParser.readHeaderIfDicom(file);
            if (df == null) {
                return new Scanned(file, List.of(), List.of(), "not a DICOM file");
            }
            Attributes ds = df.dataset();
            if (!ds.contains(Tag.PixelData) && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
                String sop = ds.getString(Tag.SOPClassUID);
                return new Scanned(file, List.of(), List.of(),
                        "no pixel data (not an image" + (sop == null ? "" : ", SOP class " + sop) + ")");
            }
            return new Scanned(file, FrameHeader.of(df), df.warnings(), null);
        } catch (ImageFormatException e) {
            String m = e.getMessage();
            String prefix = file + ": ";
            return new Scanned(file, List.of(), List.of(), m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
