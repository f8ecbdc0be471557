package org.organ3d.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.joml.Vector3d;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.StructureTruth;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;

/**
 * The cohort job in Spark local mode on 22 generated phantom studies (20 good in four input formats,
 * 2 damaged), checked against the phantoms' truths: the voxel volume of every label equals the
 * truth label map's voxel count times the voxel volume (counted by the test, not by organ3d), and the
 * analytic volume and centroid within the discretisation error of a 5.6 × 5.6 × 6 mm grid; the
 * damaged studies are in the failures table and nothing else is lost; a rerun does no work; deleting
 * one partition redoes exactly that study. The measurement table is read back by Spark and by
 * hyparquet (JavaScript; an independent Parquet reader) with the documented schema and units.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CohortJobTest {

    static final int GOOD = 20;

    private SparkSession spark;
    private Path tmp;
    private PhantomCohort cohort;
    private Path plan;
    private Path out;
    private CohortSummary first;
    private final List<String> notes = new ArrayList<>();

    @BeforeAll
    void runOnce() throws Exception {
        tmp = Files.createTempDirectory("organ3d-cohort-test");
        cohort = PhantomCohort.write(tmp.resolve("in"), GOOD, true);
        plan = tmp.resolve("plan.json");
        Files.writeString(plan, "{\"labels\": \"manifest\", \"measure\": {\"intensity\": true}}");
        out = tmp.resolve("out");
        spark = TestSpark.session();
        first = run(false);
    }

    @AfterAll
    void clean() throws IOException {
        CohortOutput.deleteTree(tmp);
    }

    private CohortSummary run(boolean retryFailed) throws Exception {
        // NB: master null: the job takes the session started above (as under spark-submit) and leaves it running
        return CohortJob.run(new CohortOptions(cohort.manifest, plan, out, null, "java", retryFailed), notes::add);
    }

    @Test
    @Order(1)
    void measuresEveryGoodStudyAndRecordsTheDamagedOnes() throws Exception {
        assertEquals(GOOD + 2, first.studies());
        assertEquals(GOOD, first.succeeded());
        assertEquals(2, first.failed());
        assertEquals(0, first.skipped());
        assertEquals(GOOD * 7, first.rows(), "7 labels per study");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String k : List.of("studies", "succeeded", "failed", "skipped", "seconds", "stageSeconds")) {
            assertTrue(summary.has(k), "summary.json has " + k);
        }
        assertTrue(summary.get("stageSeconds").get("read").asDouble() > 0);

        List<Row> rows = spark.read().parquet(out.resolve("measurements").toUri().toString()).collectAsList();
        assertEquals(GOOD * 7, rows.size());
        Map<String, Map<Integer, Row>> byStudy = new TreeMap<>();
        for (Row r : rows) {
            byStudy.computeIfAbsent(r.getAs("study_id"), k -> new TreeMap<>()).put(r.<Integer>getAs("label"), r);
        }
        assertEquals(cohort.truths.keySet(), byStudy.keySet(), "every good study, no damaged one");
        for (PhantomCohort.Truth t : cohort.truths.values()) {
            Map<Integer, Row> labels = byStudy.get(t.studyId());
            assertEquals(t.voxelVolumeMm3().keySet(), labels.keySet(), t.studyId());
            for (var e : t.voxelVolumeMm3().entrySet()) {
                Row r = labels.get(e.getKey());
                String what = t.studyId() + " (" + t.format() + ") label " + e.getKey();
                double vol = r.<Double>getAs("volumeMm3");
                assertEquals(e.getValue(), vol, 1e-9 * e.getValue(), what + ": voxels x voxel volume of the truth map");
                StructureTruth a = t.analytic().get(e.getKey());
                assertEquals(a.volumeMm3(), vol, tolerance(e.getKey()) * a.volumeMm3(), what + ": analytic volume");
                Vector3d c = new Vector3d(r.<Double>getAs("centroidLps_0"), r.<Double>getAs("centroidLps_1"),
                        r.<Double>getAs("centroidLps_2"));
                assertTrue(c.distance(a.centroidLps()) < 2.5, what + ": centroid " + c + " vs " + a.centroidLps());
                assertEquals(r.<Double>getAs("volumeMm3") / 1000, r.<Double>getAs("volumeCm3"), 1e-9 * vol);
                assertTrue(Math.abs(r.<Double>getAs("meshVolumeMm3") / vol - 1) < 0.15, what + ": mesh volume");
                // intensity: exactly the statistics of the CT values under the truth map, counted by the test
                double[] in = t.intensity().get(e.getKey());
                assertEquals(in[0], r.<Double>getAs("intensity_mean"), 1e-9 * Math.abs(in[0]) + 1e-9, what + ": mean");
                assertEquals(in[1], r.<Double>getAs("intensity_median"), 1e-9, what + ": median");
                assertEquals(in[2], r.<Double>getAs("intensity_min"), 0, what + ": min");
                assertEquals(in[3], r.<Double>getAs("intensity_max"), 0, what + ": max");
                assertEquals(t.age(), Integer.parseInt(r.getAs("age")), what);
                assertEquals(t.site(), r.getAs("site"), what);
                assertEquals(planHash(), r.getAs("plan_hash"));
                assertEquals("java", r.getAs("backend"));
                if (t.dicom()) {
                    assertNotNull(r.getAs("series_uid"), what);
                } else {
                    assertNull(r.getAs("series_uid"), what);
                }
            }
        }
        // units in the schema (Spark reads them from the field metadata organ3d writes)
        StructType schema = spark.read().parquet(out.resolve("measurements").toUri().toString()).schema();
        Map<String, String> units = new HashMap<>();
        for (StructField f : schema.fields()) {
            if (f.metadata().contains("unit")) {
                units.put(f.name(), f.metadata().getString("unit"));
            }
        }
        assertEquals("mm3", units.get("volumeMm3"));
        assertEquals("mm (LPS)", units.get("centroidLps_0"));
        assertEquals("mm", units.get("recist_longAxisMm"));
        assertEquals(MeasurementColumns.INTENSITY_UNIT, units.get("intensity_mean"));

        List<Row> failures = spark.read().parquet(out.resolve("failures").toUri().toString()).collectAsList();
        Map<String, Row> failed = new TreeMap<>();
        failures.forEach(r -> failed.put(r.getAs("study_id"), r));
        assertEquals(new TreeSet<>(cohort.damaged), failed.keySet());
        for (Row r : failures) {
            assertEquals("read", r.getAs("stage"), r.toString());
            String message = r.getAs("message");
            assertTrue(message.contains(r.<String>getAs("study_id")), "the message names the file: " + message);
            assertFalse(r.<String>getAs("error_class").equals(RuntimeException.class.getName()), r.toString());
        }
        assertEquals("org.organ3d.io.nifti.NiftiFormatException", failed.get("BAD-NIFTI").getAs("error_class"));
    }

    /**
     * Relative tolerance of a voxel-count volume on the 5.6 × 5.6 × 3 mm grids against the analytic
     * one: the discretisation error of counting voxel centres, largest where a structure is only a few
     * voxels across (aorta: radius 11 mm, two voxels; the lesion: 24 mm across). Observed maxima over
     * the 20 studies: organs 0.6 %, vertebrae 2.8 %, lesion 4.3 %, aorta 7.2 %; the bounds are about
     * twice those.
     */
    private static double tolerance(int label) {
        return switch (label) {
            case AbdominalPhantom.AORTA -> 0.15;
            case AbdominalPhantom.LESION -> 0.10;
            case AbdominalPhantom.VERTEBRAE -> 0.06;
            default -> 0.015;
        };
    }

    private String planHash() throws Exception {
        return CohortPlan.read(plan).hash();
    }

    @Test
    @Order(2)
    void anIndependentReaderSeesTheDocumentedSchema() throws Exception {
        ExternalTool.HYPARQUET.require();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out.resolve("measurements"))) {
            s.filter(p -> p.toString().endsWith(".parquet")).forEach(files::add);
        }
        assertEquals(GOOD, files.size());
        JsonNode all = hyparquet(files);
        assertEquals(GOOD, all.size());
        List<String> expected = new ArrayList<>();
        Tables.measurements(List.of(new Column("age", Column.Type.STRING, null, true),
                new Column("site", Column.Type.STRING, null, true))).forEach(c -> expected.add(c.name()));
        for (JsonNode f : all) {
            List<String> names = new ArrayList<>();
            f.get("schema").forEach(c -> names.add(c.get("name").asText()));
            assertEquals(expected, names, "columns in the documented order");
            Map<String, JsonNode> byName = new HashMap<>();
            f.get("schema").forEach(c -> byName.put(c.get("name").asText(), c));
            assertEquals("DOUBLE", byName.get("volumeMm3").get("type").asText());
            assertEquals("INT32", byName.get("label").get("type").asText());
            assertEquals("REQUIRED", byName.get("label").get("repetition").asText());
            assertEquals("INT64", byName.get("voxelCount").get("type").asText());
            assertEquals("BYTE_ARRAY", byName.get("study_id").get("type").asText());
            assertEquals("UTF8", byName.get("study_id").get("converted").asText());
            assertEquals("SNAPPY", f.get("codecs").get(0).asText());
            JsonNode units = new ObjectMapper().readTree(f.get("kv").get(ParquetTables.UNITS_KEY).asText());
            assertEquals("mm3", units.get("volumeMm3").asText());
            assertEquals("mm2", units.get("surfaceAreaMm2").asText());
            assertEquals("voxels", units.get("voxelCount").asText());
            assertEquals(CohortPlan.OUTPUT_VERSION, f.get("kv").get("organ3d.output_version").asText());
            assertEquals(7, f.get("rowCount").asInt());
            for (JsonNode row : f.get("rows")) {
                String id = row.get("study_id").asText();
                int label = row.get("label").asInt();
                PhantomCohort.Truth t = cohort.truths.get(id);
                double exact = t.voxelVolumeMm3().get(label);
                assertEquals(exact, row.get("volumeMm3").asDouble(), 1e-9 * exact, id + " label " + label);
                double voxelVolume = exact / row.get("voxelCount").asLong();
                assertEquals(PhantomCohort.grid(Integer.parseInt(id.substring(1))).sx()
                        * PhantomCohort.grid(Integer.parseInt(id.substring(1))).sy()
                        * PhantomCohort.grid(Integer.parseInt(id.substring(1))).sz(), voxelVolume, 1e-9 * voxelVolume);
                assertEquals(t.site(), row.get("site").asText());
                assertTrue(row.get("intensity_p95").asDouble() >= row.get("intensity_p05").asDouble());
            }
        }
    }

    private static JsonNode hyparquet(List<Path> files) throws IOException {
        Path script = Files.createTempFile("read_parquet", ".mjs");
        try {
            try (var in = CohortJobTest.class.getResourceAsStream("read_parquet.mjs")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of("node", script.toString(), ExternalTool.HYPARQUET.nodePackage().toString()));
            files.forEach(f -> cmd.add(f.toString()));
            Processes.Run r = Processes.run(cmd, null, Duration.ofSeconds(120)).assertOk("hyparquet");
            return new ObjectMapper().readTree(r.out());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    @Order(3)
    void aRerunDoesNoWork() throws Exception {
        Map<Path, String> before = snapshot();
        CohortSummary again = run(false);
        assertEquals(GOOD + 2, again.studies());
        assertEquals(GOOD + 2, again.skipped(), again.toJson());
        assertEquals(0, again.processed());
        assertEquals(GOOD, again.succeeded());
        assertEquals(2, again.failed());
        assertEquals(0, again.rows());
        assertEquals(Set.of(), again.backends().keySet(), "no compute ran");
        assertEquals(before, snapshot(), "no output file was rewritten");
        assertFalse(again.stageSeconds().containsKey("measure"));
    }

    @Test
    @Order(4)
    void deletingOnePartitionRedoesExactlyThatStudy() throws Exception {
        List<String> keys = CohortOutput.keys(out.resolve("measurements"));
        String victim = keys.stream().filter(k -> k.startsWith("S005~")).findFirst().orElseThrow();
        CohortOutput.deleteTree(CohortOutput.partition(out.resolve("measurements"), victim));
        Map<Path, String> before = snapshot();
        CohortSummary again = run(false);
        assertEquals(1, again.processed());
        assertEquals(GOOD + 1, again.skipped());
        assertEquals(7, again.rows());
        Map<Path, String> after = snapshot();
        Path redone = CohortOutput.partition(out.resolve("measurements"), victim).resolve(CohortOutput.PART);
        assertTrue(after.containsKey(redone), "the partition is back under the same key");
        after.remove(redone);
        assertEquals(before, after, "nothing else was rewritten");
        assertEquals(keys, CohortOutput.keys(out.resolve("measurements")));
    }

    @Test
    @Order(5)
    void retryFailedRetriesOnlyTheFailures() throws Exception {
        CohortSummary again = run(true);
        assertEquals(2, again.processed());
        assertEquals(2, again.failed());
        assertEquals(GOOD, again.skipped());
        assertEquals(Set.of("read"), Set.copyOf(again.failures().stream().map(f -> f.get("stage")).toList()));
    }

    /** Identity (file key) and modification time of every output file (the lock and the run's JSON aside). */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && !n.equals(".lock") && !n.equals("summary.json") && !n.equals("plan.json")) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    m.put(p, a.fileKey() + " " + a.lastModifiedTime());
                }
            }
        }
        return m;
    }
}
