package org.organ3d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code organ3d segment} (shared/CONTRACT.md). Not implemented yet: fails with a clear message. */
@Command(name = "segment", mixinStandardHelpOptions = true, description = "Segment a volume into a label map.")
final class SegmentCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Arguments (see shared/CONTRACT.md).")
    List<String> args;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'segment' is not implemented yet");
    }
}
