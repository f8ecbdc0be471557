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
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.StrictReadException;

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
 * unless {@link ReadOptions#seriesUid()} names a series (then the largest stack of that series);
 * warnings say what else was found, and {@link #listSeries} lists every series without reading one.
 *
 * <p><b>Strict reading.</b> Everything found is a typed {@link ReadWarning}; the kinds that
 * {@link ReadOptions#refused()} lists end the read with a {@link StrictReadException} after the
 * geometry is assembled and before any pixel is decoded.
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

    /** A scanned file: its frames, identity and the parser's warnings, or why it was skipped. */
    private record Scanned(Path file, List<FrameHeader> frames, List<String> warnings, ReadWarning skipped,
            SeriesSummary identity) {
    }

    /** The readable files of a folder, their frames, and what was noticed on the way. */
    private record Folder(List<Scanned> files, List<FrameHeader> frames, List<ReadWarning> warnings) {
    }

    /**
     * Reads the largest image stack in {@code folder}, or the largest stack of the series that
     * {@link ReadOptions#seriesUid()} names.
     *
     * @throws StrictReadException  if {@code options} refuses an irregularity found (before any
     *                              pixel is decoded)
     * @throws ImageFormatException if the folder holds no readable DICOM image, or not that series
     */
    public static LoadedImage readFolder(Path folder, ReadOptions options) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(options, "options");
        Folder f = scanFolder(folder);
        return assemble(folder, "dicom-series", f.frames(), options, new ArrayList<>(f.warnings()));
    }

    /**
     * The image stack that {@link #readFolder} (a folder) or {@link #readFile} (a file) would load,
     * from the file headers alone (no pixel is decoded): its frames in slice order and its geometry.
     * Used to cite a series (SEG, RTSTRUCT, SR) without reading its voxels.
     *
     * @param path     a DICOM folder or file
     * @param options  the series to take ({@link ReadOptions#seriesUid()}; the largest when empty)
     *                 and what to refuse
     * @param warnings receives what {@link #readFolder} would warn about
     * @throws StrictReadException  if {@code options} refuses an irregularity found
     * @throws ImageFormatException if there is no readable image, or not that series
     */
    public static SeriesGeometry.Stack readStack(Path path, ReadOptions options, List<ReadWarning> warnings)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        List<FrameHeader> frames;
        if (Files.isDirectory(path)) {
            Folder f = scanFolder(path);
            warnings.addAll(f.warnings());
            frames = f.frames();
        } else {
            DicomFile df = DicomParser.readHeader(path);
            frames = FrameHeader.of(df);
            if (!df.warnings().isEmpty()) {
                warnings.add(new ReadWarning(Kind.IRREGULAR_FILE, path, "read despite irregularities: "
                        + String.join("; ", df.warnings())));
            }
        }
        SeriesGeometry.Stack stack = choose(path, frames, options, warnings);
        options.check(path, warnings);
        return stack;
    }

    /**
     * The image series in {@code folder} (searched as {@link #readFolder} does), largest first; no
     * pixel is decoded. The first one is the series a read without a series UID gives.
     *
     * @throws ImageFormatException if the folder holds no readable DICOM image
     */
    public static List<SeriesSummary> listSeries(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Folder f = scanFolder(folder);
        Map<Path, SeriesSummary> identity = new LinkedHashMap<>();
        for (Scanned s : f.files()) {
            identity.put(s.file(), s.identity());
        }
        Map<String, List<List<FrameHeader>>> bySeries = new LinkedHashMap<>();
        for (List<FrameHeader> stack : stacks(f.frames()).values()) {
            bySeries.computeIfAbsent(stack.get(0).seriesUID(), k -> new ArrayList<>()).add(stack);
        }
        List<SeriesSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<List<FrameHeader>>> e : bySeries.entrySet()) {
            List<List<FrameHeader>> stacks = e.getValue();
            List<FrameHeader> largest = stacks.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
            int images = stacks.stream().mapToInt(List::size).sum();
            int files = (int) stacks.stream().flatMap(List::stream).map(FrameHeader::file).distinct().count();
            SeriesSummary id = identity.get(largest.get(0).file());
            out.add(new SeriesSummary(e.getKey(), id.studyInstanceUID(), id.modality(), id.seriesDescription(),
                    id.seriesNumber(), files, images, stacks.size(), largest.get(0).pixels().columns(),
                    largest.get(0).pixels().rows(), largest.size()));
        }
        out.sort(Comparator.comparingInt(SeriesSummary::largestStack).reversed());
        return out;
    }

    /**
     * Reads one file: a single image, or every frame of a multi-frame file.
     *
     * @throws StrictReadException  if {@code options} refuses an irregularity found
     * @throws ImageFormatException if the file is not a readable DICOM image, or is not of the series
     *                              {@code options} names
     */
    public static LoadedImage readFile(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        DicomFile df = DicomParser.readHeader(file);
        List<FrameHeader> frames = FrameHeader.of(df);
        List<ReadWarning> warnings = new ArrayList<>();
        if (!df.warnings().isEmpty()) {
            warnings.add(new ReadWarning(Kind.IRREGULAR_FILE, file, "read despite irregularities: "
                    + String.join("; ", df.warnings())));
        }
        return assemble(file, "dicom-file", frames, options, warnings);
    }

    private static Folder scanFolder(Path folder) throws IOException {
        List<ReadWarning> warnings = new ArrayList<>();
        List<Path> files = listFiles(folder, warnings);
        if (files.isEmpty()) {
            throw new ImageFormatException(folder, -1, "no files in this folder");
        }
        List<Scanned> scanned = scan(files);
        List<Scanned> read = new ArrayList<>();
        List<FrameHeader> frames = new ArrayList<>();
        List<Scanned> irregular = new ArrayList<>();
        for (Scanned s : scanned) {
            if (s.skipped() != null) {
                warnings.add(s.skipped());
            } else {
                read.add(s);
                frames.addAll(s.frames());
                if (!s.warnings().isEmpty()) {
                    irregular.add(s);
                }
            }
        }
        // NB: one line for all files: a series from one writer repeats the same irregularity in every file
        if (!irregular.isEmpty()) {
            Scanned first = irregular.get(0);
            warnings.add(new ReadWarning(Kind.IRREGULAR_FILE, first.file(), "read despite irregularities"
                    + (irregular.size() > 1 ? " (and " + (irregular.size() - 1) + " more file(s) like it)" : "") + ": "
                    + String.join("; ", first.warnings())));
        }
        if (frames.isEmpty()) {
            throw new ImageFormatException(folder, -1, "no readable DICOM images in this folder ("
                    + files.size() + " file(s) scanned" + (warnings.isEmpty() ? "" : "; first problem: "
                    + warnings.get(0).message()) + ")");
        }
        return new Folder(read, frames, warnings);
    }

    /** Frames grouped into stacks (same series, size, echo, temporal position, stack ID and orientation). */
    private static Map<String, List<FrameHeader>> stacks(List<FrameHeader> frames) {
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
        return stacks;
    }

    private static LoadedImage assemble(Path source, String format, List<FrameHeader> frames, ReadOptions options,
            List<ReadWarning> warnings) throws IOException {
        List<ReadWarning> before = new ArrayList<>(warnings);
        SeriesGeometry.Stack stack = choose(source, frames, options, warnings);
        String uid = stack.frames().get(0).seriesUID();
        // NB: strict reading refuses before a single pixel is decoded
        options.check(source, warnings);
        SeriesLoader.Result loaded;
        try {
            loaded = SeriesLoader.load(source, stack);
        } catch (SeriesLoader.UnreadableFiles e) {
            // NB: a file whose pixels fail to decode (a damaged compressed frame, a file cut short after the
            // scan) fails a strict read; a lenient one skips it and assembles the rest again, so that its
            // gap is measured and reported like that of a file the scan skipped
            List<FrameHeader> rest = new ArrayList<>();
            for (FrameHeader f : frames) {
                if (!e.failures().containsKey(f.file())) {
                    rest.add(f);
                }
            }
            if (options.refused().contains(Kind.UNREADABLE_FILE) || rest.isEmpty()) {
                throw e.first();
            }
            e.failures().forEach((file, x) -> before.add(new ReadWarning(Kind.UNREADABLE_FILE, file,
                    "skipped: its pixel data cannot be decoded (" + withoutFile(x.getMessage(), file) + ")")));
            return assemble(source, format, rest, options, before);
        }
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

    private static String withoutFile(String message, Path file) {
        String prefix = file + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }

    /** Groups frames into stacks, takes the largest (of the series {@code options} names) and orders it. */
    private static SeriesGeometry.Stack choose(Path source, List<FrameHeader> frames, ReadOptions options,
            List<ReadWarning> warnings) throws ImageFormatException {
        Map<String, List<FrameHeader>> stacks = stacks(frames);
        String seriesUID = options.seriesUid().orElse(null);
        List<List<FrameHeader>> candidates = new ArrayList<>();
        for (List<FrameHeader> s : stacks.values()) {
            if (seriesUID == null || s.get(0).seriesUID().equals(seriesUID)) {
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
            warnings.add(new ReadWarning(Kind.OTHER_SERIES, source, seriesCount + " series found; reading "
                    + "the largest stack (" + chosen.size() + " images, series " + uid + ")"));
        }
        List<List<FrameHeader>> sameSeries = stacks.values().stream().filter(s -> s.get(0).seriesUID().equals(uid))
                .collect(Collectors.toList());
        if (sameSeries.size() > 1) {
            boolean mixed = sameSeries.stream().anyMatch(s -> !sameOrientation(s.get(0), chosen.get(0)));
            warnings.add(new ReadWarning(mixed ? Kind.MIXED_ORIENTATION : Kind.OTHER_STACKS,
                    source, "series " + uid + " holds " + sameSeries.size() + " stacks differing in "
                    + (mixed ? "orientation" : "size, echo or temporal position") + "; reading the largest ("
                    + chosen.size() + " images)"));
        }
        SeriesGeometry.Stack stack;
        try {
            stack = SeriesGeometry.assemble(source, chosen);
        } catch (IllegalArgumentException e) {
            // NB: positions, spacings and cosines that pass their own checks can still make a
            // degenerate affine together (e.g. a slice step in the image plane)
            throw new DicomParseException(source, -1, "the images' geometry cannot be assembled: " + e.getMessage(), e);
        }
        warnings.addAll(stack.warnings());
        return stack;
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
    static List<Path> listFiles(Path folder, List<ReadWarning> warnings) throws IOException {
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
                List<String> missing = new ArrayList<>();
                List<Path> refs = DicomDir.referencedFiles(dicomdir, missing);
                for (String m : missing) {
                    warnings.add(new ReadWarning(Kind.UNREADABLE_FILE, dicomdir, m));
                }
                if (!refs.isEmpty()) {
                    return refs;
                }
                warnings.add(new ReadWarning(Kind.DICOMDIR, dicomdir, "references no files: "
                        + "the folder is searched instead"));
            } catch (ImageFormatException e) {
                warnings.add(new ReadWarning(Kind.DICOMDIR, dicomdir, "unreadable (" + e.getMessage()
                        + "): the folder is searched instead"));
            }
        }
        final Path dd = dicomdir;
        try (Stream<Path> s = Files.walk(folder)) {
            // NB: hidden files and everything below hidden folders are skipped: temporary files of
            // atomic writes, and a PACS pull's partial folder (an interrupted series must not be read)
            return s.filter(Files::isRegularFile).filter(p -> dd == null || !p.equals(dd))
                    .filter(p -> !hiddenBelow(folder, p)).sorted().collect(Collectors.toList());
        }
    }

    /** True if a name on the way from {@code folder} down to {@code p} starts with a dot. */
    private static boolean hiddenBelow(Path folder, Path p) {
        for (Path name : folder.relativize(p)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Scanned> scan(List<Path> files) throws IOException {
        try {
            return files.parallelStream().map(DicomSeriesReader::scanOne).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Scanned skipped(Path file, ReadWarning.Kind kind, String why) {
        return new Scanned(file, List.of(), List.of(), new ReadWarning(kind, file, why), null);
    }

    /** Series Number, or -1 when absent or not a whole number (a listing never fails on it). */
    private static int seriesNumber(Attributes ds) {
        String t = text(ds, Tag.SeriesNumber);
        try {
            return t.isEmpty() ? -1 : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(Attributes ds, int tag) {
        String t = ds.getText(tag);
        return t == null ? "" : t.strip();
    }

    private static Scanned scanOne(Path file) {
        try {
            DicomFile df = DicomParser.readHeaderIfDicom(file);
            if (df == null) {
                return skipped(file, Kind.SKIPPED_FILE, "skipped: not a DICOM file");
            }
            Attributes ds = df.dataset();
            String sop = ds.getString(Tag.SOPClassUID);
            if (Uids.isSegmentation(sop)) {
                return skipped(file, Kind.SKIPPED_FILE, "skipped: a segmentation (DICOM SEG), not an image; read it as labels");
            }
            if (!ds.contains(Tag.PixelData) && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
                return skipped(file, Kind.SKIPPED_FILE, "skipped: no pixel data (not an image"
                        + (sop == null ? "" : ", SOP class " + sop) + ")");
            }
            List<FrameHeader> frames = FrameHeader.of(df);
            SeriesSummary identity = new SeriesSummary(frames.get(0).seriesUID(), text(ds, Tag.StudyInstanceUID),
                    text(ds, Tag.Modality), text(ds, Tag.SeriesDescription), seriesNumber(ds), 1,
                    frames.size(), 1, frames.get(0).pixels().columns(), frames.get(0).pixels().rows(), frames.size());
            return new Scanned(file, frames, df.warnings(), null, identity);
        } catch (ImageFormatException e) {
            String m = e.getMessage();
            String prefix = file + ": ";
            return skipped(file, Kind.UNREADABLE_FILE, "skipped: "
                    + (m.startsWith(prefix) ? m.substring(prefix.length()) : m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
