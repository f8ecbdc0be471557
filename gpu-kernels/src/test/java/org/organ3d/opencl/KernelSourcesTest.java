package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.testkit.RequiresDevice;

/** Every {@code .cl} file is listed in {@link ProgramCache#SOURCES} and compiles on the device. */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelSourcesTest {

    private OpenClContext ctx;

    @BeforeAll
    void open() {
        ctx = new OpenClContext(OpenClPlatforms.select(null));
    }

    @AfterAll
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    static Stream<String> sources() {
        return ProgramCache.SOURCES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void compiles(String source) {
        var first = assertDoesNotThrow(() -> ctx.programs().program(source));
        // Cached: the same program object comes back for the same source and options.
        assertSame(first, ctx.programs().program(source));
    }

    @ParameterizedTest(name = "{0} without fp64")
    @MethodSource("sources")
    void compilesWithTheFloatFallback(String source) {
        System.setProperty(OpenClDevice.NO_FP64_PROPERTY, "true");
        try (OpenClContext c = new OpenClContext(OpenClPlatforms.select(null))) {
            assertTrue(c.programs().baseOptions().contains("-DORGAN3D_FP64=0"));
            assertDoesNotThrow(() -> c.programs().program(source));
        } finally {
            System.clearProperty(OpenClDevice.NO_FP64_PROPERTY);
        }
    }

    @Test
    void everyKernelFileIsListed() throws IOException, URISyntaxException {
        var url = ProgramCache.class.getResource("/org/organ3d/opencl/kernels/scan.cl");
        Set<String> found = new TreeSet<>();
        if ("jar".equals(url.getProtocol())) {
            try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                list(fs.getPath("/org/organ3d/opencl/kernels"), found);
            }
        } else {
            list(Path.of(url.toURI()).getParent(), found);
        }
        assertTrue(found.size() >= 7, found.toString());
        assertEquals(found, new TreeSet<>(ProgramCache.SOURCES));
    }

    private static void list(Path dir, Set<String> out) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cl")).forEach(out::add);
        }
    }
}
