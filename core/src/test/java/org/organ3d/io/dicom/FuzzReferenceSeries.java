package org.organ3d.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.testkit.HostileInputs;

/**
 * The committed reference series of the SEG and RTSTRUCT fuzz targets (15×13×7 oblique CT, one
 * file per slice, written by {@code seg.SegSeeds}), copied once into a scratch folder and read.
 */
public final class FuzzReferenceSeries {

    private static final String RESOURCE = "/org/organ3d/io/dicom/seg/fuzz-reference/";
    private static final int SLICES = 7;

    private FuzzReferenceSeries() {
    }

    /** Copies the series into {@code folder} below the scratch folder (once) and reads it. */
    public static synchronized ReferencedSeries in(String folder) {
        Path dir = HostileInputs.scratch().resolve(folder);
        try {
            for (int k = 1; k <= SLICES; k++) {
                String name = String.format("ct%03d.dcm", k);
                if (Files.exists(dir.resolve(name))) {
                    continue;
                }
                try (InputStream in = FuzzReferenceSeries.class.getResourceAsStream(RESOURCE + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing fixture " + name);
                    }
                    Files.createDirectories(dir);
                    Files.write(dir.resolve(name), in.readAllBytes());
                }
            }
            return ReferencedSeries.read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
