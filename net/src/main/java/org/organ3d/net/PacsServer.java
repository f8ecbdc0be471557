package org.organ3d.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a PACS listens, as the {@code <server>} argument of {@code organ3d find|pull|push} gives it
 * (shared/CONTRACT.md): a DICOMweb base URL ({@code http://host:port/dicom-web},
 * {@code https://...}) or a DICOM network address {@code dicom://AET@host:port}.
 *
 * <p>Credentials are never part of a server address: a URL with user information
 * ({@code https://user:secret@host}) is refused, and the refusal does not repeat it.
 */
public sealed interface PacsServer permits PacsServer.DicomWeb, PacsServer.Dimse {

    /** Default DICOM port (PS3.8 names 104; most archives listen on 11112 or 4242 instead). */
    int DEFAULT_DICOM_PORT = 104;

    /**
     * A DICOMweb service.
     *
     * @param base the base URL without a trailing slash, e.g. {@code https://pacs/dicom-web}
     */
    record DicomWeb(URI base) implements PacsServer {
        public DicomWeb {
            Objects.requireNonNull(base);
            String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("a DICOMweb URL starts with http:// or https://");
            }
            if (base.getRawUserInfo() != null) {
                throw new IllegalArgumentException("credentials in the URL are refused (use ORGAN3D_PACS_USER and "
                        + "ORGAN3D_PACS_PASSWORD, ORGAN3D_PACS_TOKEN or the config file): " + redact(base));
            }
            if (base.getHost() == null) {
                throw new IllegalArgumentException("no host in the DICOMweb URL " + redact(base));
            }
            if (base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("a DICOMweb base URL has no query or fragment: " + redact(base));
            }
        }

        /** True for {@code https}. */
        public boolean tls() {
            return base.getScheme().equalsIgnoreCase("https");
        }

        /** The URL of a path below the base ({@code rel} starts without a slash). */
        public URI resolve(String rel) {
            return URI.create(base + "/" + rel);
        }

        @Override
        public String toString() {
            return base.toString();
        }
    }

    /**
     * A DICOM network peer (an SCP).
     *
     * @param calledAet the peer's AE title (1..16 characters, no backslash, not all spaces)
     * @param host      host name or address
     * @param port      TCP port
     */
    record Dimse(String calledAet, String host, int port) implements PacsServer {
        public Dimse {
            checkAet(calledAet, "called");
            Objects.requireNonNull(host);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("no host in the DICOM address");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 1..65535");
            }
        }

        @Override
        public String toString() {
            return "dicom://" + calledAet + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Parses a server argument.
     *
     * @throws IllegalArgumentException with a message in the user's terms (and no credentials)
     */
    static PacsServer parse(String text) {
        String s = Objects.requireNonNull(text).strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dicom://")) {
            return parseDimse(s.substring("dicom://".length()));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI u;
            try {
                u = new URI(s);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL (" + e.getReason() + ")");
            }
            String str = u.toString();
            while (str.endsWith("/")) {
                str = str.substring(0, str.length() - 1);
            }
            return new DicomWeb(URI.create(str));
        }
        throw new IllegalArgumentException("a server is a DICOMweb URL (http://host:port/dicom-web, https://...) or "
                + "dicom://AET@host:port, not '" + (s.contains("@") ? "<redacted>" : s) + "'");
    }

    private static Dimse parseDimse(String rest) {
        int at = rest.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("a DICOM address is dicom://AET@host:port (the called AE title is missing)");
        }
        String aet = rest.substring(0, at);
        String hostPort = rest.substring(at + 1);
        while (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        String host;
        int port = DEFAULT_DICOM_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced [ in the DICOM address host");
            }
            host = hostPort.substring(1, close);
            String tail = hostPort.substring(close + 1);
            if (!tail.isEmpty()) {
                if (!tail.startsWith(":")) {
                    throw new IllegalArgumentException("expected :port after the host in dicom://AET@host:port");
                }
                port = parsePort(tail.substring(1));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = parsePort(hostPort.substring(colon + 1));
            } else {
                host = hostPort;
            }
        }
        return new Dimse(aet, host, port);
    }

    private static int parsePort(String p) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port '" + p + "' is not a number");
        }
    }

    /**
     * Checks an AE title: 1..16 characters of the default repertoire, no backslash or control
     * characters, not only spaces (PS3.5 §6.2).
     *
     * @throws IllegalArgumentException naming {@code role} (e.g. "called", "calling")
     */
    static void checkAet(String aet, String role) {
        if (aet == null || aet.isBlank() || aet.length() > 16) {
            throw new IllegalArgumentException("the " + role + " AE title must have 1 to 16 characters: '" + aet + "'");
        }
        for (int i = 0; i < aet.length(); i++) {
            char c = aet.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("the " + role + " AE title '" + aet
                        + "' may hold printable ASCII characters only, without backslash");
            }
        }
    }

    /** {@code u} as text with any user information replaced by {@code <redacted>}. */
    static String redact(URI u) {
        if (u.getRawUserInfo() == null) {
            return u.toString();
        }
        return u.getScheme() + "://<redacted>@" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }
}
