package org.organ3d.io.nifti;

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
 * NIfTI-1 and NIfTI-2 images ({@code .nii}, {@code .nii.gz}; two-file {@code .hdr}/{@code .img} for
 * reading): reads either byte order, writes single-file little-endian. See {@link NiftiReader} and {@link NiftiWriter} for the geometry rules and
 * the choices made. Stateless and thread-safe.
 */
public final class NiftiFormat implements ImageFormat {

    /** Format name in the CLI contract. */
    public static final String NAME = "nifti";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        String n = lower(path);
        if (n.endsWith(".nii") || n.endsWith(".nii.gz")) {
            return true;
        }
        if (n.endsWith(".hdr") || n.endsWith(".hdr.gz")) {
            return isPairHeader(path);
        }
        if (n.endsWith(".gz") || n.endsWith(".nrrd") || n.endsWith(".nhdr") || n.endsWith(".mha") || n.endsWith(".mhd")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(NiftiHeader.SIZE1);
            if (b.length < NiftiHeader.SIZE1 || NiftiHeader.sniff(b) == null) {
                return false;
            }
            return b[0] == 92 || b[3] == 92 ? b[344] == 'n' && b[346] == '1' : b[4] == 'n' && b[6] == '2';
        } catch (IOException e) {
            return false;
        }
    }

    /** True for the .hdr of a two-file NIfTI (magic ni1 / ni2), not for ANALYZE or other .hdr files. */
    private static boolean isPairHeader(Path path) {
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = NiftiReader.isGzip(path) ? new java.util.zip.GZIPInputStream(raw) : raw) {
            byte[] b = in.readNBytes(NiftiHeader.SIZE1);
            NiftiHeader h = b.length < 8 ? null : NiftiHeader.sniff(b);
            if (h == null) {
                return false;
            }
            return h.version == 1 ? b.length == NiftiHeader.SIZE1 && b[344] == 'n' && b[345] == 'i' && b[346] == '1'
                    : b[4] == 'n' && b[5] == 'i' && b[6] == '2';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        return new NiftiReader(path, options).read();
    }

    @Override
    public boolean canWrite(Path path) {
        String n = lower(path);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    @Override
    public void write(Path path, Volume volume, Map<Integer, LabelInfo> labels) throws IOException {
        NiftiWriter.write(path, volume, labels == null ? Map.of() : labels);
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
