package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d view} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "view", mixinStandardHelpOptions = true, description = "Open the stereo 3D viewer.")
final class ViewCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'view' is not implemented yet");
    }
}
