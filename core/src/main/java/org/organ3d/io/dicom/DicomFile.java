package org.organ3d.io.dicom;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One parsed DICOM file: its file meta information (group 0002; empty for files without it), the
 * dataset and the transfer syntax the dataset was read with. Values are views of the buffer the file
 * was parsed from (see {@link Attributes}).
 *
 * @param file           the file (may be null for in-memory data)
 * @param meta           group 0002, possibly empty
 * @param dataset        the dataset
 * @param transferSyntax the syntax of the dataset (from the meta group, or guessed when it is absent)
 * @param complete       false if parsing stopped at the pixel data (header-only read)
 * @param pixelLength    declared length of the pixel data element in bytes, -1 if undefined
 *                       (encapsulated) or absent
 * @param warnings       what was irregular but readable (e.g. odd value lengths), in words
 */
public record DicomFile(Path file, Attributes meta, Attributes dataset, TransferSyntax transferSyntax,
        boolean complete, long pixelLength, List<String> warnings) {

    public DicomFile {
        Objects.requireNonNull(meta);
        Objects.requireNonNull(dataset);
        Objects.requireNonNull(transferSyntax);
        warnings = List.copyOf(warnings);
    }
}
