package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d demo} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the end-to-end demo on the bundled phantom study.")
final class DemoCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'demo' is not implemented yet");
    }
}
