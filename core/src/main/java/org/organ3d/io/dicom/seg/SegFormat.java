package org.organ3d.io.dicom.seg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.ReferencingFormat;
import org.organ3d.io.dicom.Uids;

/**
 * {@code dicom-seg}: a DICOM Segmentation file (binary, fractional or label map), recognised by its
 * SOP class, read as a label map ({@link SegReader}) on the grid of the series it cites: the one
 * given, or the one found in the file's folder, else the SEG's own frame grid. Registered before
 * {@code dicom-file}, so every command that reads labels reads SEGs.
 */
public final class SegFormat implements ReferencingFormat {

    @Override
    public String name() {
        return Segmentation.FORMAT;
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try {
            return Uids.isSegmentation(DicomParser.sopClassUID(path));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        return SegReader.read(path, options).toLoadedImage();
    }

    @Override
    public String citedSeriesUID(Path file) throws IOException {
        return SegReader.referencedSeriesUID(DicomParser.readHeader(file).dataset());
    }

    @Override
    public LoadedImage read(Path file, ReferencedSeries reference) throws IOException {
        return SegReader.readOnto(file, reference).toLoadedImage();
    }
}
