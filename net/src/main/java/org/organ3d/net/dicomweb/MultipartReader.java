package org.organ3d.net.dicomweb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.organ3d.net.PacsException;

/**
 * Reads a {@code multipart/related} body (RFC 2046 §5.1, RFC 2387) as a stream of parts, each part's
 * body itself a stream: a WADO-RS series answer of gigabytes passes through a fixed buffer of
 * {@value #BUFFER} bytes, never whole in memory.
 *
 * <p><b>Grammar.</b> An optional preamble; then parts, each introduced by the delimiter
 * {@code CRLF--boundary} (the first may start the body without its CRLF), optional transport
 * padding (spaces, tabs) and CRLF, header lines up to an empty line, and the body; the close
 * delimiter {@code CRLF--boundary--} ends the last part, and any epilogue is ignored. Header lines
 * may end in CRLF or a bare LF (servers differ); the delimiter must have its CRLF. Headers are
 * limited to {@value #MAX_HEADER_BYTES} bytes per part.
 *
 * <p><b>Errors.</b> A body that ends before the close delimiter (a server that died or a connection
 * cut mid-transfer), a missing delimiter, or oversized headers give a {@link PacsException}
 * naming the source and the byte offset. Not thread-safe: read the parts in order from one thread.
 */
public final class MultipartReader implements Closeable {

    /** Read buffer size in bytes. */
    public static final int BUFFER = 256 * 1024;
    /** Most header bytes accepted for one part. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    /** One part: its headers (lower-case names) and its body, valid until the next part is asked for. */
    public record Part(Map<String, String> headers, InputStream body) {

        /** The {@code Content-Type} of the part, or null. */
        public String contentType() {
            return headers.get("content-type");
        }
    }

    private final InputStream in;
    private final String source;
    private final byte[] delimiter;
    private final int[] shift = new int[256];
    private final byte[] buf;
    private int start;
    private int end;
    private int searchFrom;
    private long consumed;
    private boolean eof;
    private boolean finished;
    private boolean first = true;
    private PartBody current;

