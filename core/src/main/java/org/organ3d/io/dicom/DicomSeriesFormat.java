package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;

/**
 * {@code dicom-series}: a folder of DICOM files (searched recursively, DICOMDIR honoured); the
 * largest image stack is read, or the series {@link ReadOptions#seriesUid()} names.
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
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        return DicomSeriesReader.readFolder(path, options);
    }
}
