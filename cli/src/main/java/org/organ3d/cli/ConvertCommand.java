package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d convert <input> <output> [--json]} (shared/CONTRACT.md): reads any input organ3d
 * knows (DICOM, NIfTI, NRRD, MetaImage) and writes it in the format the output extension names,
 * keeping voxels and the voxel→patient geometry. {@code .seg.nrrd} outputs are label maps (Slicer
 * segments with the input's label names and colours); the input must then hold whole numbers in
 * 0..65535. JSON keys: {@code format} (of the output), {@code dimensions}, {@code out}, plus
 * {@code inputFormat} and {@code warnings}.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Write a volume or label map in another format, chosen by the output extension:",
            ".nii, .nii.gz, .nrrd, .nhdr, .seg.nrrd (label map with Slicer segments), .mha, .mhd."})
final class ConvertCommand implements Callable<Integer> {

    @Mixin
    Inputs input;

    @Parameters(index = "1", paramLabel = "<output>", description = "Output file; its extension picks the format.")
    Path output;

    @Option(names = "--json", description = "Print one JSON document (format, dimensions, out) on stdout.")
    boolean json;


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImageFormat writer = ImageFormats.all().stream().filter(f -> f.canWrite(output)).findFirst()
                .orElseThrow(() -> new UsageException("cannot tell the output format from " + output
                        + " (use .nii, .nii.gz, .nrrd, .nhdr, .seg.nrrd, .mha or .mhd)"));
        LoadedImage img = input.read();
        Volume v = img.volume();
        PrintWriter err = spec.commandLine().getErr();
        for (String w : Inputs.messages(img)) {
            err.println("organ3d convert: warning: " + w);
        }
        err.flush();
        writer.write(output, v, img.labels());
        String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("format", writer.name());
            ArrayNode d = o.putArray("dimensions");
            d.add(v.nx()).add(v.ny()).add(v.nz());
            o.put("out", output.toAbsolutePath().normalize().toString());
            o.put("inputFormat", img.format());
            o.put("labelMap", outName.endsWith(".seg.nrrd") || !img.labels().isEmpty());
            ArrayNode w = o.putArray("warnings");
            Inputs.messages(img).forEach(w::add);
            Json.print(out, o);
        } else {
            out.printf("%s: %s %s %s -> %s (%s)%n", input, img.format(), v.dimensions(), v.type().label(), output, writer.name());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
