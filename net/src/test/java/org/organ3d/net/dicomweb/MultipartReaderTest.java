package org.organ3d.net.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.net.PacsException;

/**
 * The multipart/related reader against bodies built here by the RFC 2046 grammar: parts of random
 * binary content (with CRs, LFs and near-miss boundaries inside), preamble and epilogue, transport
 * padding, bare-LF headers, and inputs that arrive one byte at a time or in odd chunks; truncations
 * and malformations give typed errors.
 */
class MultipartReaderTest {

    static final String B = "9d11198b-5e2d-4749-8222";

    static byte[] body(String preamble, List<byte[]> parts, String epilogue, String lineEnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < parts.size(); i++) {
            out.writeBytes(((i == 0 && preamble.isEmpty() ? "" : "\r\n") + "--" + B + " \t\r\nContent-Type: application/dicom"
                    + lineEnd + "X-Part: " + i + lineEnd + lineEnd).getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(parts.get(i));
        }
        out.writeBytes(("\r\n--" + B + "--" + epilogue).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Random content seeded with pieces of the delimiter that must not end the part. */
    static byte[] content(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        byte[] near = ("\r\n--" + B.substring(0, B.length() - 1) + "X").getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k + near.length < n && k < 5; k++) {
            int at = r.nextInt(n - near.length);
            System.arraycopy(near, 0, b, at, near.length - (k % 3));
        }
        return b;
    }

    /** An input stream that hands out at most {@code chunk} bytes per read. */
    static InputStream chunked(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    static List<byte[]> readAll(InputStream in) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (MultipartReader r = new MultipartReader(in, B, "test body")) {
            MultipartReader.Part p;
            while ((p = r.next()) != null) {
                assertEquals("application/dicom", p.contentType());
                assertEquals(Integer.toString(out.size()), p.headers().get("x-part"));
                out.add(p.body().readAllBytes());
            }
            assertNull(r.next(), "stays at the end");
        }
        return out;
    }

    @Test
    void partsComeBackExactlyForAnyChunking() throws IOException {
        Random r = new Random(42);
        List<byte[]> parts = List.of(content(r, 70_000), new byte[0], content(r, 1), content(r, 600_000), content(r, 3));
        for (String preamble : List.of("", "this is a preamble\r\n")) {
            for (String lineEnd : List.of("\r\n", "\n")) {
                byte[] b = body(preamble, parts, "\r\nepilogue", lineEnd);
                for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
                    if (chunk == 1 && preamble.isEmpty() && lineEnd.equals("\n")) {
                        continue;
                    }
                    List<byte[]> got = readAll(chunked(b, chunk));
                    assertEquals(parts.size(), got.size());
                    for (int i = 0; i < parts.size(); i++) {
                        assertArrayEquals(parts.get(i), got.get(i), "part " + i + " chunk " + chunk);
                    }
                }
            }
        }
    }

    @Test
    void transferToGivesThePartsAsReadDoes() throws IOException {
        Random r = new Random(11);
        List<byte[]> parts = List.of(content(r, 400_000), content(r, 0), content(r, 77));
        byte[] b = body("pre\r\n", parts, "", "\r\n");
        try (MultipartReader m = new MultipartReader(chunked(b, 5000), B, "t")) {
            for (byte[] want : parts) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                assertEquals(want.length, m.next().body().transferTo(got));
                assertArrayEquals(want, got.toByteArray());
            }
            assertNull(m.next());
        }
        byte[] cut = java.util.Arrays.copyOf(b, 300_000);
        try (MultipartReader m = new MultipartReader(new ByteArrayInputStream(cut), B, "t")) {
            InputStream part = m.next().body();
            assertThrows(PacsException.class, () -> part.transferTo(new ByteArrayOutputStream()));
        }
    }

    @Test
    void unreadPartsAreSkipped() throws IOException {
        Random r = new Random(7);
        byte[] b = body("", List.of(content(r, 300_000), content(r, 10)), "", "\r\n");
        try (MultipartReader m = new MultipartReader(new ByteArrayInputStream(b), B, "t")) {
            m.next().body().read(new byte[10]);
            MultipartReader.Part second = m.next();
            assertEquals(10, second.body().readAllBytes().length);
            assertNull(m.next());
        }
    }

    @Test
    void truncatedBodiesAreTypedErrors() throws IOException {
        Random r = new Random(3);
        byte[] b = body("", List.of(content(r, 5000), content(r, 5000)), "", "\r\n");
        for (int cut : new int[] {0, 3, 30, 60, 2000, 5100, b.length - 3}) {
            byte[] t = java.util.Arrays.copyOf(b, cut);
            PacsException e = assertThrows(PacsException.class, () -> readAll(new ByteArrayInputStream(t)), "cut " + cut);
            assertTrue(e.getMessage().startsWith("test body: malformed multipart body at byte"), e.getMessage());
        }
    }

    @Test
    void malformedHeadersAndHugeHeadersAreRefused() {
        byte[] noColon = ("--" + B + "\r\nno colon here\r\n\r\nx\r\n--" + B + "--").getBytes(StandardCharsets.ISO_8859_1);
        PacsException e = assertThrows(PacsException.class, () -> readAll(new ByteArrayInputStream(noColon)));
        assertTrue(e.getMessage().contains("no name before ':'"), e.getMessage());
        String huge = "X-Big: " + "a".repeat(MultipartReader.MAX_HEADER_BYTES + 10);
        byte[] big = ("--" + B + "\r\n" + huge + "\r\n\r\nx\r\n--" + B + "--").getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(PacsException.class, () -> readAll(new ByteArrayInputStream(big)));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        byte[] noBoundary = "just some text".getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(PacsException.class, () -> readAll(new ByteArrayInputStream(noBoundary)));
        assertTrue(e.getMessage().contains("no multipart boundary"), e.getMessage());
        byte[] junkAfter = ("--" + B + "junk\r\n\r\nx\r\n--" + B + "--").getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(PacsException.class, () -> readAll(new ByteArrayInputStream(junkAfter)));
        assertThrows(IllegalArgumentException.class, () -> new MultipartReader(InputStream.nullInputStream(), "", "t"));
    }

    @Test
    void mediaTypesParseWithQuotesAndCase() {
        MediaType m = MediaType.parse("Multipart/Related; type=\"application/dicom\"; Boundary=\"a b;c\\\"d\"; transfer-syntax=*");
        assertTrue(m.is("multipart/related"));
        assertEquals("application/dicom", m.parameter("type"));
        assertEquals("a b;c\"d", m.parameter("boundary"));
        assertEquals("*", m.parameter("transfer-syntax"));
        assertThrows(IllegalArgumentException.class, () -> MediaType.parse("nonsense"));
        assertThrows(IllegalArgumentException.class, () -> MediaType.parse("a/b; x=\"open"));
        assertThrows(IllegalArgumentException.class, () -> MediaType.parse("a/b; novalue"));
    }
}
