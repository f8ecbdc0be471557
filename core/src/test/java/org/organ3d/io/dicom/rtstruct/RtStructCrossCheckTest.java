package org.organ3d.io.dicom.rtstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * organ3d's RTSTRUCT against independent tools: dciodvfy validates it, pydicom and dicompyler-core
 * read it (dicompyler's structure volumes within 2 % of the voxel volumes for structures over
 * 5 cm³), plastimatch rasterises it back (Dice ≥ 0.97 per structure) and writes an RTSTRUCT from
 * the same masks that organ3d reads (Dice ≥ 0.98 per structure).
 */
class RtStructCrossCheckTest {

    @TempDir
    static Path tmp;

    static ReferencedSeries ct;
    static LabelMap truth;
    static Path rt;

    @BeforeAll
    static void write() throws Exception {
        ct = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.organDims(), ClinicalPhantoms.organGrid());
        truth = ClinicalPhantoms.organs();
        rt = tmp.resolve("rtstruct.dcm");
        RtStructWriter.write(truth, ct, RtStructWriter.Options.defaults(), rt);
    }

    @Test
    void dciodvfyFindsNoError() {
        List<List<String>> v = ClinicalPhantoms.dciodvfy(rt);
        assertEquals(List.of(), v.get(0), "dciodvfy errors");
        assertEquals(List.of(), v.get(1), "dciodvfy warnings");
    }

    @Test
    void dicompylerVolumesAgreeWithTheVoxelVolumesWithinTwoPercent() {
        ExternalTool.requireAll(ExternalTool.PYDICOM, ExternalTool.DICOMPYLERCORE);
        String script = String.join("\n",
                "import sys",
                "from dicompylercore import dicomparser",
                "rt = dicomparser.DicomParser(sys.argv[1])",
                "for n, s in rt.GetStructures().items():",
                "    c = rt.GetStructureCoordinates(n)",
                "    print(n, s['name'], rt.CalculateStructureVolume(c, rt.CalculatePlaneThickness(c)))");
        Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-c", script, rt.toString()), null,
                Duration.ofSeconds(120)).assertOk("dicompyler-core");
        Map<Integer, Long> counts = truth.counts();
        double voxel = truth.geometry().voxelVolume();
        int checked = 0;
        for (String line : r.out().strip().split("\n")) {
            String[] x = line.trim().split("\\s+");
            int label = Integer.parseInt(x[0]);
            double cm3 = counts.get(label) * voxel / 1000;
            double theirs = Double.parseDouble(x[2]);
            System.out.printf("dicompyler %-7s %8.3f cm3, organ3d voxels %8.3f cm3%n", x[1], theirs, cm3);
            if (cm3 > 5) {
                assertEquals(cm3, theirs, 0.02 * cm3, x[1] + ": dicompyler " + theirs + " cm3 vs voxels " + cm3);
                checked++;
            }
        }
        assertEquals(4, checked, r.out());
    }

    @Test
    void plastimatchRasterisesItBackWithDiceOver097() throws Exception {
        ExternalTool.PLASTIMATCH.require();
        Path out = tmp.resolve("plastimatch-masks");
        Processes.run(List.of(ExternalTool.PLASTIMATCH.command("plastimatch").toString(), "convert", "--input", rt.toString(),
                "--referenced-ct", tmp.resolve("ct").toString(), "--output-prefix", out.toString(), "--prefix-format", "nrrd",
                "--xor-contours"), null, Duration.ofSeconds(180)).assertOk("plastimatch convert");
        for (int l = 1; l <= 5; l++) {
            LabelMap mask = ImageFormats.read(out.resolve(ClinicalPhantoms.ORGANS[l - 1] + ".nrrd")).asLabelMap();
            double d = dice(truth, l, mask, 1);
            System.out.printf("plastimatch reading organ3d's RTSTRUCT: %-7s Dice %.4f%n", ClinicalPhantoms.ORGANS[l - 1], d);
            assertTrue(d >= 0.97, ClinicalPhantoms.ORGANS[l - 1] + " Dice " + d);
        }
    }

    @Test
    void organ3dReadsPlastimatchsRtstructWithDiceOver098() throws Exception {
        ExternalTool.PLASTIMATCH.require();
        Path masks = tmp.resolve("masks");
        Files.createDirectories(masks);
        for (int l = 1; l <= 5; l++) {
            Volume.Builder b = LabelMap.builder(truth.dimensions(), VoxelType.UINT8, truth.geometry());
            for (int k = 0; k < truth.dimensions().nz(); k++) {
                java.nio.ByteBuffer s = b.bytesForWriting(k);
                for (int p = 0; p < s.capacity(); p++) {
                    s.put(p, (byte) (truth.label(p % 100, p / 100, k) == l ? 1 : 0));
                }
            }
            ImageFormats.write(masks.resolve(ClinicalPhantoms.ORGANS[l - 1] + ".nrrd"), b.build(), Map.of());
        }
        Path out = tmp.resolve("plastimatch-rt");
        Processes.run(List.of(ExternalTool.PLASTIMATCH.command("plastimatch").toString(), "convert", "--input-prefix",
                masks.toString(), "--referenced-ct", tmp.resolve("ct").toString(), "--output-dicom", out.toString()),
                null, Duration.ofSeconds(180)).assertOk("plastimatch convert");
        Path theirs;
        try (Stream<Path> s = Files.list(out)) {
            theirs = s.filter(p -> p.getFileName().toString().startsWith("rtss")).findFirst().orElseThrow();
        }
        RtStructureSet set = RtStructReader.read(theirs);
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set, ct);
        Map<String, Integer> byName = new HashMap<>();
        r.labels().info().forEach((v, i) -> byName.put(i.name(), v));
        for (int l = 1; l <= 5; l++) {
            String name = ClinicalPhantoms.ORGANS[l - 1];
            double d = dice(truth, l, r.labels(), byName.get(name));
            System.out.printf("organ3d reading plastimatch's RTSTRUCT: %-7s Dice %.4f%n", name, d);
            assertTrue(d >= 0.98, name + " Dice " + d + "; warnings " + r.warnings());
        }
    }

    static double dice(LabelMap a, int la, LabelMap b, int lb) {
        long both = 0;
        long na = 0;
        long nb = 0;
        var d = a.dimensions();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    boolean x = a.label(i, j, k) == la;
                    boolean y = b.label(i, j, k) == lb;
                    na += x ? 1 : 0;
                    nb += y ? 1 : 0;
                    both += x && y ? 1 : 0;
                }
            }
        }
        return 2.0 * both / (na + nb);
    }
}
