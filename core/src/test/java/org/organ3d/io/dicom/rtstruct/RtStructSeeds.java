package org.organ3d.io.dicom.rtstruct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.FuzzReferenceSeries;
import org.organ3d.io.dicom.ReferencedSeries;

/**
 * Writes the seed of {@link RtStructFuzzTest}: the contours of {@link ClinicalPhantoms#shapes} on the
 * committed reference series, by organ3d's RTSTRUCT writer:
 * {@code java ... RtStructSeeds core/src/test/resources/org/organ3d/io/dicom/rtstruct/RtStructFuzzTestInputs}.
 */
final class RtStructSeeds {

    private RtStructSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]).resolve("onto"));
        ReferencedSeries ref = FuzzReferenceSeries.in("rtstruct-seeds");
        RtStructWriter.write(ClinicalPhantoms.shapes(ref.dimensions(), ref.geometry()), ref, RtStructWriter.Options.defaults(),
                dir.resolve("seed-shapes.dcm"));
    }
}
