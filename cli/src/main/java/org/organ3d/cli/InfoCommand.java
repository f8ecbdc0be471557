package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d info} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a study: format, size, geometry, statistics.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'info' is not implemented yet");
    }
}
