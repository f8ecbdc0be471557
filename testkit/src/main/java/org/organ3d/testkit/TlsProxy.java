package org.organ3d.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS in front of a plain local server, as a hospital puts nginx in front of its PACS: socat
 * (OpenSSL) listening on a free loopback port with a given certificate and key, forwarding each
 * connection to {@code 127.0.0.1:<target>}. Client certificates are not asked for.
 *
 * <p>{@link #close()} kills socat and its per-connection children; a JVM shutdown hook does too.
 * Callers check {@code ExternalTool.SOCAT.require()} first.
 */
public final class TlsProxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread hook;

    private TlsProxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.hook = new Thread(() -> Processes.kill(process), "socat-cleanup");
    }

    /**
     * Starts the proxy; waits until it listens (20 s at most).
     *
     * @param certificatePem PEM file with the server certificate followed by its private key
     * @param targetPort     the plain server's port on 127.0.0.1
     */
    public static TlsProxy start(Path certificatePem, int targetPort, Path log) throws IOException {
        int port = OrthancServer.freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(ExternalTool.SOCAT.command("socat").toString(),
                "OPENSSL-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,verify=0,cert=" + certificatePem,
                "TCP:127.0.0.1:" + targetPort));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        TlsProxy t = new TlsProxy(p, port, log);
        Runtime.getRuntime().addShutdownHook(t.hook);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return t;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        t.close();
        throw new IOException("socat did not listen on port " + port + ":\n" + t.log());
    }

    /** The port the proxy listens on (TLS). */
    public int port() {
        return port;
    }

    /** socat's output so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        Processes.kill(process);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // NB: the JVM is shutting down and runs the hook anyway
        }
    }
}
