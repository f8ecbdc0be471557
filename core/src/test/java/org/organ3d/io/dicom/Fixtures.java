package org.organ3d.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test fixtures of this package (made by make_fixtures.py with pydicom) and readers for them. */
final class Fixtures {

    private Fixtures() {
    }

    /** A fixture file or folder under {@code org/organ3d/io/dicom/}. */
    static Path path(String name) {
        URL u = Fixtures.class.getResource("/org/organ3d/io/dicom/" + name);
        if (u == null) {
            throw new IllegalStateException("missing fixture " + name + " (run make_fixtures.py)");
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Properties properties(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(path(name))) {
            p.load(in);
        }
        return p;
    }

    static double[] numbers(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? null : Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** A NumPy .npy array (little-endian integers or floats, C order) as doubles plus its shape. */
    record Npy(int[] shape, double[] values) {
    }

    /** As above; a name ending in .gz is gunzipped first. */
    static Npy npy(String name) throws IOException {
        byte[] all = Files.readAllBytes(path(name));
        if (name.endsWith(".gz")) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(all))) {
                all = in.readAllBytes();
            }
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all[0] != (byte) 0x93 || all[1] != 'N') {
            throw new IOException("not .npy: " + name);
        }
        int major = all[6];
        int hlen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = (major == 1 ? 10 : 12) + hlen;
        String header = new String(all, major == 1 ? 10 : 12, hlen, java.nio.charset.StandardCharsets.US_ASCII);
        Matcher d = Pattern.compile("'descr':\\s*'([<>|])([a-z])(\\d+)'").matcher(header);
        Matcher s = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IOException("unsupported .npy header " + header);
        }
        int[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        if (d.group(1).equals(">")) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int o = start + i * width;
            v[i] = switch (kind) {
                case 'i' -> switch (width) {
                    case 1 -> all[o];
                    case 2 -> b.getShort(o);
                    case 4 -> b.getInt(o);
                    default -> b.getLong(o);
                };
                case 'u' -> switch (width) {
                    case 1 -> all[o] & 0xFF;
                    case 2 -> b.getShort(o) & 0xFFFF;
                    case 4 -> Integer.toUnsignedLong(b.getInt(o));
                    default -> b.getLong(o);
                };
                case 'f' -> width == 4 ? b.getFloat(o) : b.getDouble(o);
                default -> throw new IOException("unsupported dtype " + kind);
            };
        }
        return new Npy(shape, v);
    }

    /** Copies a fixture folder's files into {@code dest} (created). */
    static void copyFolder(String name, Path dest) throws IOException {
        Files.createDirectories(dest);
        try (var s = Files.list(path(name))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, dest.resolve(p.getFileName()));
                }
            }
        }
    }
}
