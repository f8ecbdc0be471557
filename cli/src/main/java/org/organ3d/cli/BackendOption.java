package org.organ3d.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.organ3d.compute.BackendUnavailableException;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import picocli.CommandLine.Option;

/**
 * {@code --backend auto|java|opencl} (shared/CONTRACT.md, second wave) as a picocli mixin for every
 * command that computes. {@link #open} selects the backend; its notices (auto passed over an
 * unavailable backend, a pass that fell back to Java) go to stderr as single lines
 * {@code organ3d <command>: note: ...}, never as a logging record and never on stdout.
 * {@link #ran} names the backend that actually ran, for the JSON's {@code backend} key.
 */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "auto|java|opencl", defaultValue = "auto",
            description = "Compute backend: auto (a GPU through OpenCL when present, else Java), java or opencl "
                + "(fails when OpenCL cannot run). Default: ${DEFAULT-VALUE}.")
    String name;

    /**
     * The backend asked for, notices printed to {@code err} as {@code organ3d <command>: note: ...}.
     * The caller closes it.
     *
     * @throws UsageException for a name that is not auto, java or opencl
     * @throws BackendUnavailableException when a named backend cannot run here (exit 1 with the reason)
     */
    ComputeBackend open(String command, PrintWriter err) {
        String want = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (!want.equals("auto") && !want.equals("java") && !want.equals("opencl")) {
            throw new UsageException("--backend must be auto, java or opencl, not '" + name + "'");
        }
        return ComputeBackends.select(want, msg -> {
            // NB: one line, whatever the message holds (a driver's error text may span lines).
            err.println("organ3d " + command + ": note: " + msg.replaceAll("\\s*\\R\\s*", " "));
            err.flush();
        });
    }

    /** The name of the backend that ran every pass so far (the fallback's when one fell back). */
    static String ran(ComputeBackend backend) {
        return ComputeBackends.ranOn(backend);
    }
}
