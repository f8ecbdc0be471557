package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.organ3d.net.PacsClient;
import org.organ3d.net.PushResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d push <server> FILE... [--json]} (shared/CONTRACT.md, PACS): stores DICOM Part 10
 * files (a folder stands for the files below it) over DICOMweb (STOW-RS) or C-STORE, each in its own
 * transfer syntax. JSON {@code stored} (SOP Instance UIDs) and {@code failed} [{@code file},
 * {@code sopInstanceUID}, {@code reason}]. Exit 1 when any file was not stored (after the JSON).
 */
@Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Store DICOM files (e.g. SEG, RTSTRUCT, SR written by organ3d) on a PACS (DICOMweb STOW-RS or C-STORE).")
final class PushCommand implements Callable<Integer> {

    @Mixin
    PacsConnection connection;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "DICOM files, or folders of them.")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> all = new ArrayList<>();
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.walk(f)) {
                    s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                            .forEach(all::add);
                }
            } else if (Files.isRegularFile(f)) {
                all.add(f);
            } else {
                throw new UsageException("no such file or folder: " + f);
            }
        }
        if (all.isEmpty()) {
            throw new UsageException("no files to push in " + files);
        }
        PrintWriter err = spec.commandLine().getErr();
        TransferMeter meter = new TransferMeter(err, "push");
        PushResult r;
        try (PacsClient c = connection.open()) {
            r = c.push(all, meter);
        }
        err.println("organ3d push: note: " + meter.summary());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("server", connection.parsedServer().toString());
            ArrayNode s = o.putArray("stored");
            r.stored().forEach(s::add);
            ArrayNode f = o.putArray("failed");
            for (PushResult.Failure x : r.failed()) {
                ObjectNode n = f.addObject();
                n.put("file", x.file().toString());
                n.put("sopInstanceUID", x.sopInstanceUID());
                n.put("reason", x.reason());
            }
            Json.print(out, o);
        } else {
            out.printf("stored %d of %d file(s)%n", r.stored().size(), all.size());
            out.flush();
        }
        if (!r.failed().isEmpty()) {
            for (PushResult.Failure x : r.failed()) {
                err.println("organ3d push: note: not stored: " + x.file() + ": " + x.reason());
            }
            err.println("organ3d push: error: " + r.failed().size() + " of " + all.size() + " file(s) were not stored (first: "
                    + r.failed().get(0).file() + ": " + r.failed().get(0).reason() + ")");
            err.flush();
            return ExitCodes.FAILURE;
        }
        err.flush();
        return ExitCodes.OK;
    }
}
