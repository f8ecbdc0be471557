package org.organ3d.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What every fuzz target (a Jazzer {@code @FuzzTest}) checks: a reader given hostile bytes either
 * returns, or throws the reader's typed checked exception with a message that names the file it was
 * given. Anything else is a finding: an unchecked exception or error (left to propagate, so that
 * Jazzer keys the finding by its own stack), an untyped {@link IOException} such as a bare
 * {@code EOFException}, or a message that does not name the file. Hangs and memory are bounded by
 * the fuzzer ({@code -timeout}, {@code -Xmx}).
 *
 * <p>Inputs that a reader takes from a path are written to one scratch folder per JVM (deleted at
 * exit), under a fixed name, so that a run costs a write into the page cache and no folder churn.
 * Not thread-safe: libFuzzer runs one input at a time.
 */
public final class HostileInputs {

    /** One read of hostile input; may throw anything. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    private static Path scratch;

    private HostileInputs() {
    }

    /** The scratch folder of this JVM (created on first use, deleted at exit). */
    public static synchronized Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("organ3d-fuzz-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = scratch;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return scratch;
    }

    /** Writes {@code content} to {@code relative} below the scratch folder (parents created) and returns it. */
    public static Path write(String relative, byte[] content) {
        Path p = scratch().resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Empties a folder below the scratch folder (created if absent) and returns it. */
    public static Path freshFolder(String relative) {
        Path p = scratch().resolve(relative);
        deleteTree(p);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Runs every fuzz target of {@code fuzzTests} once on the first file of its committed inputs
     * (outcome ignored), from a {@code @BeforeAll}: class loading, Jazzer's instrumentation and JIT
     * warm-up then happen before the fuzzer starts timing inputs, so that a loaded machine does not
     * turn the first input into a false time-out.
     */
    public static void warmUp(Class<?> fuzzTests) {
        for (java.lang.reflect.Method m : fuzzTests.getDeclaredMethods()) {
            boolean target = false;
            for (java.lang.annotation.Annotation a : m.getAnnotations()) {
                target |= a.annotationType().getName().equals("com.code_intelligence.jazzer.junit.FuzzTest");
            }
            if (!target || m.getParameterCount() != 1 || m.getParameterTypes()[0] != byte[].class) {
                continue;
            }
            byte[] seed = firstInput(fuzzTests, m.getName());
            try {
                java.lang.reflect.Constructor<?> c = fuzzTests.getDeclaredConstructor();
                c.setAccessible(true);
                m.setAccessible(true);
                m.invoke(c.newInstance(), (Object) seed);
            } catch (ReflectiveOperationException | RuntimeException | AssertionError e) {
                // NB: the outcome is the fuzzer's business; only the loading matters here
            }
        }
    }

    private static byte[] firstInput(Class<?> fuzzTests, String method) {
        java.net.URL u = fuzzTests.getResource(fuzzTests.getSimpleName() + "Inputs/" + method);
        if (u == null || !"file".equals(u.getProtocol())) {
            return new byte[0];
        }
        try (Stream<Path> s = Files.list(Path.of(u.toURI()))) {
            Path first = s.filter(Files::isRegularFile).sorted().findFirst().orElse(null);
            return first == null ? new byte[0] : Files.readAllBytes(first);
        } catch (IOException | java.net.URISyntaxException e) {
            return new byte[0];
        }
    }

    /**
     * Splits a fuzz input into a detached header and its data: the header is everything up to the
     * first blank line (ending with one newline), the data everything after the blank line.
     * Without a blank line it is all header.
     */
    public static byte[][] splitAtBlankLine(byte[] in) {
        for (int i = 0; i + 1 < in.length; i++) {
            if (in[i] == '\n' && in[i + 1] == '\n') {
                return new byte[][] {java.util.Arrays.copyOf(in, i + 1), java.util.Arrays.copyOfRange(in, i + 2, in.length)};
            }
        }
        return new byte[][] {in, new byte[0]};
    }

    /**
     * Runs {@code read}; a checked exception must be an instance of {@code typed} whose message names
     * {@code file} (its file name is enough), else an {@link AssertionError} is thrown with it as the
     * cause. Unchecked exceptions and errors propagate unchanged.
     */
    public static void readOrTypedError(Path file, Class<? extends Exception> typed, Read read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            checkTyped(file, typed, e);
        }
    }

    /** The check of {@link #readOrTypedError} on an exception already caught. */
    public static void checkTyped(Path file, Class<? extends Exception> typed, Exception e) {
        checkTyped(file.getFileName().toString(), typed, e);
    }

    /**
     * As {@link #readOrTypedError(Path, Class, Read)} for input that is not a file (a network answer,
     * a JSON text): the message must hold {@code source} (what the input was called, e.g. the server),
     * or, when {@code source} is null, merely say something.
     */
    public static void parseOrTypedError(String source, Class<? extends Exception> typed, Read read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            checkTyped(source, typed, e);
        }
    }

    private static void checkTyped(String name, Class<? extends Exception> typed, Exception e) {
        if (!typed.isInstance(e)) {
            throw new AssertionError("untyped error (" + e.getClass().getName() + ", expected a "
                    + typed.getSimpleName() + "): " + e.getMessage(), e);
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank() || name != null && !msg.contains(name)) {
            throw new AssertionError("error message does not name " + (name == null ? "the cause" : name) + ": " + msg, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // NB: best effort at exit; a leftover temp file is harmless
                }
            });
        } catch (IOException e) {
            // NB: as above
        }
    }
}
