package org.organ3d.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code organ3d} command (see shared/CONTRACT.md): exit code 0 on success, 2 on bad usage, 1 on
 * failure with one error line on stderr naming the file and the cause.
 */
@Command(name = "organ3d", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "CT/MRI studies to measured 3D organ models.",
        subcommands = {InfoCommand.class, ConvertCommand.class, SegmentCommand.class, MeshCommand.class,
            MeasureCommand.class, ScreenCommand.class, ViewCommand.class, DemoCommand.class, FindCommand.class, PullCommand.class,
            PushCommand.class, CohortCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with organ3d's error handling (exit codes as in the contract). */
    public static CommandLine commandLine() {
        return withHandlers(new CommandLine(new Main()));
    }

    /**
     * The command line for {@code args}: when they start with a command's name only that command is
     * built, else all of them ({@link #commandLine()}: help, version, usage errors).
     * NB: picocli reads the annotations of every subcommand, its mixins and options when a command
     * line is built, about 0.2 s of CPU at start-up for all of organ3d's commands; a one-shot run
     * needs one.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
                Command cmd = c.getAnnotation(Command.class);
                if (cmd != null && cmd.name().equals(args[0])) {
                    CommandLine cl = new CommandLine(new OneCommand());
                    cl.addSubcommand(c);
                    return withHandlers(cl);
                }
            }
        }
        return commandLine();
    }

    /** The root of {@link #commandLine(String...)} with a single command: the same name, help and version. */
    @Command(name = "organ3d", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "CT/MRI studies to measured 3D organ models.")
    static final class OneCommand implements Runnable {
        @Override
        public void run() {
            // only reached without a command, which commandLine(String...) never builds this root for
        }
    }

    // NB: set after the subcommands are added: picocli passes handlers on to the subcommands it has then
    private static CommandLine withHandlers(CommandLine cl) {
        FailureHandler failures = new FailureHandler();
        cl.setExecutionExceptionHandler(failures);
        cl.setExecutionStrategy(failures);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("organ3d: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        // NB: the JDK HttpClient's buffers (16 KiB by default) cost a hand-off each; 256 KiB ones halve
        // the CPU time of a DICOMweb pull (0.8 -> 0.4 s per 100 MB here). Read once, at its first use.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
        }
        System.exit(commandLine(args).execute(args));
    }
}
