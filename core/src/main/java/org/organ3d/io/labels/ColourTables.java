package org.organ3d.io.labels;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.organ3d.io.ImageFormatException;
import org.organ3d.volume.LabelInfo;

/**
 * Label names and colours from the colour tables of other tools, for label maps that carry none:
 * <ul>
 * <li>3D Slicer colour tables ({@code .ctbl}): {@code index name r g b a}, colours and opacity 0..255,
 * names with underscores for spaces (multi-word names are joined back with spaces);</li>
 * <li>ITK-SNAP label descriptions: {@code IDX R G B A VIS MSH "LABEL"} with A (opacity) 0..1 and the
 * name in double quotes;</li>
 * <li>FreeSurfer look-up tables ({@code FreeSurferColorLUT.txt} style): {@code No. Label-Name R G B A}
 * where A is transparency (0 = opaque), the opposite of Slicer's.</li>
 * </ul>
 * Lines starting with {@code #} and blank lines are skipped; index 0 (background) is ignored. The
 * format is told from the content (quoted names: ITK-SNAP) and the extension ({@code .ctbl}:
 * Slicer; otherwise six columns are read as FreeSurfer), or given. Bad lines are errors naming the
 * file and the line. Stateless and thread-safe.
 */
public final class ColourTables {

    /** Which tool's table. */
    public enum Format {
        AUTO, SLICER, ITK_SNAP, FREESURFER
    }

    /** A colour table is text of at most this size (FreeSurfer's full LUT is about 60 KB). */
    private static final long MAX_BYTES = 8L << 20;

    private ColourTables() {
    }

    /** Reads {@code file} in the format its content and name indicate. */
    public static Map<Integer, LabelInfo> read(Path file) throws IOException {
        return read(file, Format.AUTO);
    }

    /**
     * Reads a colour table: label value → name and colour (0xRRGGBBAA).
     *
     * @throws ImageFormatException naming the file and the line when it is not such a table
     */
    public static Map<Integer, LabelInfo> read(Path file, Format format) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new ImageFormatException(file, -1, "not a colour table (" + Files.size(file) + " bytes)");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ImageFormatException(file, -1, "not a colour table (not UTF-8 text)");
        }
        Format f = format == Format.AUTO ? detect(file, lines) : format;
        Map<Integer, LabelInfo> out = new TreeMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                LabelInfo info = f == Format.ITK_SNAP ? itkSnap(line) : columns(line, f == Format.FREESURFER);
                if (info != null) {
                    out.put(info.value(), info);
                }
            } catch (IllegalArgumentException e) {
                throw new ImageFormatException(file, -1, "line " + (n + 1) + ": " + e.getMessage()
                        + " (reading it as a " + name(f) + " colour table)");
            }
        }
        if (out.isEmpty()) {
            throw new ImageFormatException(file, -1, "no labels in this colour table");
        }
        return out;
    }

    private static String name(Format f) {
        return switch (f) {
            case SLICER -> "3D Slicer";
            case ITK_SNAP -> "ITK-SNAP";
            case FREESURFER -> "FreeSurfer";
            case AUTO -> "";
        };
    }

    private static Format detect(Path file, List<String> lines) {
        for (String l : lines) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                if (s.contains("\"")) {
                    return Format.ITK_SNAP;
                }
                break;
            }
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ctbl") ? Format.SLICER : Format.FREESURFER;
    }

    /** {@code index name... r g b a}; FreeSurfer's a is transparency. Null for index 0. */
    private static LabelInfo columns(String line, boolean freeSurfer) {
        String[] t = line.split("\\s+");
        if (t.length < 6) {
            throw new IllegalArgumentException("expected 'index name r g b a', got " + t.length + " fields");
        }
        int index = integer(t[0], "index", 0, 65535);
        String name = String.join(" ", java.util.Arrays.copyOfRange(t, 1, t.length - 4)).replace('_', ' ');
        int r = integer(t[t.length - 4], "red", 0, 255);
        int g = integer(t[t.length - 3], "green", 0, 255);
        int b = integer(t[t.length - 2], "blue", 0, 255);
        int a = integer(t[t.length - 1], "alpha", 0, 255);
        if (index == 0) {
            return null;
        }
        int opacity = freeSurfer ? 255 - a : a;
        return new LabelInfo(index, name, r << 24 | g << 16 | b << 8 | opacity);
    }

    /** {@code IDX R G B A VIS MSH "LABEL"}, A opacity 0..1. Null for index 0. */
    private static LabelInfo itkSnap(String line) {
        int q = line.indexOf('"');
        int q2 = line.lastIndexOf('"');
        if (q < 0 || q2 <= q) {
            throw new IllegalArgumentException("expected IDX R G B A VIS MSH \"LABEL\"");
        }
        String[] t = line.substring(0, q).strip().split("\\s+");
        if (t.length != 7) {
            throw new IllegalArgumentException("expected 7 numbers before the quoted name, got " + t.length);
        }
        int index = integer(t[0], "index", 0, 65535);
        int r = integer(t[1], "red", 0, 255);
        int g = integer(t[2], "green", 0, 255);
        int b = integer(t[3], "blue", 0, 255);
        double a;
        try {
            a = Double.parseDouble(t[4]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("alpha is not a number: '" + t[4] + "'");
        }
        if (!(a >= 0 && a <= 1)) {
            throw new IllegalArgumentException("alpha must be 0..1: " + t[4]);
        }
        if (index == 0) {
            return null;
        }
        return new LabelInfo(index, line.substring(q + 1, q2), r << 24 | g << 16 | b << 8 | (int) Math.round(a * 255));
    }

    private static int integer(String s, String what, int lo, int hi) {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not an integer: '" + s + "'");
        }
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be " + lo + ".." + hi + ": " + v);
        }
        return v;
    }
}
