package org.organ3d.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PACS for integration tests: Debian's Orthanc with its DICOMweb plugin, started with a JSON
 * configuration written here — storage in a test folder, HTTP and DICOM on free ports, remote HTTP
 * access refused, basic authentication with one registered user, DICOM operations allowed only to
 * the AE titles registered at 127.0.0.1 ({@code DicomCheckModalityHost}).
 *
 * <p>// NB: Orthanc 1.10 has no bind-address option (it listens on every interface); remote HTTP is
 * refused by {@code RemoteAccessAllowed: false} and remote DICOM peers by the host check. Its own
 * HTTPS ({@code SslEnabled}) crashes Debian 12's build on the first request (civetweb with OpenSSL 3,
 * exit 139), so TLS tests put {@link TlsProxy} in front of it, as a hospital would put nginx.
 *
 * <p><b>Cleanup.</b> {@link #close()} kills the server; a JVM shutdown hook kills it too, so a failing
 * or interrupted test run leaves no server behind. Callers check {@code ExternalTool.ORTHANC.require()}
 * first. The REST helpers ({@link #upload}, {@link #instanceFile}) use Orthanc's own API, independent
 * of organ3d's DICOMweb and DIMSE code, so they can serve as witnesses.
 */
public final class OrthancServer implements AutoCloseable {

    /** Where Debian's orthanc-dicomweb puts the plugin. */
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    /**
     * How to start the server.
     *
     * @param user     the registered user
     * @param password its password
     * @param peers    AE title of each DICOM peer allowed to echo, find, get and store
     */
    public record Options(String user, String password, List<String> peers) {
        public Options {
            peers = List.copyOf(peers);
        }
    }

    private final Path dir;
    private final Options options;
    private final int httpPort;
    private final int dicomPort;
    private final HttpClient rest;
    private Process process;
    private final Thread hook;

    private OrthancServer(Path dir, Options options, int httpPort, int dicomPort) {
        this.dir = dir;
        this.options = options;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.rest = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.hook = new Thread(this::kill, "orthanc-cleanup");
    }

    /** Starts Orthanc with storage under {@code dir}; waits until its HTTP port answers (30 s at most). */
    public static OrthancServer start(Path dir, Options options) throws IOException {
        OrthancServer s = new OrthancServer(dir, options, freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(s.hook);
        s.launch();
        return s;
    }

    private void launch() throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, config());
        ProcessBuilder pb = new ProcessBuilder(ExternalTool.ORTHANC.command("Orthanc").toString(), config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("orthanc.log").toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited at start (" + process.exitValue() + "):\n" + log());
            }
            try {
                HttpResponse<String> r = rest.send(get("/system").build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // NB: not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Orthanc", e);
            }
            sleep(100);
        }
        kill();
        throw new IOException("Orthanc did not answer on port " + httpPort + " within 30 s:\n" + log());
    }

    private String config() {
        StringBuilder peers = new StringBuilder();
        for (String aet : options.peers()) {
            if (peers.length() > 0) {
                peers.append(",\n");
            }
            peers.append("    \"").append(aet.toLowerCase()).append("\": {\"AET\": \"").append(aet)
                    .append("\", \"Host\": \"127.0.0.1\", \"Port\": 1, \"AllowEcho\": true, \"AllowFind\": true, "
                            + "\"AllowGet\": true, \"AllowMove\": false, \"AllowStore\": true}");
        }
        return "{\n"
                + "  \"Name\": \"organ3d-test\",\n"
                + "  \"StorageDirectory\": " + quote(dir.resolve("db").toString()) + ",\n"
                + "  \"IndexDirectory\": " + quote(dir.resolve("db").toString()) + ",\n"
                + "  \"Plugins\": [" + quote(DICOMWEB_PLUGIN.toString()) + "],\n"
                + "  \"HttpPort\": " + httpPort + ",\n"
                + "  \"DicomPort\": " + dicomPort + ",\n"
                + "  \"DicomAet\": \"ORTHANC\",\n"
                + "  \"DicomCheckCalledAet\": true,\n"
                + "  \"RemoteAccessAllowed\": false,\n"
                + "  \"AuthenticationEnabled\": true,\n"
                + "  \"RegisteredUsers\": {" + quote(options.user()) + ": " + quote(options.password()) + "},\n"
                + "  \"SslEnabled\": false,\n"
                + "  \"HttpCompressionEnabled\": false,\n"
                + "  \"StorageCompression\": false,\n"
                + "  \"OrthancExplorerEnabled\": false,\n"
                + "  \"WebDavEnabled\": false,\n"
                + "  \"SaveJobs\": false,\n"
                + "  \"DicomAlwaysAllowEcho\": false,\n"
                + "  \"DicomAlwaysAllowStore\": false,\n"
                + "  \"DicomAlwaysAllowFind\": false,\n"
                + "  \"DicomAlwaysAllowGet\": false,\n"
                + "  \"DicomAlwaysAllowMove\": false,\n"
                + "  \"DicomCheckModalityHost\": true,\n"
                + "  \"DicomModalities\": {\n" + peers + "\n  },\n"
                + "  \"DicomWeb\": {\"Enable\": true, \"Root\": \"/dicom-web/\", \"EnableWado\": false}\n"
                + "}\n";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The HTTP port. */
    public int httpPort() {
        return httpPort;
    }

    /** The DICOM port. */
    public int dicomPort() {
        return dicomPort;
    }

    /** The DICOMweb base URL {@code http://127.0.0.1:port/dicom-web}. */
    public String dicomWebUrl() {
        return "http://127.0.0.1:" + httpPort + "/dicom-web";
    }

    /** The DICOM address {@code dicom://ORTHANC@127.0.0.1:port}. */
    public String dicomUrl() {
        return "dicom://ORTHANC@127.0.0.1:" + dicomPort;
    }

    /** True while the server process runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stores a file through Orthanc's REST API ({@code POST /instances}); fails the test on error. */
    public void upload(Path file) throws IOException {
        HttpRequest r = post("/instances").header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> resp = send(r);
        if (resp.statusCode() != 200) {
            throw new IOException("Orthanc refused " + file + ": HTTP " + resp.statusCode() + " " + resp.body());
        }
    }

    /** The stored file of an instance, through the REST API ({@code /tools/lookup}, {@code /instances/id/file}). */
    public byte[] instanceFile(String sopInstanceUID) throws IOException {
        HttpResponse<String> look = send(post("/tools/lookup").POST(HttpRequest.BodyPublishers.ofString(sopInstanceUID)).build());
        Matcher m = Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"").matcher(look.body());
        if (look.statusCode() != 200 || !m.find()) {
            throw new IOException("Orthanc does not know instance " + sopInstanceUID + ": " + look.body());
        }
        try {
            HttpRequest fileRequest = get("/instances/" + m.group(1) + "/file").build();
            HttpResponse<byte[]> f;
            try {
                f = rest.send(fileRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                f = rest.send(fileRequest, HttpResponse.BodyHandlers.ofByteArray());
            }
            if (f.statusCode() != 200) {
                throw new IOException("Orthanc: HTTP " + f.statusCode() + " for the file of " + sopInstanceUID);
            }
            return f.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The number of instances stored ({@code /statistics}). */
    public int instanceCount() throws IOException {
        HttpResponse<String> r = send(get("/statistics").build());
        Matcher m = Pattern.compile("\"CountInstances\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (!m.find()) {
            throw new IOException("no CountInstances in " + r.body());
        }
        return Integer.parseInt(m.group(1));
    }

    /** Kills the server at once (SIGKILL), as a crash would; {@link #restart()} brings it back. */
    public void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            Processes.kill(p);
        }
    }

    /** Starts the server again on the same ports and storage (after {@link #kill()}). */
    public void restart() throws IOException {
        kill();
        launch();
    }

    /** The server's log. */
    public String log() {
        try {
            return Files.readString(dir.resolve("orthanc.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // NB: the JVM is shutting down and runs the hook anyway
        }
    }

    private HttpRequest.Builder get(String path) {
        return auth(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))).GET();
    }

    private HttpRequest.Builder post(String path) {
        return auth(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)));
    }

    private HttpRequest.Builder auth(HttpRequest.Builder b) {
        String token = Base64.getEncoder().encodeToString((options.user() + ":" + options.password())
                .getBytes(StandardCharsets.UTF_8));
        return b.timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + token);
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException {
        try {
            try {
                return rest.send(r, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // NB: Orthanc may close a kept-alive connection just as the client reuses it; once more
                return rest.send(r, HttpResponse.BodyHandlers.ofString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A TCP port that was free a moment ago (on the loopback interface). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Environment entries for a child process that should authenticate as the registered user. */
    public Map<String, String> credentialsEnvironment() {
        return Map.of("ORGAN3D_PACS_USER", options.user(), "ORGAN3D_PACS_PASSWORD", options.password());
    }
}
