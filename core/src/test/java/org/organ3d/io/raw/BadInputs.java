package org.organ3d.io.raw;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.organ3d.io.ImageFormat;

/** Shared steps of the readers' bad-input tests: write a malformed file, read it, check the typed error. */
public final class BadInputs {

    private BadInputs() {
    }

    /**
     * Writes {@code content} to {@code file}, reads it with {@code format} and returns the error, after
     * checking it is of {@code type}, names the file and holds every word.
     */
    public static <E extends IOException> E fails(Class<E> type, ImageFormat format, Path file, byte[] content,
            String... words) throws IOException {
        Files.write(file, content);
        E e = assertThrows(type, () -> format.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
        return e;
    }

    /** A text header followed by bytes. */
    public static byte[] cat(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] r = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, r, h.length, data.length);
        return r;
    }

    /** {@code b} gzipped. */
    public static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }
}
