package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.cohort.SparkRuntime;
import org.organ3d.io.ImageFormats;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;

/**
 * {@code organ3d cohort} as a user runs it: in a JVM of its own with Spark 3.5's jars beside the
 * command and the Java 17 flags (what the launcher does), one JSON document on stdout, notices on
 * stderr as {@code organ3d cohort: ...} lines only, exit codes of the contract. The cohort job itself is
 * tested in the cohort module; here: the command's wiring, and that it runs on the Jackson that Spark
 * brings (2.15; organ3d.jar relocates its own).
 */
class CohortCommandTest {

    @Test
    void withoutSparkOnTheClassPathTheCommandSaysWhatToDo(@TempDir Path tmp) throws Exception {
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, "{\"labels\": \"manifest\"}");
        Files.writeString(tmp.resolve("m.csv"), "study_id,image\n");
        CliRun r = CliRun.run("cohort", tmp.resolve("m.csv").toString(), "--plan", plan.toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("organ3d cohort: error: ") && r.err().contains("Spark is not on the class path")
                && r.err().contains("launcher"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anInvalidPlanIsBadUsageNamingTheFileAndTheKey(@TempDir Path tmp) throws Exception {
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, "{\"labels\": \"manifest\", \"measure\": {\"intensty\": true}}");
        CliRun r = CliRun.run("cohort", tmp.resolve("m.csv").toString(), "--plan", plan.toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(plan.toString()) && r.err().contains("intensty"), r.err());
        CliRun m = CliRun.run("cohort", "m.csv", "--plan", plan.toString(), "--out", "o", "--master", "local[0]");
        assertEquals(ExitCodes.USAGE, m.code(), m.err());
    }

    @Test
    void runsACohortInLocalModeWithOneJsonDocumentOnStdout(@TempDir Path tmp) throws Exception {
        List<String> csv = new ArrayList<>(List.of("study_id,image,labels,arm"));
        for (int i = 0; i < 2; i++) {
            PhantomStudy s = PhantomGenerator.generate(new PhantomGrid(48, 48, 60, 7.5, 7.5, 5.0 + i));
            Path d = Files.createDirectories(tmp.resolve("s" + i));
            ImageFormats.write(d.resolve("ct.nii.gz"), s.ct(), Map.of());
            ImageFormats.write(d.resolve("labels.nii.gz"), s.labels().labels(), s.labels().info());
            csv.add("P" + i + ",s" + i + "/ct.nii.gz,s" + i + "/labels.nii.gz," + (i == 0 ? "A" : "B"));
        }
        csv.add("P9,missing/ct.nii.gz,,A");
        Files.write(tmp.resolve("manifest.csv"), csv);
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, "{\"labels\": \"manifest\", \"measure\": {\"labels\": [1], \"surfaces\": false}}");
        Path out = tmp.resolve("out");

        Processes.Run r = cohort(tmp.resolve("manifest.csv"), plan, out, "--json", "--master", "local[1]", "--backend", "java");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(r.out())) {
            summary = Json.MAPPER.readTree(p);
            assertNull(p.nextToken(), "one JSON document on stdout:\n" + r.out());
        }
        assertEquals(3, summary.get("studies").asInt());
        assertEquals(2, summary.get("succeeded").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertEquals(0, summary.get("skipped").asInt());
        assertEquals(2, summary.get("rows").asInt(), "the liver (label 1) of each good study");
        assertEquals("P9", summary.get("failures").get(0).get("study_id").asText());
        assertEquals(Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("planHash"), summary.get("planHash"));
        for (String line : r.err().lines().toList()) {
            assertTrue(line.startsWith("organ3d cohort: "), "stderr line: " + line);
        }
        try (Stream<Path> parts = Files.list(out.resolve("measurements"))) {
            assertEquals(2, parts.count());
        }
        // NB: reruns, partitions and values are the cohort module's tests; one JVM start here (Spark's is slow)
    }

    /** The command in a JVM of its own, as the launcher starts it (Spark's jars and the Java 17 flags). */
    private static Processes.Run cohort(Path manifest, Path plan, Path out, String... more) throws Exception {
        Path root = ExternalTool.repositoryRoot();
        Path sparkCp = root == null ? null : root.resolve("cohort/target/spark-classpath.txt");
        if (sparkCp == null || !Files.isRegularFile(sparkCp)) {
            fail("cohort/target/spark-classpath.txt is missing: the cohort module writes it when it is built");
        }
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)) {
            // NB: organ3d.jar relocates its Jackson; here the classes are unrelocated, so Spark's Jackson (2.15,
            // from the Spark class path) serves both, as it does under spark-submit
            if (!e.contains("/com/fasterxml/jackson/")) {
                cp.add(e);
            }
        }
        cp.add(Files.readString(sparkCp).strip());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(SparkRuntime.JAVA17_FLAGS);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of("cohort", manifest.toString(), "--plan", plan.toString(), "--out", out.toString()));
        cmd.addAll(List.of(more));
        return Processes.run(cmd, null, Duration.ofMinutes(4));
    }
}