    /**
     * @param in       the body (closed by {@link #close()})
     * @param boundary the boundary parameter of the Content-Type (1..70 characters)
     * @param source   what the body is, for messages (e.g. "the WADO-RS answer of https://...")
     */
    public MultipartReader(InputStream in, String boundary, String source) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("a multipart boundary has 1 to 70 characters");
        }
        this.in = in;
        this.source = source;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        java.util.Arrays.fill(shift, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            shift[delimiter[k] & 0xFF] = delimiter.length - 1 - k;
        }
        this.buf = new byte[Math.max(BUFFER, 4 * delimiter.length)];
        // NB: the first delimiter may open the body without its CRLF: act as if the body began with one
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
        consumed = -2;
    }

    /**
     * The next part, or null after the close delimiter. Whatever was left unread of the previous
     * part's body is skipped.
     *
     * @throws PacsException if the body is not well-formed multipart or ends early
     */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.skipRest();
            current = null;
        } else if (first) {
            skipToDelimiter(true);
        }
        first = false;
        // the delimiter itself
        consume(delimiter.length);
        require(2, "after a boundary delimiter");
        if (buf[start] == '-' && buf[start + 1] == '-') {
            finished = true;
            return null;
        }
        while (true) {
            require(1, "after a boundary delimiter");
            byte b = buf[start];
            if (b == ' ' || b == '\t') {
                consume(1);
            } else {
                break;
            }
        }
        if (!skipLineEnd()) {
            throw error("expected a line end after the boundary delimiter");
        }
        Map<String, String> headers = readHeaders();
        current = new PartBody();
        return new Part(headers, current);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            int lineEnd = findLineEnd(total);
            if (lineEnd == start) {
                skipLineEnd();
                return h;
            }
            total += lineEnd - start + 2;
            if (total > MAX_HEADER_BYTES) {
                throw error("part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            String line = new String(buf, start, lineEnd - start, StandardCharsets.ISO_8859_1);
            consume(lineEnd - start);
            skipLineEnd();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw error("malformed part header line (no name before ':')");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            h.merge(name, value, (a, b) -> a + ", " + b);
        }
    }

    /** Index of the CR (or bare LF) ending the line at {@code start}, reading more as needed. */
    private int findLineEnd(int headerBytesSoFar) throws IOException {
        int i = start;
        while (true) {
            while (i < end) {
                if (buf[i] == '\n') {
                    return i > start && buf[i - 1] == '\r' ? i - 1 : i;
                }
                i++;
            }
            if (headerBytesSoFar + (i - start) > MAX_HEADER_BYTES) {
                throw error("part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int shift = start;
            if (!fill()) {
                throw error("the body ended inside the headers of a part");
            }
            i -= shift - start;
        }
    }

    private boolean skipLineEnd() throws IOException {
        require(1, "at a line end");
        if (buf[start] == '\n') {
            consume(1);
            return true;
        }
        require(2, "at a line end");
        if (buf[start] == '\r' && buf[start + 1] == '\n') {
            consume(2);
            return true;
        }
        return false;
    }

    /** Skips bytes (the preamble or an unread body) until the buffer starts with the delimiter. */
    private void skipToDelimiter(boolean preamble) throws IOException {
        while (true) {
            int at = find();
            if (at >= 0) {
                consume(at - start);
                return;
            }
            int safe = end - start - (delimiter.length - 1);
            if (safe > 0) {
                consume(safe);
            }
            if (!fill()) {
                throw error(preamble ? "no multipart boundary delimiter in the body"
                        : "the body ended inside a part, before the closing boundary (was the connection cut?)");
            }
        }
    }

    /**
     * Position of the delimiter in the buffer, or -1 when not (yet) there. Boyer–Moore–Horspool
     * (Horspool 1980, "Practical fast searching in strings"): the window moves by the distance of its
     * last byte's last occurrence in the delimiter, so binary content is skipped about a delimiter's
     * length at a time. Windows already ruled out are not looked at again when more data arrives.
     */
    private int find() {
        int m = delimiter.length;
        int last = end - m;
        int i = Math.max(start, searchFrom);
        while (i <= last) {
            int k = m - 1;
            while (k >= 0 && buf[i + k] == delimiter[k]) {
                k--;
            }
            if (k < 0) {
                searchFrom = i;
                return i;
            }
            i += shift[buf[i + m - 1] & 0xFF];
        }
        searchFrom = Math.max(start, i);
        return -1;
    }

    /** Ensures {@code n} bytes are buffered. */
    private void require(int n, String where) throws IOException {
        while (end - start < n) {
            if (!fill()) {
                throw error("the body ended " + where + " (was the connection cut?)");
            }
        }
    }

    private void consume(int n) {
        start += n;
        consumed += n;
    }

    /** Reads more bytes into the buffer (compacting it first); false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            searchFrom = Math.max(0, searchFrom - start);
            start = 0;
        }
        if (end == buf.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    private PacsException error(String what) {
        return new PacsException(source + ": malformed multipart body at byte " + Math.max(0, consumed) + ": " + what);
    }

    /** The body of the current part: ends where the next delimiter starts. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = find();
                int avail = at >= 0 ? at - start : end - start - (delimiter.length - 1);
                if (at == start) {
                    done = true;
                    return -1;
                }
                if (avail > 0) {
                    int n = Math.min(len, avail);
                    System.arraycopy(buf, start, b, off, n);
                    consume(n);
                    return n;
                }
                if (!fill()) {
                    throw error("the body ended inside a part, before the closing boundary (was the connection cut?)");
                }
            }
        }

        /** Writes the rest of the part straight from the reader's buffer (one copy fewer than read()). */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long n = 0;
            while (!done && current == this) {
                int at = find();
                int avail = at >= 0 ? at - start : end - start - (delimiter.length - 1);
                if (at == start) {
                    done = true;
                    break;
                }
                if (avail > 0) {
                    out.write(buf, start, avail);
                    consume(avail);
                    n += avail;
                } else if (!fill()) {
                    throw error("the body ended inside a part, before the closing boundary (was the connection cut?)");
                }
            }
            return n;
        }

        void skipRest() throws IOException {
            if (!done) {
                skipToDelimiter(false);
                done = true;
            }
        }
    }
}
