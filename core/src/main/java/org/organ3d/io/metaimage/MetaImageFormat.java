package org.organ3d.io.metaimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;

/**
 * ITK MetaImage ({@code .mha}, {@code .mhd} + data file). See {@link MetaImageReader} and
 * {@link MetaImageWriter}. Label names and colours are not stored (MetaImage has no place for them).
 * Stateless and thread-safe.
 */
public final class MetaImageFormat implements ImageFormat {

    /** Format name in the CLI contract. */
    public static final String NAME = "metaimage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canRead(Path path) {
        return Files.isRegularFile(path) && canWrite(path);
    }

    @Override
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        return new MetaImageReader(path, options).read();
    }

    @Override
    public boolean canWrite(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".mha") || n.endsWith(".mhd");
    }

    @Override
    public void write(Path path, Volume volume, Map<Integer, LabelInfo> labels) throws IOException {
        MetaImageWriter.write(path, volume);
    }
}
