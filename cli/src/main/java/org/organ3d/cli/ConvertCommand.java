package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.EncapsulatedStlWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.rtstruct.RtStructWriter;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d convert <input> <output> [--json]} (shared/CONTRACT.md): reads any input organ3d
 * knows (DICOM incl. SEG and RTSTRUCT, NIfTI, NRRD, MetaImage) and writes it in the format the
 * output extension names, keeping voxels and the voxel→patient geometry. {@code .seg.nrrd} outputs
 * are label maps (Slicer segments with the input's label names and colours); the input must then
 * hold whole numbers in 0..65535. With {@code --as seg|labelmap-seg|rtstruct --reference <series>}
 * the label map is written as a DICOM object citing that series (docs/clinical.md); with
 * {@code --as encapsulated-stl --reference <series>} the input is an STL surface in that series'
 * LPS coordinates, written as a DICOM Encapsulated STL in its study and frame of reference. JSON keys:
 * {@code format} (of the output), {@code dimensions}, {@code out}, plus {@code inputFormat},
 * {@code labelMap}, {@code warnings}, and for DICOM outputs {@code sopClassUID},
 * {@code sopInstanceUID}, {@code seriesInstanceUID}, {@code studyInstanceUID},
 * {@code referencedSeriesInstanceUID}, {@code segments} and {@code frames} (contours for RTSTRUCT).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Write a volume or label map in another format, chosen by the output extension:",
            ".nii, .nii.gz, .nrrd, .nhdr, .seg.nrrd (label map with Slicer segments), .mha, .mhd;",
            "or, with --as and --reference, as a DICOM SEG, label map SEG or RTSTRUCT citing that series;",
            "or an STL surface (LPS) as a DICOM Encapsulated STL in that series' study (--as encapsulated-stl)."})
final class ConvertCommand implements Callable<Integer> {

    @Mixin
    Inputs input;

    @Parameters(index = "1", paramLabel = "<output>", description = "Output file; its extension picks the format (or --as).")
    Path output;

    @Option(names = "--as", paramLabel = "seg|labelmap-seg|rtstruct|encapsulated-stl",
            description = "Write the label map as a DICOM object on the grid of --reference: a binary SEG (one frame per "
                + "label and slice), a label map SEG (Supplement 243) or an RT Structure Set (contours); or write an "
                + "STL surface in the LPS coordinates of --reference as a DICOM Encapsulated STL in that series' study.")
    String as;

    @Option(names = "--contour-tolerance", paramLabel = "MM",
            description = "--as rtstruct: simplify each contour so that no dropped vertex lies farther than MM from it "
                + "(default 0: every marching-squares vertex, an exact round trip).")
    Double contourTolerance;

