package org.organ3d.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.segment.HuPresets;

/** The plan JSON: what each key does, what is refused and what the plan hash covers. */
class CohortPlanTest {

    @Test
    void theContractsMinimumPlansParse() {
        CohortPlan labels = CohortPlan.parse("{\"labels\": \"manifest\", \"measure\": {\"intensity\": true}}");
        assertEquals(CohortPlan.LabelSource.MANIFEST, labels.source());
        assertTrue(labels.intensity());
        assertTrue(labels.surfaces());
        CohortPlan seg = CohortPlan.parse("{\"segment\": {\"preset\": \"bone\", \"largest\": true}, "
                + "\"meshes\": {\"format\": \"glb\", \"smooth\": 10}}");
        assertEquals(CohortPlan.LabelSource.SEGMENT, seg.source());
        assertEquals(HuPresets.BONE.range(), seg.segmentation().orElseThrow().range());
        assertTrue(seg.segmentation().orElseThrow().largest());
        assertEquals(10, seg.meshes().orElseThrow().smooth());
        assertEquals(CoordinateSystem.LPS, seg.meshes().orElseThrow().coordinates());
    }

    @Test
    void segmentKeysAreTheCommandsOptions() {
        CohortPlan p = CohortPlan.parse("{\"segment\": {\"threshold\": [5, null], \"seed\": [[-58, -14, 45], \"1,2,3\"], "
                + "\"regionGrow\": true, \"fillHoles\": true, \"close\": 2.5, \"minSize\": 100, \"connectivity\": 26, "
                + "\"label\": 4}, \"measure\": {\"labels\": [4], \"smooth\": 5}, \"read\": {\"strict\": true}, \"maxVoxels\": 1000}");
        var s = p.segmentation().orElseThrow();
        assertEquals(5, s.range().lower());
        assertEquals(Double.POSITIVE_INFINITY, s.range().upper());
        assertEquals(2, s.seedsLps().size());
        assertEquals(3, s.seedsLps().get(1).z());
        assertEquals(2.5, s.closeMm());
        assertEquals(4, s.label());
        assertEquals(Set.of(4), p.labels());
        assertEquals(5, p.smooth());
        assertTrue(p.strict());
        assertEquals(1000, p.maxVoxels());
    }

    @Test
    void mistakesAreRefusedNamingTheKey() {
        for (String[] c : List.of(
                new String[] {"{}", "exactly one of"},
                new String[] {"{\"labels\": \"manifest\", \"segment\": {\"otsu\": true}}", "exactly one of"},
                new String[] {"{\"labels\": \"files\"}", "\"labels\" takes \"manifest\""},
                new String[] {"{\"labels\": \"manifest\", \"mesure\": {}}", "unknown key \"mesure\""},
                new String[] {"{\"segment\": {\"preset\": \"bone\", \"larges\": true}}", "unknown key \"larges\""},
                new String[] {"{\"segment\": {\"preset\": \"bone\", \"otsu\": true}}", "one of threshold, preset and otsu"},
                new String[] {"{\"segment\": {\"threshold\": \"300:\", \"regionGrow\": true}}", "at least one seed"},
                new String[] {"{\"segment\": {\"threshold\": \"300:\", \"close\": -1}}", "finite and >= 0"},
                new String[] {"{\"segment\": {\"preset\": \"bones\"}}", "bones"},
                new String[] {"{\"labels\": \"manifest\", \"measure\": {\"labels\": [0]}}", "1..65535"},
                new String[] {"{\"labels\": \"manifest\", \"measure\": {\"intensity\": \"yes\"}}", "true or false"},
                new String[] {"{\"labels\": \"manifest\", \"meshes\": {\"format\": \"obj\"}}", "\"glb\" or \"stl\""},
                new String[] {"{\"labels\": \"manifest\", \"meshes\": {\"coords\": \"XYZ\"}}", "LPS"},
                new String[] {"{\"labels\": \"manifest\", \"maxVoxels\": 0}", "maxVoxels"},
                new String[] {"{\"model\": {\"path\": \"m.onnx\"}}", "card is missing"},
                new String[] {"[1]", "a plan is a JSON object"},
                new String[] {"{\"labels\": ", "not valid JSON"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CohortPlan.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void theHashFollowsMeaningNotFormatting(@TempDir Path tmp) throws Exception {
        String a = CohortPlan.parse("{\"segment\": {\"preset\": \"bone\", \"minSize\": 100}, \"measure\": {\"intensity\": true}}").hash();
        String b = CohortPlan.parse("{ \"measure\" : { \"intensity\" : true },\n \"segment\" : {\"minSize\": 100.0, \"preset\": \"bone\"} }").hash();
        String c = CohortPlan.parse("{\"segment\": {\"preset\": \"bone\", \"minSize\": 100}, \"measure\": {\"intensity\": false}}").hash();
        assertEquals(a, b, "key order, spaces and 100 vs 100.0 do not matter");
        assertNotEquals(a, c);
        assertEquals(16, a.length());

        // a model plan: the model's bytes count, its path does not
        Files.writeString(tmp.resolve("m.onnx"), "weights 1");
        Files.writeString(tmp.resolve("card.json"), "{}");
        Files.createDirectories(tmp.resolve("moved"));
        Files.writeString(tmp.resolve("moved/m.onnx"), "weights 1");
        Files.writeString(tmp.resolve("moved/card.json"), "{}");
        String plan = "{\"model\": {\"path\": \"m.onnx\", \"card\": \"card.json\"}}";
        CohortPlan here = CohortPlan.parse(plan, tmp, true);
        CohortPlan moved = CohortPlan.parse(plan, tmp.resolve("moved"), true);
        assertEquals(here.hash(), moved.hash());
        assertEquals(tmp.resolve("m.onnx"), here.model().orElseThrow().onnx(), "relative to the plan's folder");
        Files.writeString(tmp.resolve("moved/m.onnx"), "weights 2");
        assertNotEquals(here.hash(), CohortPlan.parse(plan, tmp.resolve("moved"), true).hash());
        // executors get the plan with absolute paths and do not read the model again
        CohortPlan onExecutor = CohortPlan.parse(here.json(), Path.of("/"), false);
        assertEquals(here.model(), onExecutor.model());
    }

    @Test
    void aPlanFileThatIsMissingOrInvalidNamesTheFile(@TempDir Path tmp) throws Exception {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> CohortPlan.read(tmp.resolve("none.json")));
        Path bad = tmp.resolve("plan.json");
        Files.writeString(bad, "{\"segment\": {}}");
        InvalidPlanException e = assertThrows(InvalidPlanException.class, () -> CohortPlan.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": segment: "), e.getMessage());
    }
}
