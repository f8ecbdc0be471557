package org.organ3d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.ReferencingFormat;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command's {@code <input>}, {@code --series} and the reading flags (shared/CONTRACT.md,
 * "Inputs" and "Clinical objects": {@code --strict}, {@code --reference}), as a picocli mixin: info, convert, segment and mesh take the same first parameter and
 * read it the same way. This class is the one place where the commands turn an input path into a
 * {@link LoadedImage}, always through {@link ReadOptions} ({@link #read(Path, ReadOptions)}); measure
 * reads its label map and image through {@link Reading}.
 */
final class Inputs {

    @Parameters(index = "0", paramLabel = "<input>",
            description = {"DICOM folder or file (incl. SEG and RTSTRUCT), .nii, .nii.gz, .nrrd, .nhdr, .seg.nrrd, .mha or .mhd,",
                "or a DICOMweb series URL <base>/studies/<uid>/series/<uid> (read through a local cache)."})
    String location;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--series", paramLabel = "UID",
            description = "DICOM folder: use this Series Instance UID instead of the largest series.")
    String series;

    @Mixin
    Reading reading = new Reading();

    /** The reading flags every command that reads images takes. */
    static final class Reading {

        @Option(names = "--strict", description = "Refuse an irregular input instead of warning: missing, unreadable or "
                + "duplicated slices, uneven spacing, mixed orientation, positions off the stack's line, assumed or "
                + "inconsistent geometry.")
        boolean strict;

        @Option(names = "--reference", paramLabel = "<series>",
                description = "DICOM SEG or RTSTRUCT input: the image series (folder or file) it was drawn on, whose grid "
                    + "the labels take (default: the series it cites, looked for in the file's own folder).")
        Path reference;

        @Option(names = "--data-files-outside-folder", description = "Let a detached header (.nhdr, .mhd) name a data "
                + "file outside its own folder (absolute or with ..); refused by default, as a crafted header could "
                + "read any file.")
        boolean dataFilesOutsideFolder;

        /** The options these flags give. */
        ReadOptions options() {
            return ReadOptions.builder().strict(strict).reference(reference).dataFilesOutsideFolder(dataFilesOutsideFolder)
                    .build();
        }

        /**
         * Reads {@code input} (any format) with these flags.
         *
         * @throws UsageException if {@code --reference} is given and {@code input} is not a SEG or RTSTRUCT
         */
        LoadedImage read(Path input) throws IOException {
            checkReference(input);
            return Inputs.read(input, options());
        }

        /** Refuses a {@code --reference} for an input that cites no series. */
        void checkReference(Path input) {
            if (reference != null && !ReferencingFormat.claims(input)) {
                throw new UsageException("--reference applies to DICOM SEG and RTSTRUCT inputs (and convert --as), and "
                        + input + " is neither");
            }
        }
    }

    /**
     * A DICOM folder (the largest series, or {@code --series} when given), a DICOM file, NIfTI, NRRD
     * or MetaImage file.
     *
     * @throws UsageException if {@code --series} is given for something that is not a folder, or is
     *                        not a UID
     */
    LoadedImage read() throws IOException {
        if (!RemoteInputs.isUrl(location)) {
            reading.checkReference(path());
        }
        return readForOutput();
    }

    /** As {@link #read()}, but a {@code --reference} meant for the output (convert --as) is not an error. */
    LoadedImage readForOutput() throws IOException {
        ReadOptions.Builder b = reading.options().toBuilder();
        if (RemoteInputs.isUrl(location)) {
            if (series != null) {
                throw new UsageException("--series applies to a DICOM folder; a DICOMweb URL names its series itself");
            }
            RemoteInputs.Local local = RemoteInputs.fetch(location, command.commandLine().getErr(), command.name());
            return read(local.fetched().folder(), b.seriesUid(local.fetched().seriesInstanceUID()).build());
        }
        Path path = path();
        if (series != null) {
            if (!Files.isDirectory(path)) {
                throw new UsageException("--series applies to a DICOM folder, and " + path + " is not a folder");
            }
            try {
                b.seriesUid(series);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--series: " + e.getMessage());
            }
        }
        return read(path, b.build());
    }

    /** Reads {@code input} as {@code options} say: every command's input goes through here. */
    static LoadedImage read(Path input, ReadOptions options) throws IOException {
        return ImageFormats.read(input, options);
    }

    /**
     * The image's warnings as the CONTRACT's strings (the file named where it is not the input), with
     * the command-line hint for a folder of several series.
     */
    static List<String> messages(LoadedImage img) {
        List<String> out = new ArrayList<>();
        for (ReadWarning w : img.warnings()) {
            String m = w.messageFor(img.source());
            out.add(w.kind() == Kind.OTHER_SERIES ? m + "; choose another with --series UID" : m);
        }
        return out;
    }

    /** The input as a local path (not for URLs). */
    Path path() {
        try {
            return Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("not a file name: " + location);
        }
    }

    /** The input as given: a path or a URL. */
    @Override
    public String toString() {
        return location;
    }
}
