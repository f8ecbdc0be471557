package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.organ3d.io.NamedPaths;

/**
 * Reads a DICOMDIR (PS3.10 media directory) for the files it references: every directory record with
 * a Referenced File ID (0004,1500), whose components are resolved against the DICOMDIR's folder
 * (case-insensitively when the exact name is absent, as media written on other systems often
 * differ in case).
 */
final class DicomDir {

    private DicomDir() {
    }

    /**
     * The existing files referenced by {@code dicomdir}, in record order, without duplicates.
     *
     * @param missing receives a warning for each referenced file that does not exist
     */
    public static List<Path> referencedFiles(Path dicomdir, List<String> missing) throws IOException {
        DicomFile df = DicomParser.read(dicomdir);
        Path root = dicomdir.toAbsolutePath().getParent();
        Set<Path> out = new LinkedHashSet<>();
        for (Attributes rec : df.dataset().getSequence(Tag.DirectoryRecordSequence)) {
            String[] parts = rec.getStrings(Tag.ReferencedFileID);
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            Path p = resolve(root, parts);
            if (p == null) {
                missing.add("DICOMDIR references " + String.join("/", parts) + " which does not exist");
            } else {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }

    private static Path resolve(Path root, String[] parts) throws IOException {
        Path p = root;
        for (String part : parts) {
            // NB: a reference names a file below the DICOMDIR's folder (PS3.10 8.2), never a parent
            Path exact = part.equals("..") || part.equals(".") ? null : NamedPaths.resolve(p, part);
            if (exact == null || !exact.getParent().equals(p)) {
                return null;
            }
            if (Files.exists(exact)) {
                p = exact;
                continue;
            }
            if (!Files.isDirectory(p)) {
                return null;
            }
            Path found = null;
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : (Iterable<Path>) s::iterator) {
                    if (c.getFileName().toString().toUpperCase(Locale.ROOT).equals(part.toUpperCase(Locale.ROOT))) {
                        found = c;
                        break;
                    }
                }
            }
            if (found == null) {
                return null;
            }
            p = found;
        }
        return Files.isRegularFile(p) ? p : null;
    }
}
