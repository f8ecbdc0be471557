package org.organ3d.net;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What organ3d sends to authenticate at a DICOMweb server: nothing, HTTP basic (user and password)
 * or a bearer token. Built by {@link PacsSettings} from the environment or the owner-only config
 * file, never from command-line arguments.
 *
 * <p><b>Secrecy.</b> The values leave this object only as the {@code Authorization} header value
 * ({@link #authorizationHeader()}); {@link #toString()} and {@link #describe()} say which kind of
 * credentials these are and where they came from, never a user name, password or token.
 * Immutable and thread-safe.
 */
public final class Credentials {

    /** The kind of credentials. */
    public enum Kind {
        NONE, BASIC, BEARER
    }

    private static final Credentials NONE = new Credentials(Kind.NONE, null, List.of(), "none");

    private final Kind kind;
    private final String secretHeader;
    private final List<String> secrets;
    private final String source;

    private Credentials(Kind kind, String secretHeader, List<String> secrets, String source) {
        this.kind = kind;
        this.secretHeader = secretHeader;
        this.secrets = secrets;
        this.source = source;
    }

    /** No credentials. */
    public static Credentials none() {
        return NONE;
    }

    /**
     * HTTP basic credentials (RFC 7617, UTF-8).
     *
     * @param source where they came from, in words (e.g. "the environment"), for messages
     * @throws IllegalArgumentException if the user is empty or contains a colon
     */
    public static Credentials basic(String user, String password, String source) {
        Objects.requireNonNull(user);
        Objects.requireNonNull(password);
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an HTTP basic user name is not empty and has no colon (from " + source + ")");
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credentials(Kind.BASIC, "Basic " + token,
                password.length() >= 4 ? List.of(token, password) : List.of(token), source);
    }

    /**
     * A bearer token (RFC 6750).
     *
     * @throws IllegalArgumentException if the token is empty or holds characters a header cannot carry
     */
    public static Credentials bearer(String token, String source) {
        Objects.requireNonNull(token);
        String t = token.strip();
        if (t.isEmpty() || !t.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a bearer token is printable ASCII without spaces (from " + source + ")");
        }
        return new Credentials(Kind.BEARER, "Bearer " + t, List.of(t), source);
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }

    /** The value of the HTTP {@code Authorization} header, empty for {@link Kind#NONE}. Secret. */
    public Optional<String> authorizationHeader() {
        return Optional.ofNullable(secretHeader);
    }

    /**
     * {@code text} (e.g. an error page a server sent back) with every occurrence of a secret of
     * these credentials replaced by {@code <redacted>}: a defence against servers that echo requests.
     * Passwords shorter than 4 characters are not searched for (they would match ordinary words).
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String t = text;
        for (String s : secrets) {
            t = t.replace(s, "<redacted>");
        }
        return t;
    }

    /** In words, without values: e.g. "HTTP basic credentials from the environment". */
    public String describe() {
        return switch (kind) {
            case NONE -> "no credentials";
            case BASIC -> "HTTP basic credentials from " + source;
            case BEARER -> "a bearer token from " + source;
        };
    }

    @Override
    public String toString() {
        return "Credentials[" + describe() + "]";
    }
}
