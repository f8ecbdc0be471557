package org.organ3d.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;
import picocli.CommandLine;

/**
 * The training run of the launcher's class-data-sharing archive (not a command). The launcher runs
 * it once after each build with {@code -XX:DumpLoadedClassList}, then dumps the classes it loaded
 * into {@code cli/target/organ3d.jsa} ({@code -Xshare:dump}); later runs map that archive instead of
 * loading, verifying and linking those classes from the jar (AppCDS, JEP 310). It runs the commands
 * users start most, on a small sphere written as NIfTI and as a DICOM series in a temporary folder,
 * with their output discarded; a command that fails here only leaves its classes out.
 */
final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("organ3d-cds");
        try {
            Path nii = dir.resolve("ct.nii.gz");
            Path dicom = dir.resolve("dicom");
            Volume v = sphere();
            ImageFormats.write(nii, v, Map.of());
            DicomSeriesWriter.writeCtSeries(v, dicom, SeriesInfo.ct("Training^Sphere", "CDS", "start-up training"));
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {"--help"});
            runs.add(new String[] {"info", nii.toString(), "--json"});
            runs.add(new String[] {"info", dicom.toString()});
            runs.add(new String[] {"convert", dicom.toString(), dir.resolve("c.nii").toString(), "--json"});
            runs.add(new String[] {"convert", dicom.toString(), dir.resolve("c.nii.gz").toString()});
            runs.add(new String[] {"mesh", nii.toString(), "--iso", "100", "--out", dir.resolve("s.stl").toString(), "--json"});
            runs.add(new String[] {"mesh", dicom.toString(), "--iso", "100", "--out", dir.resolve("s.ply").toString()});
            runs.add(new String[] {"segment", nii.toString(), "--threshold", "100:2000", "--out",
                dir.resolve("l.nii.gz").toString(), "--json"});
            runs.add(new String[] {"measure", dir.resolve("l.nii.gz").toString(), "--image", nii.toString(), "--json"});
            runs.add(new String[] {"mesh", dir.resolve("l.nii.gz").toString(), "--labels", "all", "--out",
                dir.resolve("l.glb").toString()});
            for (String[] run : runs) {
                CommandLine cl = Main.commandLine(run);
                cl.setOut(new PrintWriter(OutputStream.nullOutputStream()));
                cl.setErr(new PrintWriter(OutputStream.nullOutputStream()));
                cl.execute(run);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A 48×48×32 int16 ball of 400 HU in -1000 HU air at 1 mm. */
    private static Volume sphere() {
        Dimensions d = new Dimensions(48, 48, 32);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.axisAligned(new Spacing(1, 1, 1)));
        for (int k = 0; k < d.nz(); k++) {
            short[] s = new short[d.sliceSize()];
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double r = Math.sqrt((i - 24) * (i - 24) + (j - 24) * (j - 24) + (k - 16) * (k - 16));
                    s[i + d.nx() * j] = (short) (r < 12 ? 400 : -1000);
                }
            }
            b.setSlice(k, s);
        }
        return b.build();
    }
}
