package org.organ3d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.DicomSeriesReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command's {@code <input>} and {@code --series} (shared/CONTRACT.md, "Inputs"), as a picocli
 * mixin: info, convert, segment and mesh take the same first parameter and read it the same way.
 */
final class Inputs {

    @Parameters(index = "0", paramLabel = "<input>",
            description = "DICOM folder or file, .nii, .nii.gz, .nrrd, .nhdr, .seg.nrrd, .mha or .mhd.")
    Path path;

    @Option(names = "--series", paramLabel = "UID",
            description = "DICOM folder: use this Series Instance UID instead of the largest series.")
    String series;

    /**
     * A DICOM folder (the largest series, or {@code --series} when given), a DICOM file, NIfTI, NRRD
     * or MetaImage file.
     *
     * @throws UsageException if {@code --series} is given for something that is not a folder
     */
    LoadedImage read() throws IOException {
        if (series == null) {
            return ImageFormats.read(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UsageException("--series applies to a DICOM folder, and " + path + " is not a folder");
        }
        return DicomSeriesReader.readFolder(path, series);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
