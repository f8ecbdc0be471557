package org.organ3d.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.organ3d.io.ImageFormats;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.mesh.io.MeshReaders;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Volume;

/**
 * The plans that label the images themselves (a segmentation, an ONNX network), a changed plan
 * superseding the old results, the manifest's rows that cannot be run, a typed Parquet manifest and a
 * scanned folder — on three small phantom studies, each checked against a count of its own voxels made
 * by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortPlansTest {

    private SparkSession spark;
    private Path tmp;
    private final List<PhantomStudy> studies = new ArrayList<>();
    private Path manifest;

    @BeforeAll
    void cohort() throws Exception {
        spark = TestSpark.session();
        tmp = Files.createTempDirectory("organ3d-cohort-plans");
        List<String> rows = new ArrayList<>(List.of("study_id,image"));
        for (int i = 0; i < 3; i++) {
            PhantomStudy s = PhantomGenerator.generate(new AbdominalPhantom(), PhantomCohort.grid(2 * i), 12, 7 + i);
            studies.add(s);
            ImageFormats.write(tmp.resolve("ct" + i + ".nii.gz"), s.ct(), Map.of());
            rows.add("C" + i + ",ct" + i + ".nii.gz");
        }
        manifest = tmp.resolve("manifest.csv");
        Files.write(manifest, rows);
    }

    @AfterAll
    void clean() throws IOException {
        CohortOutput.deleteTree(tmp);
    }

    private CohortSummary run(Path manifestFile, String planJson, Path out) throws Exception {
        Path plan = Files.createTempFile(tmp, "plan", ".json");
        Files.writeString(plan, planJson);
        return CohortJob.run(new CohortOptions(manifestFile, plan, out, null, "java", false), n -> { });
    }

    private Map<String, Map<Integer, Row>> rows(Path out) {
        Map<String, Map<Integer, Row>> m = new TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve("measurements").toUri().toString()).collectAsList()) {
            m.computeIfAbsent(r.getAs("study_id"), k -> new TreeMap<>()).put(r.<Integer>getAs("label"), r);
        }
        return m;
    }

    /** Voxels of {@code ct} with lo <= value <= hi (or value > lo when hi is NaN). */
    private static long count(Volume ct, double lo, double hi) {
        long n = 0;
        float[] row = null;
        for (int k = 0; k < ct.nz(); k++) {
            row = ct.sliceValues(k, row);
            for (float v : row) {
                n += Double.isNaN(hi) ? (v > lo ? 1 : 0) : (v >= lo && v <= hi ? 1 : 0);
            }
        }
        return n;
    }

    @Test
    void aSegmentationPlanMeasuresWhatItSegmentsAndWritesMeshes() throws Exception {
        Path out = tmp.resolve("segment");
        CohortSummary s = run(manifest, "{\"segment\": {\"threshold\": \"300:3000\", \"label\": 6}, "
                + "\"meshes\": {\"format\": \"glb\"}}", out);
        assertEquals(3, s.succeeded(), s.toJson());
        Map<String, Map<Integer, Row>> rows = rows(out);
        for (int i = 0; i < 3; i++) {
            PhantomStudy st = studies.get(i);
            Row r = rows.get("C" + i).get(6);
            long bone = count(st.ct(), 300, 3000);
            assertEquals(bone, r.<Long>getAs("voxelCount"), "C" + i + ": every voxel of 300..3000 HU, none else");
            double truth = st.truth(AbdominalPhantom.VERTEBRAE).volumeMm3();
            // NB: 300 HU is half-way between bone and fat, but not between bone and the discs (80 HU): a few % more
            assertEquals(truth, r.<Double>getAs("volumeMm3"), 0.08 * truth, "C" + i + " against the vertebrae's analytic volume");
            String prefix = "C" + i + "~";
            String key = CohortOutput.keys(out.resolve("measurements")).stream().filter(k -> k.startsWith(prefix))
                    .findFirst().orElseThrow();
            var meshes = MeshReaders.readAll(out.resolve("meshes").resolve(key).resolve("labels.glb"), 0xFFFFFFFF);
            assertEquals(1, meshes.size());
            // NB: the meshes are organ3d mesh --labels all's (surface nets, which cut the voxels' corners: a few % less
            // than the voxel volume on these 5.6 mm voxels), not the measured marching-cubes surface
            double meshVolume = MeshProperties.of(meshes.get(0).mesh()).volumeMm3();
            double voxels = r.<Double>getAs("volumeMm3");
            assertTrue(meshVolume < voxels && meshVolume > 0.9 * voxels, "C" + i + ": the GLB encloses the label: " + meshVolume
                    + " vs " + voxels + " mm3");
        }

        // the same studies under another plan: everything reruns, and the first plan's partitions go
        CohortSummary other = run(manifest, "{\"segment\": {\"threshold\": \"300:3000\", \"label\": 6}}", out);
        assertEquals(3, other.processed());
        assertEquals(3, CohortOutput.keys(out.resolve("measurements")).size(), "superseded partitions removed");
        assertTrue(other.notes().stream().anyMatch(n -> n.startsWith("3 partition(s) of earlier runs superseded")),
                other.notes().toString());
        assertTrue(Files.list(out.resolve("meshes")).findAny().isEmpty(), "their meshes too");
    }

    @Test
    void anOnnxModelPlanLabelsWhatTheNetworkSays() throws Exception {
        ExternalTool.ONNX.require();
        ExternalTool.NUMPY.require();
        Path model = tmp.resolve("model/threshold.onnx");
        Files.createDirectories(model.getParent());
        Path script = tmp.resolve("make_threshold_model.py");
        try (var in = getClass().getResourceAsStream("make_threshold_model.py")) {
            Files.copy(in, script);
        }
        Processes.run(List.of(ExternalTool.PYTHON.toString(), script.toString(), model.toString(), "300.5"), null,
                Duration.ofMinutes(2)).assertOk("make_threshold_model.py");
        Files.writeString(model.resolveSibling("card.json"), "{\"name\": \"bone above 300.5 HU\", \"inputSpacingMm\": null, "
                + "\"patchSize\": [32, 32, 24], \"tensorAxes\": \"zyx\", \"normalization\": {\"type\": \"none\"}, "
                + "\"output\": \"logits\", \"labels\": {\"1\": \"bone\"}}");
        Path out = tmp.resolve("model-out");
        CohortSummary s = run(manifest, "{\"model\": {\"path\": \"" + model + "\", \"card\": \"" + model.resolveSibling("card.json")
                + "\", \"overlap\": 0.25}, \"measure\": {\"surfaces\": false}}", out);
        assertEquals(3, s.succeeded(), s.toJson());
        assertTrue(s.stageSeconds().containsKey("model"), s.toJson());
        Map<String, Map<Integer, Row>> rows = rows(out);
        for (int i = 0; i < 3; i++) {
            Row r = rows.get("C" + i).get(1);
            assertEquals(count(studies.get(i).ct(), 300.5, Double.NaN), r.<Long>getAs("voxelCount"), "C" + i);
            assertEquals("bone", r.getAs("name"));
            assertNull(r.getAs("meshVolumeMm3"), "surfaces: false");
        }
    }

    @Test
    void badRowsFailAloneAndATypedParquetManifestIsCarriedWithItsTypes() throws Exception {
        StructType schema = new StructType().add("study_id", DataTypes.StringType).add("image", DataTypes.StringType)
                .add("age", DataTypes.IntegerType).add("weight_kg", DataTypes.DoubleType)
                .add("scan_date", DataTypes.DateType).add("label", DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create("C0", tmp.resolve("ct0.nii.gz").toString(), 61, 72.5, java.sql.Date.valueOf("2024-03-01"), "x"),
                RowFactory.create("C0", tmp.resolve("ct1.nii.gz").toString(), 62, 80.0, null, "y"),
                RowFactory.create("C7", null, 63, null, null, null),
                RowFactory.create("C8", tmp.resolve("nothing-here.nii.gz").toString(), 64, 1.0, null, null));
        Path pq = tmp.resolve("manifest.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(pq.toUri().toString());
        Path file = Files.list(pq).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        Path out = tmp.resolve("typed");
        CohortSummary s = run(file, "{\"segment\": {\"preset\": \"bone\"}, \"measure\": {\"surfaces\": false}}", out);
        assertEquals(4, s.studies());
        assertEquals(1, s.succeeded(), s.toJson());
        Map<String, String> stages = new TreeMap<>();
        s.failures().forEach(f -> stages.merge(f.get("study_id"), f.get("stage"), (a, b) -> a + "," + b));
        assertEquals(Map.of("C0", "manifest", "C7", "manifest", "C8", "read"), stages, s.toJson());
        assertTrue(s.failures().stream().anyMatch(f -> f.get("message").contains("also on manifest row 1")), s.toJson());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("manifest_label")), s.notes().toString());

        var table = spark.read().parquet(out.resolve("measurements").toUri().toString());
        assertEquals(DataTypes.IntegerType, table.schema().apply("age").dataType());
        assertEquals(DataTypes.DoubleType, table.schema().apply("weight_kg").dataType());
        assertEquals(DataTypes.DateType, table.schema().apply("scan_date").dataType());
        Row r = table.collectAsList().get(0);
        assertEquals(61, r.<Integer>getAs("age"));
        assertEquals(LocalDate.of(2024, 3, 1), r.<java.sql.Date>getAs("scan_date").toLocalDate());
        assertEquals("x", r.getAs("manifest_label"));
        assertEquals(1, r.<Integer>getAs("label"), "the measurement's own label column");

        CohortSummary again = run(file, "{\"segment\": {\"preset\": \"bone\"}, \"measure\": {\"surfaces\": false}}", out);
        assertEquals(0, again.processed(), "bad rows are not recorded again: " + again.toJson());
        assertEquals(3, again.failed());
    }

    @Test
    void aFolderIsScannedForSeriesAndAPlanWithoutSegmentationIsRefused() throws Exception {
        Path root = tmp.resolve("scan");
        Files.createDirectories(root.resolve("b/nested"));
        org.organ3d.io.dicom.DicomSeriesWriter.writeCtSeries(studies.get(0).ct(), root.resolve("a/dicom"),
                new org.organ3d.io.dicom.SeriesInfo("P", "P", null, null, null, "CT", "s", "s", 3));
        Files.copy(tmp.resolve("ct1.nii.gz"), root.resolve("b/nested/ct.nii.gz"));
        Path out = tmp.resolve("scan-out");
        CohortSummary s = run(root, "{\"segment\": {\"threshold\": \"300:3000\"}, \"measure\": {\"surfaces\": false}}", out);
        assertEquals(2, s.succeeded(), s.toJson());
        Map<String, Map<Integer, Row>> rows = rows(out);
        assertEquals(List.of("a/dicom", "b/nested/ct.nii.gz"), List.copyOf(rows.keySet()));
        assertEquals(count(studies.get(0).ct(), 300, 3000), rows.get("a/dicom").get(1).<Long>getAs("voxelCount"));
        assertTrue(rows.get("a/dicom").get(1).getAs("series_uid") != null);

        InvalidPlanException e = assertThrows(InvalidPlanException.class, () -> run(root, "{\"labels\": \"manifest\"}", out));
        assertTrue(e.getMessage().contains("must segment"), e.getMessage());
    }
}
