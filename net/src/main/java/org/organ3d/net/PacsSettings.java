package org.organ3d.net;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * How organ3d talks to a PACS: credentials, an extra CA certificate for TLS, the calling AE title
 * and timeouts.
 *
 * <p><b>Where credentials come from</b> (shared/CONTRACT.md): the environment variables
 * {@value #ENV_USER} + {@value #ENV_PASSWORD} (HTTP basic) or {@value #ENV_TOKEN} (bearer), and
 * {@value #ENV_CA} for a CA certificate file (PEM or DER); or a config file, a Java properties file
 * with the keys {@code user}, {@code password}, {@code token} and {@code ca}. The config file is
 * {@value #ENV_CONFIG} when set, else {@code $XDG_CONFIG_HOME/organ3d/pacs.properties}, else
 * {@code ~/.config/organ3d/pacs.properties}; it must be readable by its owner only (mode 600 or
 * 400), as ssh requires of private keys, else it is refused. Environment variables win over the file,
 * key by key. Never from command-line arguments, which every user of the machine can read in
 * {@code ps}.
 *
 * @param credentials    what to send (never printed: see {@link Credentials})
 * @param caFile         an extra trusted CA certificate file, or null for the system trust store only
 * @param callingAet     our AE title on DICOM associations
 * @param connectTimeout time allowed to connect (TCP, TLS and association negotiation)
 * @param idleTimeout    time allowed without any byte arriving while an answer is awaited or
 *                       streamed; a server that stalls longer is given up with a clear error
 */
public record PacsSettings(Credentials credentials, Path caFile, String callingAet, Duration connectTimeout,
        Duration idleTimeout) {

    /** HTTP basic user name. */
    public static final String ENV_USER = "ORGAN3D_PACS_USER";
    /** HTTP basic password. */
    public static final String ENV_PASSWORD = "ORGAN3D_PACS_PASSWORD";
    /** Bearer token. */
    public static final String ENV_TOKEN = "ORGAN3D_PACS_TOKEN";
    /** Extra CA certificate file for TLS. */
    public static final String ENV_CA = "ORGAN3D_PACS_CA";
    /** Config file to use instead of the default location. */
    public static final String ENV_CONFIG = "ORGAN3D_PACS_CONFIG";
    /** Default calling AE title. */
    public static final String DEFAULT_CALLING_AET = "ORGAN3D";

    public PacsSettings {
        Objects.requireNonNull(credentials);
        PacsServer.checkAet(callingAet, "calling");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** No credentials, system trust, AE title {@value #DEFAULT_CALLING_AET}, 30 s to connect, 120 s idle. */
    public static PacsSettings defaults() {
        return new PacsSettings(Credentials.none(), null, DEFAULT_CALLING_AET, Duration.ofSeconds(30),
                Duration.ofSeconds(120));
    }

    /** A copy with other credentials. */
    public PacsSettings withCredentials(Credentials c) {
        return new PacsSettings(c, caFile, callingAet, connectTimeout, idleTimeout);
    }

    /** A copy with another calling AE title. */
    public PacsSettings withCallingAet(String aet) {
        return new PacsSettings(credentials, caFile, aet, connectTimeout, idleTimeout);
    }

    /** A copy with another CA file (null: system trust only). */
    public PacsSettings withCaFile(Path ca) {
        return new PacsSettings(credentials, ca, callingAet, connectTimeout, idleTimeout);
    }

    /** A copy with other timeouts. */
    public PacsSettings withTimeouts(Duration connect, Duration idle) {
        return new PacsSettings(credentials, caFile, callingAet, connect, idle);
    }

    /** Settings from the process environment and the config file (see the class comment). */
    public static PacsSettings fromEnvironment() throws PacsException {
        return fromEnvironment(System.getenv());
    }

    /**
     * Settings from {@code env} (the environment variables) and the config file it leads to.
     *
     * @throws PacsException if the config file is unreadable, readable by others, or the values do
     *                       not make one kind of credentials (messages never contain the values)
     */
    public static PacsSettings fromEnvironment(Map<String, String> env) throws PacsException {
        Properties file = new Properties();
        Path config = configFile(env);
        String fileSource = null;
        if (config != null) {
            file = readConfig(config);
            fileSource = "the config file " + config;
        }
        String user = pick(env, ENV_USER, file, "user");
        String password = pick(env, ENV_PASSWORD, file, "password");
        String token = pick(env, ENV_TOKEN, file, "token");
        String ca = pick(env, ENV_CA, file, "ca");
        String source = describeSource(env, fileSource);
        Credentials c;
        try {
            if (token != null && (user != null || password != null)) {
                throw new PacsException("both a bearer token and a user/password are set (in " + source
                        + "): set either " + ENV_TOKEN + " or " + ENV_USER + " and " + ENV_PASSWORD);
            } else if (token != null) {
                c = Credentials.bearer(token, source);
            } else if (user != null && password != null) {
                c = Credentials.basic(user, password, source);
            } else if (user != null || password != null) {
                throw new PacsException((user == null ? ENV_USER + " (or 'user')" : ENV_PASSWORD + " (or 'password')")
                        + " is missing: HTTP basic needs both a user and a password (in " + source + ")");
            } else {
                c = Credentials.none();
            }
        } catch (IllegalArgumentException e) {
            throw new PacsException(e.getMessage());
        }
        Path caFile = null;
        if (ca != null) {
            caFile = Path.of(ca);
            if (!Files.isRegularFile(caFile)) {
                throw new PacsException("the CA certificate file " + caFile + " (" + ENV_CA + " or 'ca') does not exist");
            }
        }
        return defaults().withCredentials(c).withCaFile(caFile);
    }

    private static String describeSource(Map<String, String> env, String fileSource) {
        boolean inEnv = env.containsKey(ENV_USER) || env.containsKey(ENV_PASSWORD) || env.containsKey(ENV_TOKEN);
        if (inEnv && fileSource != null) {
            return "the environment and " + fileSource;
        }
        return inEnv ? "the environment" : fileSource == null ? "nowhere" : fileSource;
    }

    private static String pick(Map<String, String> env, String var, Properties file, String key) {
        String v = env.get(var);
        if (v == null || v.isEmpty()) {
            v = file.getProperty(key);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    /** The config file to read, or null when none exists at the default places. */
    static Path configFile(Map<String, String> env) throws PacsException {
        String explicit = env.get(ENV_CONFIG);
        if (explicit != null && !explicit.isEmpty()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new PacsException("the PACS config file " + p + " named by " + ENV_CONFIG + " does not exist");
            }
            return p;
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home == null ? null : Path.of(home, ".config");
        if (base == null) {
            return null;
        }
        Path p = base.resolve("organ3d").resolve("pacs.properties");
        return Files.isRegularFile(p) ? p : null;
    }

    private static Properties readConfig(Path config) throws PacsException {
        checkOwnerOnly(config);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // NB: Properties.load's messages can quote the malformed line, which may hold a secret
            throw new PacsException("cannot read the PACS config file " + config + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        for (String key : p.stringPropertyNames()) {
            if (!Set.of("user", "password", "token", "ca").contains(key)) {
                throw new PacsException("the PACS config file " + config + " has an unknown key '" + key
                        + "' (known: user, password, token, ca)");
            }
        }
        return p;
    }

    /**
     * Refuses a config file that others can read or write (where the file system has POSIX
     * permissions; elsewhere the file's ACLs are the user's business).
     */
    static void checkOwnerOnly(Path config) throws PacsException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(config);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new PacsException("cannot read the permissions of the PACS config file " + config + ": " + e.getMessage());
        }
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        others.retainAll(perms);
        if (!others.isEmpty()) {
            throw new PacsException("the PACS config file " + config + " holds credentials but others may access it ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "): run chmod 600 " + config);
        }
    }
}
