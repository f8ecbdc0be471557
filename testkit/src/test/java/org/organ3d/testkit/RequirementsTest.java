package org.organ3d.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    private final String saved = System.getProperty(Requirements.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Requirements.PROPERTY);
        } else {
            System.setProperty(Requirements.PROPERTY, saved);
        }
    }

    @Test
    void aMissingToolSkipsUnlessRequired() {
        System.setProperty(Requirements.PROPERTY, "opencl");
        assertThrows(TestAbortedException.class, () -> Requirements.missing("vtk", true, "t", "not here"));
        assertThrows(AssertionFailedError.class, () -> Requirements.missing("opencl", false, "t", "not here"));
    }

    @Test
    void toolsRequiresEveryToolButNoDevice() {
        System.setProperty(Requirements.PROPERTY, "gl, tools");
        assertThrows(AssertionFailedError.class, () -> Requirements.missing("plastimatch", true, "t", "not here"));
        assertThrows(TestAbortedException.class, () -> Requirements.missing("opencl", false, "t", "not here"));
        assertThrows(AssertionFailedError.class, () -> Requirements.missing("gl", false, "t", "not here"));
    }

    @Test
    void aTimeoutFailsAndKillsTheChild() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Processes.run(List.of("sh", "-c", "sleep 30 & wait"), Path.of("."), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep")),
                "the child's sleep was killed");
    }

    @Test
    void outputIsCaptured() {
        Processes.Run r = Processes.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null, Duration.ofSeconds(20));
        assertEquals(3, r.exit());
        assertEquals("out\n", r.out());
        assertEquals("err\n", r.err());
    }
}
