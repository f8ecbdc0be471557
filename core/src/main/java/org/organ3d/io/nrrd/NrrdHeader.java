package org.organ3d.io.nrrd;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text header of a NRRD file (teem.sourceforge.net/nrrd/format.html): the magic line
 * {@code NRRD000N}, then {@code field: value} lines, {@code key:=value} pairs and {@code #} comments,
 * ended by a blank line (attached data follows it) or by the end of a detached {@code .nhdr}.
 * Field names are kept lower-case with single spaces ({@code "space directions"}); keys as written.
 */
final class NrrdHeader {

    /** Headers longer than this are not NRRD headers (a binary file that starts with NRRD). */
    static final int MAX_HEADER = 16 << 20;

    int version;
    final Map<String, String> fields = new LinkedHashMap<>();
    final Map<String, String> keyValues = new LinkedHashMap<>();
    final Map<String, Long> fieldOffsets = new LinkedHashMap<>();
    /** Byte offset just after the header's blank line (where attached data starts), or file length. */
    long dataOffset;

    static NrrdHeader read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file);
        }
    }

    private static NrrdHeader read(InputStream in, Path file) throws IOException {
        NrrdHeader h = new NrrdHeader();
        long pos = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean first = true;
        while (true) {
            long lineStart = pos;
            line.reset();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                pos++;
                line.write(c);
                if (pos > MAX_HEADER) {
                    throw new NrrdFormatException(file, lineStart, "header longer than " + MAX_HEADER + " bytes (not a NRRD header)");
                }
            }
            if (c == '\n') {
                pos++;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            if (first) {
                if (!s.matches("NRRD000[1-9]")) {
                    throw new NrrdFormatException(file, 0, "not a NRRD file: first line is "
                            + (s.length() > 40 ? s.substring(0, 40) + "..." : s).replaceAll("[^\\x20-\\x7e]", "?") + " (expected NRRD0001..NRRD0005)");
                }
                h.version = s.charAt(7) - '0';
                first = false;
            } else if (s.isEmpty()) {
                h.dataOffset = pos;
                return h;
            } else if (!s.startsWith("#")) {
                int kv = s.indexOf(":=");
                int f = s.indexOf(": ");
                if (kv >= 0 && (f < 0 || kv < f)) {
                    h.keyValues.put(unescape(s.substring(0, kv)), unescape(s.substring(kv + 2)));
                } else if (f > 0) {
                    String name = s.substring(0, f).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                    if (h.fields.containsKey(name)) {
                        throw new NrrdFormatException(file, lineStart, "field \"" + name + "\" appears twice");
                    }
                    h.fields.put(name, s.substring(f + 2).trim());
                    h.fieldOffsets.put(name, lineStart);
                } else {
                    throw new NrrdFormatException(file, lineStart, "malformed header line: " + s.replaceAll("[^\\x20-\\x7e]", "?"));
                }
            }
            if (c < 0) {
                h.dataOffset = pos;
                return h;
            }
        }
    }

    /** Byte offset of a field's line, or -1. */
    long offset(String field) {
        return fieldOffsets.getOrDefault(field, -1L);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\\", "\\");
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
