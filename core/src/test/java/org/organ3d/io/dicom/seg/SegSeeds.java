package org.organ3d.io.dicom.seg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.volume.Dimensions;

/**
 * Writes the committed reference series of {@link SegFuzzTest} (15×13×7 oblique CT, one file per
 * slice, {@code ct001.dcm} ...) and its seed SEGs (binary and label map, of
 * {@link ClinicalPhantoms#shapes}) with organ3d's writers:
 * {@code java ... SegSeeds core/src/test/resources/org/organ3d/io/dicom/seg}.
 */
final class SegSeeds {

    private SegSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path tmp = Files.createTempDirectory("segseeds");
        Dimensions d = new Dimensions(15, 13, 7);
        ReferencedSeries ct = ClinicalPhantoms.ctSeries(tmp, d, ClinicalPhantoms.oblique());
        Path ref = Files.createDirectories(root.resolve("fuzz-reference"));
        try (Stream<Path> s = Files.list(tmp)) {
            Path[] files = s.sorted().toArray(Path[]::new);
            for (int k = 0; k < files.length; k++) {
                Files.copy(files[k], ref.resolve(String.format("ct%03d.dcm", k + 1)));
            }
        }
        ReferencedSeries committed = ReferencedSeries.read(ref);
        var labels = ClinicalPhantoms.shapes(d, committed.geometry());
        for (String target : new String[] {"onto", "beside"}) {
            Path dir = Files.createDirectories(root.resolve("SegFuzzTestInputs").resolve(target));
            SegWriter.write(labels, committed, SegWriter.Options.binary(), dir.resolve("seed-binary.dcm"));
            SegWriter.write(labels, committed, SegWriter.Options.labelMap(), dir.resolve("seed-labelmap.dcm"));
        }
    }
}
