package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.volume.LabelMap;
import org.organ3d.testdata.screening.ChestPhantom;
import org.organ3d.testdata.screening.LiverPhantom;
import org.organ3d.testdata.screening.ScreeningStudy;

/** {@code organ3d screen} end to end on small phantoms: files, the contract's JSON keys, exit codes. */
class ScreenCommandTest {

    /** A coarse chest phantom (5 mm slices) keeps the test fast; the pipeline is the same. */
    private static Path chest(Path dir) throws Exception {
        ScreeningStudy s = ChestPhantom.generate(9101, new ChestPhantom.Options(0.85, 0.8, 5.0, 384, null, 6, 25.0));
        Path in = dir.resolve("chest.nii.gz");
        ImageFormats.write(in, s.ct(), Map.of());
        return in;
    }

    @Test
    void lungScreeningWritesTheThreeFilesAndTheContractJson(@TempDir Path dir) throws Exception {
        Path in = chest(dir);
        Path out = dir.resolve("out");
        CliRun r = run("screen", in.toString(), "--out", out.toString(), "--target", "lung", "--all", "--json", "--backend", "java");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String k : List.of("candidates", "backend", "seconds", "input")) {
            assertTrue(j.has(k), "missing top-level key " + k);
        }
        assertEquals("java", j.get("backend").asText());
        JsonNode cs = j.get("candidates");
        assertTrue(cs.size() > 0, "no candidate at all");
        double last = Double.POSITIVE_INFINITY;
        for (int n = 0; n < cs.size(); n++) {
            JsonNode c = cs.get(n);
            for (String k : List.of("id", "target", "centerLps", "centerVoxel", "diameterMm", "recist", "volumeMm3", "meanHu", "maxHu",
                    "type", "score")) {
                assertTrue(c.has(k), "candidate without " + k + ": " + c);
            }
            assertEquals(n + 1, c.get("id").asInt());
            assertEquals("lung", c.get("target").asText());
            assertTrue(c.get("recist").has("longAxisMm") && c.get("recist").has("shortAxisMm"));
            assertTrue(List.of("solid", "part-solid", "ground-glass").contains(c.get("type").asText()));
            assertEquals(3, c.get("centerLps").size());
            double score = c.get("score").asDouble();
            assertTrue(score <= last, "not sorted by score");
            last = score;
        }
        for (String f : List.of("candidates.json", "candidates.csv", "candidates.nii.gz")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(Json.MAPPER.readTree(Files.readString(out.resolve("candidates.json"))).get("candidates").size(), cs.size());
        assertEquals(cs.size() + 1, Files.readAllLines(out.resolve("candidates.csv")).size());
        LabelMap labels = ImageFormats.read(out.resolve("candidates.nii.gz")).asLabelMap();
        var counts = labels.counts();
        assertTrue(counts.size() >= cs.size() * 0.9 && counts.keySet().stream().allMatch(l -> l >= 1 && l <= cs.size()),
                "labels " + counts.keySet() + " for " + cs.size() + " candidates");
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "a temporary file was left behind");
        }
    }

    @Test
    void liverScreeningFromTheLabelMap(@TempDir Path dir) throws Exception {
        ScreeningStudy s = LiverPhantom.generate(9102, 5.0, 3);
        Path ct = dir.resolve("abdomen.nii.gz");
        Path labels = dir.resolve("organs.nii.gz");
        ImageFormats.write(ct, s.ct(), Map.of());
        ImageFormats.write(labels, s.organs().labels(), s.organs().info());
        CliRun r = run("screen", ct.toString(), "--out", dir.resolve("o").toString(), "--target", "liver", "--liver-labels",
                labels.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode cs = Json.MAPPER.readTree(r.out()).get("candidates");
        for (JsonNode c : cs) {
            assertEquals("liver", c.get("target").asText());
            assertTrue(List.of("hypodense", "hyperdense").contains(c.get("type").asText()));
        }
        assertTrue(r.err().contains("organ3d screen: note: liver: label 1"), r.err());
    }

    @Test
    void badUsageAndBadInputs(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothing.nii.gz");
        CliRun r = run("screen", missing.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nothing.nii.gz"), r.err());
        assertEquals(2, run("screen", missing.toString(), "--out", dir.toString(), "--target", "liver").code());
        assertEquals(2, run("screen", missing.toString(), "--out", dir.toString(), "--target", "kidney").code());
        assertEquals(2, run("screen", missing.toString(), "--out", dir.toString(), "--min-score", "2").code());
        assertEquals(2, run("screen", missing.toString(), "--out", dir.toString(), "--liver-seed", "1,2").code());
        assertEquals(2, run("screen", missing.toString()).code());
        assertFalse(Files.exists(dir.resolve("o")), "output folder created for a failed run");
    }
}
