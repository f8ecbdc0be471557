package org.organ3d.net.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.organ3d.net.Credentials;
import org.organ3d.net.PacsAuthenticationException;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.TlsContexts;

/**
 * HTTP for the DICOMweb client: one JDK {@link HttpClient} per server, credentials as a preemptive
 * {@code Authorization} header, redirects not followed, TLS with the system trust store plus the
 * optional CA file and hostname verification on, and every failure turned into a
 * {@link PacsException} in the user's terms.
 *
 * <p><b>Security.</b> Credentials are only ever put in the {@code Authorization} header; text a
 * server sends back is {@linkplain Credentials#scrub scrubbed} before it goes into a message.
 * Credentials are refused over plain {@code http://} to any host but this machine's loopback. A
 * redirect is refused with the place it pointed to (a redirect could lead from https to http, or to
 * another host that would receive the credentials).
 *
 * <p>Thread-safe (the JDK client is).
 */
final class DicomWebHttp {

    /** Longest JSON answer read into memory (QIDO pages, STOW responses). */
    static final int MAX_JSON_BYTES = 64 << 20;

    private final PacsServer.DicomWeb server;
    private final PacsSettings settings;
    private final HttpClient client;

    DicomWebHttp(PacsServer.DicomWeb server, PacsSettings settings) throws PacsException {
        this.server = server;
        this.settings = settings;
        if (!server.tls() && settings.credentials().kind() != Credentials.Kind.NONE && !isLoopback(server.base())) {
            throw new PacsException("refusing to send " + settings.credentials().describe() + " over plain http:// to "
                    + server + ": use https:// (plain http is allowed with credentials only to this machine)");
        }
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (server.tls()) {
            b.sslContext(TlsContexts.create(settings.caFile()));
        } else {
            // NB: no h2c upgrade attempts on plain connections (PACS servers speak HTTP/1.1 there)
            b.version(HttpClient.Version.HTTP_1_1);
        }
        this.client = b.build();
    }

    PacsServer.DicomWeb server() {
        return server;
    }

    Credentials credentials() {
        return settings.credentials();
    }

