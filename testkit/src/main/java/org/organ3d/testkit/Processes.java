package org.organ3d.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Child processes for cross-checks that cannot outlive their test: output is drained on its own
 * threads (no pipe deadlock), and a run past its timeout kills the process and its descendants and
 * fails the test (a timeout is a failure, never a skip).
 */
public final class Processes {

    /** Exit code, stdout and stderr of a finished process. */
    public record Run(int exit, String out, String err) {

        /** Fails the test, with both streams in the message, unless the exit code is 0. */
        public Run assertOk(String what) {
            if (exit != 0) {
                Assertions.fail(what + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return this;
        }
    }

    private Processes() {
    }

    /** Runs {@code command} in {@code dir} with stdin closed, waiting at most {@code timeout}. */
    public static Run run(List<String> command, Path dir, Duration timeout) {
        return run(command, dir, Map.of(), timeout);
    }

    /** As {@link #run(List, Path, Duration)} with extra environment variables. */
    public static Run run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                Assertions.fail("timed out after " + timeout.toSeconds() + " s (process killed): " + command);
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (IOException e) {
            kill(p);
            throw new UncheckedIOException(e);
        }
    }

    /** Kills a process and every descendant, waiting briefly for them to go. */
    public static void kill(Process p) {
        ProcessHandle h = p.toHandle();
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("(stream read failed: " + e.getMessage() + ")");
            }
        }, "process-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
