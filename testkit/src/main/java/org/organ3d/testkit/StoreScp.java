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
 * dcmtk's {@code storescp} as an independent DICOM peer for tests: a storage SCP (and verification
 * SCP) on a free port that writes what it receives bit-preserving ({@code +B}: the dataset exactly
 * as it came over the network) into a folder, accepting every transfer syntax dcmtk knows.
 *
 * <p>{@link #close()} kills it; a JVM shutdown hook does too. Callers check
 * {@code ExternalTool.DCMTK.require()} first.
 */
public final class StoreScp implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String aet;
    private final Path folder;
    private final Path log;
    private final Thread hook;

    private StoreScp(Process process, int port, String aet, Path folder, Path log) {
        this.process = process;
        this.port = port;
        this.aet = aet;
        this.folder = folder;
        this.log = log;
        this.hook = new Thread(() -> Processes.kill(process), "storescp-cleanup");
    }

    /** Starts storescp with AE title {@code aet}, storing into {@code folder}; waits until it listens (20 s at most). */
    public static StoreScp start(Path folder, String aet) throws IOException {
        Files.createDirectories(folder);
        int port = OrthancServer.freePort();
        Path log = folder.resolveSibling(folder.getFileName() + "-storescp.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(ExternalTool.DCMTK.command("storescp").toString(), "-aet", aet,
                "-od", folder.toString(), "+B", "+xa", "-dhl", "-ta", "10", "-td", "30", Integer.toString(port)));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        StoreScp s = new StoreScp(p, port, aet, folder, log);
        Runtime.getRuntime().addShutdownHook(s.hook);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                s.close();
                throw new IOException("storescp exited at start:\n" + s.log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return s;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        s.close();
        throw new IOException("storescp did not listen on port " + port + " within 20 s:\n" + s.log());
    }

    /** The address {@code dicom://AET@127.0.0.1:port}. */
    public String dicomUrl() {
        return "dicom://" + aet + "@127.0.0.1:" + port;
    }

    /** The folder received files land in. */
    public Path folder() {
        return folder;
    }

    /** storescp's output so far. */
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
