package org.organ3d.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;

/**
 * One file format organ3d reads (and perhaps writes), registered for {@link java.util.ServiceLoader}
 * in {@code META-INF/services/org.organ3d.io.ImageFormat}. {@link ImageFormats} dispatches to it.
 */
public interface ImageFormat {

    /** Format name as in the CLI contract: {@code dicom-series}, {@code nifti}, {@code nrrd}, ... */
    String name();

    /** True if this format claims {@code path} (by extension, magic bytes, or being a folder). */
    boolean canRead(Path path);

    /**
     * Reads {@code path} as {@code options} say. Errors are typed and name the file and the cause.
     * An implementation reports what it works around as {@link ReadWarning}s and may refuse the
     * kinds {@code options} refuse early (before decoding voxels) with a {@link StrictReadException};
     * {@link ImageFormats#read(Path, ReadOptions)} checks the result's warnings again in any case.
     */
    LoadedImage read(Path path, ReadOptions options) throws IOException;

    /** Reads {@code path} with {@link ReadOptions#defaults()}. */
    default LoadedImage read(Path path) throws IOException {
        return read(path, ReadOptions.defaults());
    }

    /** True if this format writes files named like {@code path} (by extension). */
    default boolean canWrite(Path path) {
        return false;
    }

    /**
     * Writes a volume (with label infos when it is a label map, else an empty map) atomically:
     * to a temporary file beside {@code path}, then renamed.
     *
     * @throws ImageFormatException if this format does not write (see canWrite), or cannot
     *                              hold {@code volume}
     */
    default void write(Path path, Volume volume, Map<Integer, LabelInfo> labels) throws IOException {
        throw new ImageFormatException(path, -1, name() + " is read only: no writer for it");
    }
}
