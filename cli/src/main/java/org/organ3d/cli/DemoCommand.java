package org.organ3d.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.organ3d.cli.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code organ3d demo [--out DIR]} (shared/CONTRACT.md). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the end-to-end demo on the bundled phantom study: generate (or reuse) a synthetic",
            "abdominal CT with known truths, read it back from DICOM, segment, mesh, smooth, measure,",
            "export (GLB, STL, NIfTI, JSON, CSV) and print measured versus true values."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "organ3d-demo",
            description = "Output folder (the study is cached in DIR/study). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--small", description = "Use the small 128x128x100 variant (fast).")
    boolean small;

    @Mixin
    BackendOption backend;

    @Option(names = "--no-picture", description = "Do not render a picture even when a display exists.")
    boolean noPicture;

    @Override
    public Integer call() throws Exception {
        DemoRun run = new DemoRun(new DemoRun.Options(out, small, backend.name, !noPicture));
        run.run(spec.commandLine().getOut(), spec.commandLine().getErr(), DemoPicture.fromViewer());
        return ExitCodes.OK;
    }
}
