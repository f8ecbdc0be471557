package org.organ3d.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;

/**
 * {@code dicom-file}: one DICOM file (single image or multi-frame), recognised by the {@code DICM}
 * prefix or a plausible bare dataset start (whatever the file's name), or by a {@code .dcm} name.
 */
public final class DicomFileFormat implements ImageFormat {

    @Override
    public String name() {
        return "dicom-file";
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".dcm") || n.endsWith(".dicom") || n.equals("dicomdir")) {
            return true;
        }
        byte[] head = new byte[132];
        try (InputStream in = Files.newInputStream(path)) {
            int got = in.readNBytes(head, 0, head.length);
            return DicomParser.looksLikeDicom(head, got);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the file; a DICOMDIR given as the file reads the series its folder holds. */
    @Override
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        if (path.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
            return DicomSeriesReader.readFolder(path.toAbsolutePath().getParent(), options);
        }
        return DicomSeriesReader.readFile(path, options);
    }
}