    @Option(names = "--json", description = "Print one JSON document (format, dimensions, out) on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (as != null) {
            return writeDicom();
        }
        ImageFormat writer = ImageFormats.all().stream().filter(f -> f.canWrite(output)).findFirst()
                .orElseThrow(() -> new UsageException("cannot tell the output format from " + output
                        + " (use .nii, .nii.gz, .nrrd, .nhdr, .seg.nrrd, .mha or .mhd; for DICOM, --as seg|labelmap-seg|rtstruct "
                        + "--reference <series>)"));
        LoadedImage img = input.read();
        Volume v = img.volume();
        warn(Inputs.messages(img));
        writer.write(output, v, img.labels());
        String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = common(img, writer.name());
            o.put("labelMap", outName.endsWith(".seg.nrrd") || !img.labels().isEmpty());
            Json.print(out, o);
        } else {
            out.printf("%s: %s %s %s -> %s (%s)%n", input, img.format(), v.dimensions(), v.type().label(), output, writer.name());
            out.flush();
        }
        return ExitCodes.OK;
    }

    private Integer writeDicom() throws IOException {
        String kind = as.toLowerCase(Locale.ROOT);
        if (kind.equals("encapsulated-stl")) {
            return writeEncapsulatedStl();
        }
        if (!kind.equals("seg") && !kind.equals("labelmap-seg") && !kind.equals("rtstruct")) {
            throw new UsageException("--as takes seg, labelmap-seg, rtstruct or encapsulated-stl, not '" + as + "'");
        }
        if (contourTolerance != null && !kind.equals("rtstruct")) {
            throw new UsageException("--contour-tolerance applies to --as rtstruct");
        }
        if (contourTolerance != null && !(contourTolerance >= 0 && contourTolerance <= 10)) {
            throw new UsageException("--contour-tolerance takes 0..10 mm, not " + contourTolerance);
        }
        Path refPath = input.reading.reference;
        if (refPath == null) {
            throw new UsageException("--as " + kind + " needs --reference <series>: the DICOM image series the labels were "
                    + "drawn on (its Patient, Study and Frame of Reference are copied)");
        }
        ReferencedSeries ref = ReferencedSeries.read(refPath, input.reading.options().toBuilder().reference(null).build());
        LoadedImage img = input.readForOutput();
        warn(Inputs.messages(img));
        for (ReadWarning w : ref.warnings()) {
            warn(java.util.List.of("reference " + w.messageFor(refPath)));
        }
        LabelMap map = ref.onGrid(img.asLabelMap(), img.source());
        WrittenInstance w = switch (kind) {
            case "seg" -> SegWriter.write(map, ref, SegWriter.Options.binary(), output);
            case "labelmap-seg" -> SegWriter.write(map, ref, SegWriter.Options.labelMap(), output);
            default -> RtStructWriter.write(map, ref, RtStructWriter.Options.defaults()
                    .withMaxDeviation(contourTolerance == null ? 0 : contourTolerance), output);
        };
        String format = kind.equals("rtstruct") ? "dicom-rtstruct" : "dicom-seg";
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = common(img, format);
            o.put("labelMap", true);
            o.put("sopClassUID", w.sopClassUID());
            o.put("sopInstanceUID", w.sopInstanceUID());
            o.put("seriesInstanceUID", w.seriesInstanceUID());
            o.put("studyInstanceUID", w.studyInstanceUID());
            o.put("referencedSeriesInstanceUID", ref.seriesInstanceUID());
            o.put("segments", w.items());
            o.put("frames", w.frames());
            Json.print(out, o);
        } else {
            out.printf("%s: %s %s -> %s (%s, %d %s, %d %s, SOP Instance %s)%n", input, img.format(), map.dimensions(),
                    output, format, w.items(), kind.equals("rtstruct") ? "ROIs" : "segments", w.frames(),
                    kind.equals("rtstruct") ? "contours" : "frames", w.sopInstanceUID());
            out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * {@code --as encapsulated-stl}: the input is an STL in the patient coordinates (LPS mm) of the
     * {@code --reference} series; JSON {@code dimensions} are that series' grid.
     */
    private Integer writeEncapsulatedStl() throws IOException {
        if (contourTolerance != null) {
            throw new UsageException("--contour-tolerance applies to --as rtstruct");
        }
        if (input.series != null) {
            throw new UsageException("--series does not apply to --as encapsulated-stl (the input is an STL file; "
                    + "give --reference the series' own folder or file)");
        }
        if (RemoteInputs.isUrl(input.location)) {
            throw new UsageException("--as encapsulated-stl takes a local .stl file, not a URL");
        }
        Path stl = input.path();
        Path refPath = input.reading.reference;
        if (refPath == null) {
            throw new UsageException("--as encapsulated-stl needs --reference <series>: the DICOM image series the surface "
                    + "was made from, in whose patient coordinates (LPS) it lies (its Patient, Study and Frame of Reference "
                    + "are copied)");
        }
        ReferencedSeries ref = ReferencedSeries.read(refPath, input.reading.options().toBuilder().reference(null).build());
        for (ReadWarning w : ref.warnings()) {
            warn(java.util.List.of("reference " + w.messageFor(refPath)));
        }
        if (EncapsulatedStlWriter.statedFrame(stl).isEmpty()) {
            warn(java.util.List.of(stl + " does not state its coordinate frame (no SPACE=LPS in its header): taken to be "
                    + "the LPS patient coordinates of the reference series"));
        }
        WrittenInstance w = EncapsulatedStlWriter.write(stl, ref, EncapsulatedStlWriter.Options.defaults(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("format", "dicom-encapsulated-stl");
            ArrayNode d = o.putArray("dimensions");
            d.add(ref.dimensions().nx()).add(ref.dimensions().ny()).add(ref.dimensions().nz());
            o.put("out", output.toAbsolutePath().normalize().toString());
            o.put("inputFormat", "stl");
            o.putArray("warnings");
            o.put("sopClassUID", w.sopClassUID());
            o.put("sopInstanceUID", w.sopInstanceUID());
            o.put("seriesInstanceUID", w.seriesInstanceUID());
            o.put("studyInstanceUID", w.studyInstanceUID());
            o.put("referencedSeriesInstanceUID", ref.seriesInstanceUID());
            o.put("frameOfReferenceUID", ref.frameOfReferenceUID());
            o.put("triangles", w.frames());
            Json.print(out, o);
        } else {
            out.printf("%s: STL, %d triangles -> %s (dicom-encapsulated-stl in series %s's frame of reference, SOP Instance %s)%n",
                    stl, w.frames(), output, ref.seriesInstanceUID(), w.sopInstanceUID());
            out.flush();
        }
        return ExitCodes.OK;
    }

    private ObjectNode common(LoadedImage img, String format) {
        Volume v = img.volume();
        ObjectNode o = Json.object();
        o.put("format", format);
        ArrayNode d = o.putArray("dimensions");
        d.add(v.nx()).add(v.ny()).add(v.nz());
        o.put("out", output.toAbsolutePath().normalize().toString());
        o.put("inputFormat", img.format());
        ArrayNode w = o.putArray("warnings");
        Inputs.messages(img).forEach(w::add);
        return o;
    }

    private void warn(java.util.List<String> messages) {
        PrintWriter err = spec.commandLine().getErr();
        for (String w : messages) {
            err.println("organ3d convert: warning: " + w);
        }
        err.flush();
    }
}
