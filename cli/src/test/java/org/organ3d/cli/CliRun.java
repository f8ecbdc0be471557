package org.organ3d.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the organ3d command line for tests: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

    /** Runs {@code organ3d args...} through {@link Main#commandLine()} and captures its output. */
    static CliRun run(String... args) {
        var cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
