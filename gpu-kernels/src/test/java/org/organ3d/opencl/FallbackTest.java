package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.compute.BackendUnavailableException;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.compute.FallbackBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Volume;

/**
 * Faults never fail a study in {@code auto} mode: a kernel that does not build, an allocation
 * failure and a missing platform each fall back to Java with the same answer and one warning; an
 * explicit OpenCL backend reports the typed reason instead.
 */
class FallbackTest {

    /**
     * Held strongly: the log manager keeps loggers only weakly, so a handler added to an
     * unreferenced logger can be lost to a garbage collection before the backend logs.
     */
    private static final Logger COMPUTE_LOG = Logger.getLogger("org.organ3d.compute");

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final Volume sphere = Phantoms.sphere(24, 1.0, 8);
    private final IsoSurfaceOptions iso = IsoSurfaceOptions.open(0);

    @BeforeEach
    void listen() {
        COMPUTE_LOG.addHandler(capture);
    }

    @AfterEach
    void reset() {
        COMPUTE_LOG.removeHandler(capture);
        Faults.clear();
    }

    private void assertSameAsJava(Mesh m) {
        Mesh want = new JavaBackend().isosurface(sphere, iso);
        assertArrayEquals(want.indicesCopy(), m.indicesCopy());
        assertArrayEquals(want.positionsCopy(), m.positionsCopy(), 1e-4f);
    }

    @Test
    @Tag("opencl")
    @RequiresDevice(value = "opencl", probe = OpenClProbe.class)
    void buildFailureFallsBackWithTheLogKept() {
        Faults.brokenKernel = "flying_edges.cl";
        try (OpenClBackend explicit = new OpenClBackend()) {
            KernelBuildException e = assertThrows(KernelBuildException.class, () -> explicit.isosurface(sphere, iso));
            assertTrue(e.buildLog().contains("error"), e.buildLog());
            assertEquals("flying_edges.cl", e.sourceName());
        }
        try (ComputeBackend auto = ComputeBackends.withFallback(new OpenClBackend())) {
            assertSameAsJava(auto.isosurface(sphere, iso));
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).getMessage().contains("failed to build"), warnings.get(0).getMessage());
    }

    @Test
    @Tag("opencl")
    @RequiresDevice(value = "opencl", probe = OpenClProbe.class)
    void allocationFailureFallsBack() {
        Faults.failAllocAbove = 4096;
        try (OpenClBackend explicit = new OpenClBackend()) {
            OpenClException e = assertThrows(OpenClException.class, () -> explicit.isosurface(sphere, iso));
            assertTrue(e.isResourceFailure(), e.statusName());
            assertEquals("CL_MEM_OBJECT_ALLOCATION_FAILURE", e.statusName());
        }
        try (ComputeBackend auto = ComputeBackends.withFallback(new OpenClBackend())) {
            assertSameAsJava(auto.isosurface(sphere, iso));
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).getMessage().contains("CL_MEM_OBJECT_ALLOCATION_FAILURE")
                || warnings.get(0).getMessage().contains("allocate"), warnings.get(0).getMessage());
    }

    @Test
    void missingPlatformFallsBackAndExplicitFails() {
        Faults.hidePlatforms = true;
        OpenClBackend cl = new OpenClBackend();
        assertFalse(cl.isAvailable());
        assertTrue(cl.unavailableReason().orElseThrow().contains("no OpenCL platform"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> ComputeBackends.select("opencl"));
        assertTrue(e.getMessage().contains("no OpenCL platform"), e.getMessage());
        try (ComputeBackend auto = ComputeBackends.select("auto")) {
            assertEquals("java", auto.name());
            assertSameAsJava(auto.isosurface(sphere, iso));
        }
        // The backend used directly (as a wrapper would) also falls back, with one warning.
        try (ComputeBackend wrapped = ComputeBackends.withFallback(cl)) {
            assertTrue(wrapped instanceof FallbackBackend);
            assertSameAsJava(wrapped.isosurface(sphere, iso));
        }
        assertEquals(1, warnings.size(), warnings.toString());
    }
}
