package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code Main.commandLine(args)} builds only the command that the arguments name (start-up): it must
 * behave as the full command line for that command (help text, usage errors and their exit code), and
 * fall back to the full one for everything else.
 */
class OneCommandLineTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandAloneAsInTheFullCommandLine() {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            String name = c.getAnnotation(Command.class).name();
            CommandLine one = Main.commandLine(name, "--help");
            assertEquals(1, one.getSubcommands().size(), name);
            assertEquals(run(Main.commandLine(), name, "--help"), run(one, name, "--help"), name);
            assertEquals(run(Main.commandLine(), name, "--no-such-option"), run(Main.commandLine(name), name, "--no-such-option"),
                    name);
        }
    }

    @Test
    void othersGetTheFullCommandLine() {
        int all = Main.class.getAnnotation(Command.class).subcommands().length;
        assertEquals(all, Main.commandLine("--help").getSubcommands().size());
        assertEquals(all, Main.commandLine().getSubcommands().size());
        assertEquals(all, Main.commandLine("no-such-command").getSubcommands().size());
        Run r = run(Main.commandLine("no-such-command"), "no-such-command");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(run(Main.commandLine("--help"), "--help").out().contains("mesh"));
    }
}
