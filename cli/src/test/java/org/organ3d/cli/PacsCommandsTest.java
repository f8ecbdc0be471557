package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.OrthancServer;
import org.organ3d.testkit.Processes;
import org.organ3d.testkit.RequiresDevice;

/**
 * {@code organ3d find | pull | push} and DICOMweb URLs as inputs, as a user runs them: the command in
 * its own JVM with the credentials in its environment, against Orthanc. Checks the CONTRACT's JSON
 * keys, the exit codes, that a refused login writes nothing, and that the password appears in no
 * output, no error and no process's command line ({@code ps}) while the commands run.
 */
class PacsCommandsTest {

    static final String USER = "cli-user";
    static final String PASSWORD = "Cli-Secret-9043-zz";
    /** The phantom on a coarse grid (the small phantom's field of view in 48 x 48 x 16 voxels). */
    static final PhantomGrid GRID = new PhantomGrid(48, 48, 16, 7.5, 7.5, 19);

    @TempDir
    static Path tmp;

    static OrthancServer orthanc;
    static SeriesInfo info;
    static Path series;
    static final List<String> outputs = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        ExternalTool.ORTHANC.require();
        info = new SeriesInfo("Cli^Patient", "PAT-CLI", null, null, null, "CT", "phantom", "cli study", 3);
        series = tmp.resolve("src");
        DicomSeriesWriter.writeCtSeries(PhantomGenerator.generate(GRID).ct(), series, info);
        orthanc = OrthancServer.start(tmp.resolve("orthanc"), new OrthancServer.Options(USER, PASSWORD, List.of("ORGAN3D")));
        try (Stream<Path> s = Files.list(series)) {
            for (Path f : s.sorted().toList()) {
                orthanc.upload(f);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
        for (String o : outputs) {
            assertFalse(o.contains(PASSWORD), "the password leaked into an output:\n" + o);
        }
    }

    /** Environment of a child with the right (or a wrong) password and a private cache. */
    static Map<String, String> env(String password) {
        Map<String, String> e = new HashMap<>();
        e.put("ORGAN3D_PACS_USER", USER);
        e.put("ORGAN3D_PACS_PASSWORD", password);
        e.put("ORGAN3D_CACHE", tmp.resolve("cache").toString());
        e.put("HOME", tmp.resolve("home").toString());
        return e;
    }

    /**
     * {@code java @argfile Main args...}: the long class path goes in an argument file, so the
     * command line that {@code ps} shows stays short enough to be shown whole.
     */
    static List<String> command(String... args) {
        Path argFile = tmp.resolve("java.args");
        try {
            if (!Files.exists(argFile)) {
                Files.writeString(argFile, "-Xmx512m\n-XX:TieredStopAtLevel=1\n-cp\n\""
                        + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile, Main.class.getName()));
        c.addAll(List.of(args));
        return c;
    }

    static Processes.Run organ3d(Map<String, String> env, String... args) {
        Processes.Run r = Processes.run(command(args), tmp, env, Duration.ofSeconds(120));
        outputs.add(r.out());
        outputs.add(r.err());
        return r;
    }

    static JsonNode json(Processes.Run r) throws IOException {
        assertEquals(0, r.exit(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    /** In this JVM: fine for DICOM addresses, where the archive admits us by AE title, not by password. */
    static Processes.Run inProcess(String... args) {
        CliRun r = CliRun.run(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return new Processes.Run(r.code(), r.out(), r.err());
    }

    @Test
    void findListsTheStudyWithContractKeys() throws IOException {
        for (String server : List.of(orthanc.dicomWebUrl(), orthanc.dicomUrl())) {
            String[] args = {"find", server, "--patient", "PAT-CLI", "--modality", "CT", "--json"};
            JsonNode j = json(server.startsWith("http") ? organ3d(env(PASSWORD), args) : inProcess(args));
            assertEquals(1, j.get("studies").size(), j.toString());
            JsonNode s = j.get("studies").get(0);
            assertEquals(info.studyInstanceUID(), s.get("studyInstanceUID").asText());
            assertEquals("PAT-CLI", s.get("patientID").asText());
            assertEquals("CT", s.get("modalities").get(0).asText());
            assertTrue(s.get("studyDate").asText().matches("\\d{8}"), s.toString());
            JsonNode se = s.get("series").get(0);
            assertEquals(info.seriesInstanceUID(), se.get("seriesInstanceUID").asText());
            assertEquals("CT", se.get("modality").asText());
            assertEquals(16, se.get("instances").asInt());
            if (!server.startsWith("http")) {
                assertEquals(0, json(inProcess("find", server, "--patient", "NOBODY", "--json")).get("studies").size());
            }
        }
    }

    @Test
    void pullWritesTheSeriesFolderAndReadsLikeTheOriginal() throws IOException {
        LoadedImage original = ImageFormats.read(series);
        for (String server : List.of(orthanc.dicomWebUrl(), orthanc.dicomUrl())) {
            Path out = tmp.resolve("pulled-" + server.charAt(0));
            String[] args = {"pull", server, "--study", info.studyInstanceUID(), "--out", out.toString(), "--json"};
            JsonNode j = json(server.startsWith("http") ? organ3d(env(PASSWORD), args) : inProcess(args));
            JsonNode s = j.get("series").get(0);
            assertEquals(info.seriesInstanceUID(), s.get("seriesInstanceUID").asText());
            assertEquals(16, s.get("instances").asInt());
            assertTrue(s.get("bytes").asLong() > 16 * 48 * 48 * 2);
            assertEquals(out.resolve(info.seriesInstanceUID()).toAbsolutePath().normalize().toString(), s.get("folder").asText());
            assertTrue(j.get("seconds").asDouble() > 0);
            LoadedImage got = ImageFormats.read(Path.of(s.get("folder").asText()));
            assertEquals(original.volume().dimensions(), got.volume().dimensions());
            for (int k = 0; k < 16; k += 5) {
                assertEquals(original.volume().raw(17, 23, k), got.volume().raw(17, 23, k));
            }
        }
    }

    @Test
    void wrongPasswordFailsWithOneLineAndWritesNothing() {
        for (String cmd : List.of("pull")) {
            Path out = tmp.resolve("refused-" + cmd);
            List<String> args = new ArrayList<>(List.of(cmd, orthanc.dicomWebUrl()));
            if (cmd.equals("pull")) {
                args.addAll(List.of("--study", info.studyInstanceUID(), "--out", out.toString()));
            }
            Processes.Run r = organ3d(env("wrong-" + PASSWORD.substring(3)), args.toArray(String[]::new));
            assertEquals(1, r.exit(), r.err());
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith("organ3d " + cmd + ": error: ") && lines.get(0).contains("HTTP 401")
                    && lines.get(0).contains("ORGAN3D_PACS_USER") == false, lines.get(0));
            assertFalse(r.err().contains("wrong-"), "the (wrong) password is not echoed");
            assertFalse(Files.exists(out), "nothing written after a refused login");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRun.run("find", "pacs.example.org").code());
        assertEquals(2, CliRun.run("pull", orthanc.dicomWebUrl(), "--study", "not-a-uid", "--out", "x").code());
        assertEquals(2, CliRun.run("find", orthanc.dicomWebUrl(), "--study-date", "2024-01-01").code());
        CliRun r = CliRun.run("find", "https://user:" + PASSWORD + "@pacs.example.org/dicom-web");
        assertEquals(2, r.code());
        assertFalse(r.err().contains(PASSWORD), r.err());
        assertTrue(r.err().contains("credentials in the URL are refused"), r.err());
        assertEquals(2, CliRun.run("info", orthanc.dicomWebUrl() + "/studies/1.2.3").code(), "not a series URL");
    }

    @Test
    void pushStoresFilesAndReportsTheOnesRefused() throws IOException {
        Path extra = tmp.resolve("push");
        SeriesInfo other = SeriesInfo.ct("Push^Cli", "PAT-PUSH", "pushed");
        DicomSeriesWriter.writeCtSeries(PhantomGenerator.generate(GRID).ct(), extra, other);
        JsonNode j = json(inProcess("push", orthanc.dicomUrl(), extra.toString(), "--json"));
        assertEquals(16, j.get("stored").size());
        assertEquals(0, j.get("failed").size());
        Path junk = Files.writeString(tmp.resolve("junk.dcm"), "not DICOM");
        Processes.Run r = inProcess("push", orthanc.dicomUrl(), junk.toString(), "--json");
        assertEquals(1, r.exit());
        JsonNode k = Json.MAPPER.readTree(r.out());
        assertEquals(junk.toString(), k.get("failed").get(0).get("file").asText());
        assertTrue(r.err().contains("organ3d push: error: 1 of 1 file(s) were not stored"), r.err());
    }

    @Test
    void seriesUrlIsAnInputAndThePasswordNeverShowsInPs() throws Exception {
        String url = orthanc.dicomWebUrl() + "/studies/" + info.studyInstanceUID() + "/series/" + info.seriesInstanceUID();
        ProcessBuilder pb = new ProcessBuilder(command("info", url, "--json"));
        pb.environment().putAll(env(PASSWORD));
        pb.environment().put("ORGAN3D_CACHE", tmp.resolve("cache-info").toString());
        pb.redirectOutput(tmp.resolve("info.out").toFile());
        pb.redirectError(tmp.resolve("info.err").toFile());
        Process p = pb.start();
        boolean seen = false;
        try {
            while (p.isAlive()) {
                Processes.Run ps = Processes.run(List.of("ps", "-eo", "args"), tmp, Duration.ofSeconds(30));
                assertFalse(ps.out().contains(PASSWORD), "ps shows the password");
                seen |= ps.out().contains(url);
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
        } finally {
            Processes.kill(p);
        }
        assertTrue(seen, "ps listed the running command (so the check above looked at it)");
        String out = Files.readString(tmp.resolve("info.out"));
        String err = Files.readString(tmp.resolve("info.err"));
        outputs.add(out);
        outputs.add(err);
        assertEquals(0, p.exitValue(), err);
        JsonNode j = Json.MAPPER.readTree(out);
        assertEquals(16, j.get("dimensions").get(2).asInt());
        assertEquals(info.seriesInstanceUID(), j.get("seriesInstanceUID").asText());
        assertTrue(err.contains("into the cache"), err);
    }

    @Tag("gl")
    @RequiresDevice(value = "gl", probe = DisplayProbe.class)
    @Test
    void viewerOpensASeriesUrl() throws IOException {
        String url = orthanc.dicomWebUrl() + "/studies/" + info.studyInstanceUID() + "/series/" + info.seriesInstanceUID();
        Path png = tmp.resolve("view.png");
        Map<String, String> e = env(PASSWORD);
        e.put("LIBGL_ALWAYS_SOFTWARE", "1");
        e.put("ORGAN3D_CACHE", tmp.resolve("cache-view").toString());
        Processes.Run r = organ3d(e, "view", url, "--iso", "100", "--screenshot", png.toString(), "--size", "160x120");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(png) > 0);
    }
}
