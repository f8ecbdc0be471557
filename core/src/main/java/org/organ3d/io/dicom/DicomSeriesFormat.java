package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.LoadedImage;

/**
 * {@code dicom-series}: a folder of DICOM files (searched recursively, DICOMDIR honoured); the
 * largest image stack is read. Use {@link DicomSeriesReader#readFolder} to choose a series by UID.
 */
public final class DicomSeriesFormat implements ImageFormat {

    @Override
    public String name() {
        return "dicom-series";
    }

    @Override
    public boolean canRead(Path path) {
        return Files.isDirectory(path);
    }

    @Override
    public LoadedImage read(Path path) throws IOException {
        return DicomSeriesReader.readFolder(path, null);
    }
}
