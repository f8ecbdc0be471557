package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** {@code organ3d info}: contract keys and values on a DICOM series with known content; exit codes. */
class InfoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void jsonDescribesADicomSeries() throws Exception {
        // 6x4x3 int16, value i + 10 j + 100 k, rescale 2x - 1000; spacing 0.5, 0.75, 3
        Volume.Builder b = Volume.builder(new Dimensions(6, 4, 3), VoxelType.INT16,
                Geometry.axisAligned(new Spacing(0.5, 0.75, 3), new Vector3d(-10, 20, 30))).rescale(new Rescale(2, -1000));
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 6; i++) {
                    s.put(j * 6 + i, (short) (i + 10 * j + 100 * k));
                    sum += 2.0 * (i + 10 * j + 100 * k) - 1000;
                }
            }
        }
        Path dir = tmp.resolve("series");
        SeriesInfo info = SeriesInfo.ct("A^B", "1", "info test");
        Volume volume = b.build();
        DicomSeriesWriter.writeCtSeries(volume, dir, info);
        Files.writeString(dir.resolve("notes.txt"), "not dicom");

        CliRun r = run("info", "--json", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals("dicom-series", j.get("format").asText());
        assertEquals("CT", j.get("modality").asText());
        assertEquals("[6,4,3]", j.get("dimensions").toString());
        assertEquals("[0.5,0.75,3.0]", j.get("spacing").toString());
        assertEquals("[[0.5,0.0,0.0,-10.0],[0.0,0.75,0.0,20.0],[0.0,0.0,3.0,30.0],[0.0,0.0,0.0,1.0]]",
                j.get("voxelToPatient").toString());
        assertEquals(-1000.0, j.get("stats").get("min").asDouble());
        assertEquals(2.0 * (5 + 30 + 200) - 1000, j.get("stats").get("max").asDouble());
        assertEquals(sum, j.get("stats").get("sum").asDouble(), 1e-9);
        assertEquals(sum / 72, j.get("stats").get("mean").asDouble(), 1e-9);
        assertEquals(info.seriesInstanceUID(), j.get("seriesInstanceUID").asText());
        assertEquals("1.2.840.10008.1.2.1", j.get("transferSyntaxUID").asText());
        assertEquals(3, j.get("files").asInt());
        assertTrue(j.get("warnings").toString().contains("notes.txt"), j.get("warnings").toString());

        CliRun text = run("info", dir.toString());
        assertEquals(0, text.code());
        assertTrue(text.out().contains("6 x 4 x 3"), text.out());

        CliRun chosen = run("info", "--json", "--series", info.seriesInstanceUID(), dir.toString());
        assertEquals(0, chosen.code(), chosen.err());
        CliRun strictOk = run("info", "--json", "--strict", dir.toString());
        assertEquals(0, strictOk.code(), "a text file beside a complete series is no reason to refuse: " + strictOk.err());

        // one slice gone: a lenient read warns, --strict refuses with one line naming the folder and the gap
        Volume five = Volume.builder(new Dimensions(6, 4, 5), VoxelType.INT16, Geometry.axisAligned(new Spacing(0.5, 0.75, 3), new Vector3d(-10, 20, 30)))
                .fillMissingWithZeros().build();
        dir = tmp.resolve("gap");
        DicomSeriesWriter.writeCtSeries(five, dir, SeriesInfo.ct("A^B", "1", "gap"));
        try (var files = Files.list(dir)) {
            Files.delete(files.sorted().skip(2).findFirst().orElseThrow());
        }
        DicomSeriesWriter.writeCtSeries(volume, tmp.resolve("other"), SeriesInfo.ct("C^D", "2", "other"));
        try (var files = Files.list(tmp.resolve("other"))) {
            Files.move(files.sorted().findFirst().orElseThrow(), dir.resolve("other.dcm"));
        }
        CliRun lenient = run("info", "--json", dir.toString());
        assertEquals(0, lenient.code(), lenient.err());
        String w = Json.MAPPER.readTree(lenient.out()).get("warnings").toString();
        assertTrue(w.contains("missing slices") && w.contains("choose another with --series UID"), w);
        CliRun strict = run("info", "--json", "--strict", dir.toString());
        assertEquals(1, strict.code(), strict.err());
        assertEquals("", strict.out());
        assertEquals(1, strict.err().strip().lines().count(), strict.err());
        assertTrue(strict.err().contains(dir.toString()) && strict.err().contains("refused by strict reading")
                && strict.err().contains("missing slices"), strict.err());
        assertEquals(2, run("info", "--series", " ", dir.toString()).code());
    }

    @Test
    void errorsAndUsage() {
        CliRun missing = run("info", tmp.resolve("nothing-here").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nothing-here"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertEquals(2, run("info").code());
        assertEquals(2, run("info", "--bogus", tmp.toString()).code());
    }

    @Test
    void aDataFileOutsideTheHeadersFolderNeedsTheFlag() throws Exception {
        Path data = tmp.resolve("elsewhere.raw");
        Files.write(data, new byte[24]);
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Path h = dir.resolve("h.nhdr");
        Files.writeString(h, "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 3 2\nencoding: raw\ndata file: ../elsewhere.raw\n");
        CliRun refused = run("info", h.toString());
        assertEquals(1, refused.code(), refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains(h + ": ") && refused.err().contains("leads out of the header's folder"), refused.err());
        CliRun allowed = run("info", "--json", "--data-files-outside-folder", h.toString());
        assertEquals(0, allowed.code(), allowed.err());
        assertEquals("[4,3,2]", Json.MAPPER.readTree(allowed.out()).get("dimensions").toString());
    }
}
