package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d mesh} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "mesh", mixinStandardHelpOptions = true, description = "Extract surfaces and write mesh files.")
final class MeshCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'mesh' is not implemented yet");
    }
}
