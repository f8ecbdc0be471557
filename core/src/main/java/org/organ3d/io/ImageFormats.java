package org.organ3d.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;

/** Reads and writes images in whichever registered {@link ImageFormat} claims the path. */
public final class ImageFormats {

    private static final List<ImageFormat> FORMATS = load();

    private ImageFormats() {
    }

    private static List<ImageFormat> load() {
        List<ImageFormat> list = new ArrayList<>();
        ServiceLoader.load(ImageFormat.class, ImageFormats.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    /** Every registered format. */
    public static List<ImageFormat> all() {
        return FORMATS;
    }

    /**
     * Reads a DICOM folder or file, NIfTI, NRRD or MetaImage file, leniently ({@link ReadOptions#defaults()}).
     *
     * @throws NoSuchFileException   if {@code path} does not exist
     * @throws ImageFormatException  if no format claims it, or the file is bad
     */
    public static LoadedImage read(Path path) throws IOException {
        return read(path, ReadOptions.defaults());
    }

    /**
     * Reads a DICOM folder or file, NIfTI, NRRD or MetaImage file as {@code options} say.
     *
     * @throws NoSuchFileException  if {@code path} does not exist
     * @throws StrictReadException  if the input has an irregularity that {@code options} refuses
     * @throws ImageFormatException if no format claims it, the file is bad, or {@code options} names
     *                              a DICOM series and the input is not DICOM
     */
    public static LoadedImage read(Path path, ReadOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        for (ImageFormat f : FORMATS) {
            if (f.canRead(path)) {
                if (options.seriesUid().isPresent() && !f.name().startsWith("dicom")) {
                    throw new ImageFormatException(path, -1, "a series UID applies to DICOM input, and this is "
                            + f.name() + " (one image per file)");
                }
                LoadedImage img = f.read(path, options);
                options.check(path, img.warnings());
                return img;
            }
        }
        throw new ImageFormatException(path, -1, "not a DICOM, NIfTI, NRRD or MetaImage file (no reader claims it)");
    }

    /** Writes {@code volume} to {@code path} in the format its extension names (atomically). */
    public static void write(Path path, Volume volume, Map<Integer, LabelInfo> labels) throws IOException {
        for (ImageFormat f : FORMATS) {
            if (f.canWrite(path)) {
                f.write(path, volume, labels == null ? Map.of() : labels);
                return;
            }
        }
        throw new ImageFormatException(path, -1, "no writer for this extension (use .nii, .nii.gz, .nrrd, .seg.nrrd, .mha or .mhd)");
    }
}
