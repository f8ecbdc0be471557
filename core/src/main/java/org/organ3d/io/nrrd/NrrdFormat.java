package org.organ3d.io.nrrd;

import java.io.IOException;
import java.io.InputStream;
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
 * NRRD images ({@code .nrrd}, {@code .nhdr} + data file) and 3D Slicer segmentations
 * ({@code .seg.nrrd}, segment names and colours in {@link LoadedImage#labels()}). See
 * {@link NrrdReader} and {@link NrrdWriter}. Stateless and thread-safe.
 */
public final class NrrdFormat implements ImageFormat {

    /** Format name in the CLI contract. */
    public static final String NAME = "nrrd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nrrd") || n.endsWith(".nhdr")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(7);
            return new String(b, java.nio.charset.StandardCharsets.US_ASCII).equals("NRRD000");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        return new NrrdReader(path, options).read();
    }

    @Override
    public boolean canWrite(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nrrd") || n.endsWith(".nhdr");
    }

    /** Writes {@code .nrrd} (gzip), {@code .nhdr} (+ raw data file) or {@code .seg.nrrd} (label map + segments). */
    @Override
    public void write(Path path, Volume volume, Map<Integer, LabelInfo> labels) throws IOException {
        NrrdWriter.write(path, volume, labels == null ? Map.of() : labels);
    }
}