    /** A request builder with the timeout and the credentials set. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(settings.idleTimeout());
        settings.credentials().authorizationHeader().ifPresent(h -> r.header("Authorization", h));
        return r;
    }

    /**
     * Sends a request and returns the response whose body streams with the idle timeout, after
     * checking the status: 2xx is returned (204 too), anything else is thrown.
     *
     * @param what the request in words for messages (e.g. "the series search")
     */
    HttpResponse<InputStream> send(HttpRequest request, String what) throws PacsException {
        String source = what + " at " + server;
        HttpResponse<InputStream> r = null;
        for (int attempt = 0; r == null; attempt++) {
            try {
                r = client.send(request, StreamingBody.handler(settings.idleTimeout(), source));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PacsException(source + ": interrupted");
            } catch (IOException e) {
                // NB: a kept-alive connection the server closed while it sat in the pool fails before
                // any answer byte; every DICOMweb request here may be sent again (a store is idempotent
                // by SOP Instance UID), so it is, once, on a fresh connection
                if (attempt > 0 || !closedBeforeAnswer(e)) {
                    throw translate(e, source);
                }
            }
        }
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
            return r;
        }
        String body = excerpt(r);
        if (status == 401 || status == 403) {
            throw new PacsAuthenticationException(source + ": the server refused " + settings.credentials().describe()
                    + " (HTTP " + status + (status == 401 ? " Unauthorized" : " Forbidden") + ")"
                    + (settings.credentials().kind() == Credentials.Kind.NONE ? "; set " + PacsSettings.ENV_USER + " and "
                            + PacsSettings.ENV_PASSWORD + " or " + PacsSettings.ENV_TOKEN : ""));
        }
        if (status >= 300 && status < 400) {
            String loc = r.headers().firstValue("Location").orElse("(no Location)");
            throw new PacsException(source + ": the server redirects (HTTP " + status + ") to "
                    + redactLocation(loc) + "; organ3d does not follow redirects: give that URL as the server");
        }
        throw new PacsException(source + ": HTTP " + status + (body.isEmpty() ? "" : " (" + body + ")"));
    }

    /** Sends a GET and reads the whole answer as UTF-8 text (at most {@link #MAX_JSON_BYTES}); "" for 204. */
    String getText(URI uri, String accept, String what) throws PacsException {
        HttpResponse<InputStream> r = send(request(uri).header("Accept", accept).GET().build(), what);
        return readText(r, what);
    }

    /** The whole body of a response as UTF-8 text (at most {@link #MAX_JSON_BYTES}). */
    String readText(HttpResponse<InputStream> r, String what) throws PacsException {
        try (InputStream in = r.body()) {
            if (r.statusCode() == 204) {
                return "";
            }
            byte[] b = in.readNBytes(MAX_JSON_BYTES + 1);
            if (b.length > MAX_JSON_BYTES) {
                throw new PacsException(what + " at " + server + ": the answer is larger than " + (MAX_JSON_BYTES >> 20)
                        + " MB");
            }
            return new String(b, StandardCharsets.UTF_8);
        } catch (PacsException e) {
            throw e;
        } catch (IOException e) {
            throw translate(e, what + " at " + server);
        }
    }

    private static boolean closedBeforeAnswer(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof java.io.EOFException || m.contains("header parser received no bytes")
                    || m.contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    /** Turns a transport failure into a message a user can act on. */
    PacsException translate(IOException e, String source) {
        if (e instanceof PacsException p) {
            return p;
        }
        String host = server.base().getHost();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (e instanceof HttpConnectTimeoutException) {
            return new PacsException(source + ": no connection within " + settings.connectTimeout().toSeconds() + " s"
                    + (server.tls() ? " (a server that leaves the TLS handshake unanswered may speak plain HTTP)" : ""), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new PacsException(source + ": no answer within " + settings.idleTimeout().toSeconds() + " s", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new PacsException(source + ": cannot connect (" + (msg.isEmpty() ? "connection refused" : msg)
                    + "); is the server running?", e);
        }
        if (e instanceof UnknownHostException || e.getCause() instanceof UnknownHostException) {
            return new PacsException(source + ": unknown host " + host, e);
        }
        if (e instanceof SSLHandshakeException || e instanceof SSLException || e.getCause() instanceof SSLException) {
            if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unable to find valid")) {
                return new PacsException(source + ": the server's TLS certificate is not trusted (not signed by a "
                        + "system CA" + (settings.caFile() == null ? "; set " + PacsSettings.ENV_CA
                                + " to the CA certificate file" : " nor by " + settings.caFile()) + ")", e);
            }
            if (lower.contains("subject alternative") || lower.contains("no name matching")
                    || lower.contains("hostname")) {
                return new PacsException(source + ": the server's TLS certificate is not for host " + host
                        + " (hostname verification failed)", e);
            }
            if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")
                    || lower.contains("unsupported or unrecognized")) {
                return new PacsException(source + ": the server did not answer in TLS (plain HTTP on that port?); "
                        + "organ3d does not fall back to http:// when https:// was asked for", e);
            }
            return new PacsException(source + ": TLS failed (" + msg + ")", e);
        }
        return new PacsException(source + ": " + (msg.isEmpty() ? e.getClass().getSimpleName() : msg), e);
    }

    private String excerpt(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes(300);
            String s = new String(b, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            return settings.credentials().scrub(s.length() > 200 ? s.substring(0, 200) + "..." : s);
        } catch (IOException e) {
            return "";
        }
    }

    private static String redactLocation(String loc) {
        try {
            URI u = URI.create(loc);
            if (u.getRawUserInfo() != null) {
                return u.getScheme() + "://<redacted>@" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                        + (u.getRawPath() == null ? "" : u.getRawPath());
            }
            return u.toString();
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }

    static boolean isLoopback(URI u) {
        String h = u.getHost();
        if (h == null) {
            return false;
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
