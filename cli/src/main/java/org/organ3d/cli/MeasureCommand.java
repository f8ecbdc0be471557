package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d measure} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "measure", mixinStandardHelpOptions = true, description = "Measure every label of a label map.")
final class MeasureCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'measure' is not implemented yet");
    }
}
