package org.organ3d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns whatever a command throws into one error line on stderr naming the input, and exit code 1
 * (2 for {@link UsageException}): shared/CONTRACT.md. A typed error's message already names the
 * file and the cause; any other exception (a defect), an {@link OutOfMemoryError} or another
 * {@link Error} is still one line that names the input and says what happened in the user's terms.
 * No stack trace reaches stderr; with the environment variable {@code ORGAN3D_DEBUG_LOG=FILE} the
 * stack is appended to FILE (and {@code -Dorgan3d.debug=true} prints it to stderr, for developers).
 *
 * <p>Also the execution strategy: picocli hands exceptions to {@link #handleExecutionException} but
 * lets errors escape {@code execute}; {@link #execute} catches them too.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IExecutionStrategy {

    /** Environment variable naming the file that receives stack traces. */
    static final String DEBUG_LOG = "ORGAN3D_DEBUG_LOG";

    private final CommandLine.IExecutionStrategy inner = new CommandLine.RunLast();

    @Override
    public int execute(CommandLine.ParseResult parsed) {
        try {
            return inner.execute(parsed);
        } catch (CommandLine.ExecutionException | CommandLine.ParameterException e) {
            throw e;
        } catch (VirtualMachineError | LinkageError | AssertionError e) {
            return report(e, leaf(parsed).commandSpec().commandLine(), parsed);
        }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(ex, cl, parsed);
    }

    private static CommandLine.ParseResult leaf(CommandLine.ParseResult p) {
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p;
    }

    private static int report(Throwable ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String input = parsed == null ? null : input(leaf(parsed));
        boolean usage = ex instanceof UsageException;
        String line = usage ? message(ex) : "error: " + describe(ex, input);
        String log = System.getenv(DEBUG_LOG);
        if (!usage && log != null && !log.isBlank()) {
            line += " (stack in " + log + ")";
            writeStack(Path.of(log), cl, ex);
        }
        err.println("organ3d " + cl.getCommandName() + ": " + line);
        if (Boolean.getBoolean("organ3d.debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return usage ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /** The user's terms: a typed error as it is (prefixed with the input unless it names it), others explained. */
    static String describe(Throwable ex, String input) {
        String what;
        if (ex instanceof OutOfMemoryError) {
            what = "out of memory: the Java heap is too small for this input (raise it, e.g. ORGAN3D_JAVA_OPTS=-Xmx16g)";
        } else if (ex instanceof StackOverflowError) {
            what = "internal error: stack overflow (please report it with the input)";
        } else if (ex instanceof FileSystemException fs) {
            // NB: the operating system's refusals name their own file (often not the input: an output, a
            // temporary file beside it) and may carry no reason at all (AccessDeniedException: the bare path)
            return fileSystemMessage(fs);
        } else if (ex instanceof IOException) {
            what = message(ex);
        } else {
            what = "internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                    + " (a defect in organ3d; please report it with the input)";
        }
        if (input == null || names(what, input)) {
            return what;
        }
        return input + ": " + what;
    }

    private static boolean names(String msg, String input) {
        Path p;
        try {
            p = Path.of(input).getFileName();
        } catch (RuntimeException e) {
            p = null;
        }
        String name = p == null ? null : p.toString();
        return msg.contains(input) || name != null && (msg.startsWith(name) || msg.contains("/" + name)
                || msg.contains(java.io.File.separator + name));
    }

    private static String fileSystemMessage(FileSystemException fs) {
        String reason = fs.getReason();
        if (reason != null && !reason.isBlank()) {
            return message(fs);
        }
        String why;
        if (fs instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (fs instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (fs instanceof FileAlreadyExistsException) {
            why = "already exists";
        } else if (fs instanceof NotDirectoryException) {
            why = "not a folder";
        } else if (fs instanceof DirectoryNotEmptyException) {
            why = "folder not empty";
        } else {
            why = fs.getClass().getSimpleName();
        }
        return message(fs) + ": " + why;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m.strip().replace('\n', ' ');
    }

    /** The first positional argument of the command (its input), or null. */
    private static String input(CommandLine.ParseResult parsed) {
        List<CommandLine.Model.PositionalParamSpec> pos = parsed.matchedPositionals();
        if (pos.isEmpty()) {
            return null;
        }
        List<String> values = pos.get(0).stringValues();
        return values.isEmpty() ? null : values.get(0);
    }

    private static void writeStack(Path log, CommandLine cl, Throwable ex) {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            w.println(Instant.now() + " organ3d " + cl.getCommandName());
            ex.printStackTrace(w);
        }
        try {
            Files.writeString(log, s.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // NB: the one error line still goes out; the log is a courtesy
        }
    }
}
