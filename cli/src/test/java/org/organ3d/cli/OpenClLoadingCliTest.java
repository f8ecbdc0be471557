package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.opencl.OpenClLoader;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * How the command behaves on machines with less OpenCL than this one, each run in a child JVM (native
 * loading happens once per process):
 * <ul>
 * <li>No OpenCL loader at all: {@code mesh --json} prints one JSON document that {@code python3 -m
 * json.tool} accepts, names {@code java} as the backend, and stderr has exactly one line, the note
 * saying Java was used and why. Two ways to take the loader away: the loader option pointing at a file
 * that does not exist, and (where unprivileged namespaces exist) the real loader file hidden from the
 * child by a bind mount, with a control run showing that JOCL left alone would print on stdout there.</li>
 * <li>Only the runtime name: a copy of the ICD loader named {@code libOpenCL.so.1} alone in a folder on
 * {@code LD_LIBRARY_PATH}: {@code measure --backend opencl} runs on OpenCL (the loader the child
 * maps is checked by the gpu-kernels test {@code OpenClLoaderTest}).</li>
 * </ul>
 */
class OpenClLoadingCliTest {

    private static Path ct(Path dir) throws Exception {
        Dimensions d = new Dimensions(16, 14, 10);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.axisAligned(new Spacing(1, 1, 1.5)));
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double r2 = (i - 7.5) * (i - 7.5) + (j - 6.5) * (j - 6.5) + (k - 4.5) * (k - 4.5) * 2.25;
                    s.put(j * d.nx() + i, (short) (r2 < 16 ? 200 : -100));
                }
            }
        }
        Path p = dir.resolve("ct.nii.gz");
        ImageFormats.write(p, b.build(), Map.of());
        return p;
    }

    private static List<String> java(List<String> props) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(props);
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return cmd;
    }

    /** Runs the CLI in a child JVM. */
    private static Processes.Run cli(List<String> props, Map<String, String> env, String... args) {
        List<String> cmd = java(props);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return Processes.run(cmd, null, env, Duration.ofMinutes(3));
    }

    /** One JSON document on stdout (strict: nothing before or after), python's json.tool agreeing. */
    private static JsonNode oneDocument(String out) throws Exception {
        JsonNode n;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(out)) {
            n = Json.MAPPER.readTree(p);
            assertTrue(p.nextToken() == null, "more than one JSON document on stdout:\n" + out);
        }
        if (Files.isExecutable(ExternalTool.PYTHON)) {
            Path tmp = Files.createTempFile("organ3d-stdout", ".json");
            try {
                Files.writeString(tmp, out);
                Processes.Run py = Processes.run(List.of(ExternalTool.PYTHON.toString(), "-m", "json.tool", tmp.toString()),
                        null, Duration.ofSeconds(60));
                assertEquals(0, py.exit(), "python3 -m json.tool rejects stdout:\n" + out + py.err());
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return n;
    }

    private static void assertJavaWithOneNote(Processes.Run r, String command) throws Exception {
        assertEquals(0, r.exit(), r.err());
        JsonNode n = oneDocument(r.out());
        assertEquals("java", n.get("backend").asText(), r.out());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "stderr must be one note line:\n" + r.err());
        assertTrue(lines.get(0).startsWith("organ3d " + command + ": note: using the java backend: opencl is unavailable"),
                lines.get(0));
    }

    @Test
    void withoutALoaderMeshJsonIsOneDocumentAndStderrOneNote(@TempDir Path dir) throws Exception {
        Path ct = ct(dir);
        Processes.Run r = cli(List.of("-D" + OpenClLoader.LIBRARY_PROPERTY + "=" + dir.resolve("none/libOpenCL.so.1")), Map.of(),
                "mesh", ct.toString(), "--out", dir.resolve("s.stl").toString(), "--iso", "50", "--json");
        assertJavaWithOneNote(r, "mesh");
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void withTheLoaderHiddenByANamespaceMeshJsonIsStillOneDocument(@TempDir Path dir) throws Exception {
        Path loader = realLoader();
        Assumptions.assumeTrue(loader != null, "skipped: no OpenCL loader on this machine to hide");
        Processes.Run probe = Processes.run(List.of("unshare", "-rm", "true"), null, Duration.ofSeconds(30));
        Assumptions.assumeTrue(probe.exit() == 0, "skipped: unprivileged mount namespaces unavailable (unshare -rm): "
                + probe.err().strip());
        Path ct = ct(dir);
        Path empty = Files.createFile(dir.resolve("empty"));
        List<String> cli = java(List.of());
        cli.add(Main.class.getName());
        cli.addAll(List.of("mesh", ct.toString(), "--out", dir.resolve("s.stl").toString(), "--iso", "50", "--json"));
        Processes.Run r = Processes.run(hidden(empty, loader, cli), null, Duration.ofMinutes(3));
        assertJavaWithOneNote(r, "mesh");
        // Control: JOCL asked directly in the same setting prints its failure on stdout.
        List<String> raw = java(List.of());
        raw.add(JoclDirect.class.getName());
        Processes.Run c = Processes.run(hidden(empty, loader, raw), null, Duration.ofMinutes(2));
        assertTrue(c.out().contains("Could not load"), "JOCL did not print on stdout, the control is void:\n" + c.out() + c.err());
    }

    /**
     * {@code cmd} run with {@code loader} (its real file) replaced by an empty file in a private mount
     * namespace. NB: unshare, sh and mount run without the test JVMs' LD_PRELOAD (libjsig prints a
     * warning on stderr when a program that is not a JVM calls signal()); the JVM gets it back.
     */
    private static List<String> hidden(Path empty, Path loader, List<String> cmd) throws Exception {
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        StringBuilder sh = new StringBuilder("mount --bind '" + empty + "' '" + loader.toRealPath() + "' && LD_PRELOAD='"
                + preload + "' exec");
        for (String a : cmd) {
            sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return List.of("env", "-u", "LD_PRELOAD", "unshare", "-rm", "sh", "-c", sh.toString());
    }

    @Test
    void onlyTheRuntimeNameInTheLibraryPathRunsOpenCl(@TempDir Path dir) throws Exception {
        Path loader = realLoader();
        Assumptions.assumeTrue(loader != null && new CliOpenClProbe().unavailableReason().isEmpty(),
                "skipped: no OpenCL device on this machine");
        Path only = Files.createDirectories(dir.resolve("driver-only"));
        Files.copy(loader.toRealPath(), only.resolve("libOpenCL.so.1"));
        Path ct = ct(dir);
        Map<String, String> env = new HashMap<>();
        env.put("LD_LIBRARY_PATH", only.toString());
        Processes.Run r = cli(List.of(), env, "segment", ct.toString(), "--out", dir.resolve("l.nii.gz").toString(),
                "--threshold", "100:", "--dilate", "2", "--backend", "opencl", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("opencl", oneDocument(r.out()).get("backend").asText());
    }

    /** The ICD loader this machine would use, or null. */
    private static Path realLoader() {
        var found = org.organ3d.opencl.OpenClLoader.prepare();
        return found.isPresent() ? null : OpenClLoader.loadedLibrary();
    }
}
