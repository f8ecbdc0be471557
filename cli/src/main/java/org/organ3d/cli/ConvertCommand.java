package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d convert} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Write a volume or label map in another format.")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'convert' is not implemented yet");
    }
}
