package org.organ3d.io.metaimage;

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
 * The text header of a MetaImage ({@code .mha}/{@code .mhd}): {@code Key = Value} lines, the last
 * being {@code ElementDataFile}; with {@code ElementDataFile = LOCAL} the binary data starts right
 * after that line. Keys are kept as written and looked up case-insensitively.
 */
final class MetaImageHeader {

    static final int MAX_HEADER = 1 << 20;

    final Map<String, String> entries = new LinkedHashMap<>();
    final Map<String, Long> offsets = new LinkedHashMap<>();
    long dataOffset;

    static MetaImageHeader read(Path file) throws IOException {
        MetaImageHeader h = new MetaImageHeader();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long pos = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                long start = pos;
                line.reset();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    pos++;
                    line.write(c);
                    if (pos > MAX_HEADER) {
                        throw new MetaImageFormatException(file, start, "no ElementDataFile line in the first " + MAX_HEADER
                                + " bytes (not a MetaImage header)");
                    }
                }
                if (c == '\n') {
                    pos++;
                }
                String s = line.toString(StandardCharsets.ISO_8859_1).strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    int eq = s.indexOf('=');
                    if (eq <= 0) {
                        throw new MetaImageFormatException(file, start, "not a MetaImage header line (Key = Value expected): "
                                + (s.length() > 60 ? s.substring(0, 60) + "..." : s).replaceAll("[^\\x20-\\x7e]", "?"));
                    }
                    String key = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    h.entries.put(key, s.substring(eq + 1).strip());
                    h.offsets.put(key, start);
                    if (key.equals("elementdatafile")) {
                        h.dataOffset = pos;
                        return h;
                    }
                }
                if (c < 0) {
                    throw new MetaImageFormatException(file, pos, "header ends without an ElementDataFile line");
                }
            }
        }
    }

    String get(String key) {
        return entries.get(key.toLowerCase(Locale.ROOT));
    }

    /** The first of several synonyms that is present, or null. */
    String first(String... keys) {
        for (String k : keys) {
            String v = get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    long offset(String key) {
        return offsets.getOrDefault(key.toLowerCase(Locale.ROOT), -1L);
    }
}
