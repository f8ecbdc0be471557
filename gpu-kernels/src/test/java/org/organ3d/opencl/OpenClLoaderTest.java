package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.testkit.Processes;
import org.organ3d.testkit.RequiresDevice;

/**
 * The ICD loader is found under its runtime name and handed to JOCL through the generated stub: a
 * child JVM whose only loader in the library path is a copy named {@code libOpenCL.so.1} lists the
 * devices, and the OpenCL files it maps are exactly that copy and the stub (the system's
 * {@code libOpenCL.so}, the {@code -dev} name JOCL asks for, is not opened). A damaged loader is
 * reported with the linker's reason and JOCL is never asked (stdout stays empty).
 */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class OpenClLoaderTest {

    private static Processes.Run child(Map<String, String> env, String... props) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(List.of(props));
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(LoaderProbeMain.class.getName());
        return Processes.run(cmd, null, env, Duration.ofMinutes(2));
    }

    @Test
    void aLoaderKnownOnlyAsLibOpenClSo1IsUsed(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(OpenClLoader.prepare().isEmpty(), "skipped: no loader here");
        Path real = OpenClLoader.loadedLibrary().toRealPath();
        Path only = Files.createDirectories(dir.resolve("driver-only"));
        Path copy = Files.copy(real, only.resolve("libOpenCL.so.1"));
        Processes.Run r = child(Map.of("LD_LIBRARY_PATH", only.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertTrue(r.err().contains("devices "), r.err());
        assertTrue(r.err().contains("loader " + copy), r.err());
        Set<String> mapped = new TreeSet<>();
        r.err().lines().filter(l -> l.startsWith("mapped ")).forEach(l -> mapped.add(l.substring(7)));
        assertTrue(mapped.contains(copy.toString()), mapped.toString());
        for (String m : mapped) {
            assertTrue(m.equals(copy.toString()) || m.matches(".*/organ3d-opencl[^/]*/libOpenCL\\.so"),
                    "another OpenCL loader was opened: " + m + " in " + mapped);
        }
    }

    @Test
    void aDamagedLoaderIsReportedWithoutAskingJocl(@TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve("libOpenCL.so.1"), new byte[] {1, 2, 3});
        Processes.Run r = child(Map.of(), "-D" + OpenClLoader.LIBRARY_PROPERTY + "=" + bad);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertTrue(r.err().contains("unavailable the OpenCL loader " + bad + " does not load"), r.err());
        assertTrue(!r.err().contains("mapped " + bad), r.err());
    }
}
