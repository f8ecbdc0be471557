package org.organ3d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.DicomSeriesReader;

/** Reads a command's {@code <input>} (shared/CONTRACT.md, "Inputs"), honouring {@code --series}. */
final class Inputs {

    private Inputs() {
    }

    /**
     * A DICOM folder (the largest series, or {@code seriesUid} when given), a DICOM file, NIfTI, NRRD
     * or MetaImage file.
     *
     * @throws UsageException if {@code seriesUid} is given for something that is not a folder
     */
    static LoadedImage read(Path input, String seriesUid) throws IOException {
        if (seriesUid == null) {
            return ImageFormats.read(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UsageException("--series applies to a DICOM folder, and " + input + " is not a folder");
        }
        return DicomSeriesReader.readFolder(input, seriesUid);
    }
}
