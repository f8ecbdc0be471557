package org.organ3d.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class FallbackBackendTest {

    /** A device backend that always fails as a lost device would. */
    static class Broken implements ComputeBackend {
        int calls;

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public int autoPriority() {
            return 100;
        }

        @Override
        public Mesh isosurface(Volume volume, IsoSurfaceOptions options) {
            calls++;
            throw new BackendUnavailableException("device lost (test)");
        }

        @Override
        public MaskMoments maskMoments(byte[][] mask, Dimensions dims, Volume image) {
            calls++;
            throw new IllegalArgumentException("bad input is not retried");
        }
    }

    private static Volume cube() {
        Volume.Builder b = Volume.builder(new Dimensions(6, 6, 6), VoxelType.UINT8, Geometry.unit());
        for (int k = 1; k < 5; k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 1; j < 5; j++) {
                for (int i = 1; i < 5; i++) {
                    s.put(j * 6 + i, (byte) (100));
                }
            }
        }
        return b.fillMissingWithZeros().build();
    }

    @Test
    void runtimeFailureRunsJavaWithOneWarning() {
        List<LogRecord> warnings = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // held in a local for the whole test: the log manager keeps loggers only weakly
        Logger computeLog = Logger.getLogger("org.organ3d.compute");
        computeLog.addHandler(h);
        try {
            Broken broken = new Broken();
            ComputeBackend b = ComputeBackends.withFallback(broken);
            assertEquals("broken", b.name());
            Mesh got = b.isosurface(cube(), IsoSurfaceOptions.open(50));
            Mesh want = new JavaBackend().isosurface(cube(), IsoSurfaceOptions.open(50));
            assertArrayEquals(want.indicesCopy(), got.indicesCopy());
            assertArrayEquals(want.positionsCopy(), got.positionsCopy());
            assertEquals(1, broken.calls);
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).getMessage().contains("device lost (test)"));
            assertThrows(IllegalArgumentException.class, () -> b.maskMoments(new byte[6][36], new Dimensions(6, 6, 6), null));
        } finally {
            computeLog.removeHandler(h);
        }
    }

    @Test
    void javaIsNeverWrappedAndUnknownNamesFail() {
        JavaBackend j = new JavaBackend();
        assertSame(j, ComputeBackends.withFallback(j));
        assertThrows(BackendUnavailableException.class, () -> ComputeBackends.select("no-such-backend"));
        assertEquals("java", ComputeBackends.select("java").name());
    }

    @Test
    void javaMaskMomentsAreExact() {
        Dimensions d = new Dimensions(4, 3, 2);
        byte[][] m = new byte[2][12];
        m[0][5] = 1; // (1, 1, 0)
        m[1][11] = 1; // (3, 2, 1)
        MaskMoments mm = new JavaBackend().maskMoments(m, d, null);
        assertEquals(2, mm.count());
        assertEquals(4, mm.sumI());
        assertEquals(3, mm.sumJ());
        assertEquals(1, mm.sumK());
        assertEquals(1, mm.iMin());
        assertEquals(3, mm.iMax());
        assertEquals(0, mm.kMin());
        assertEquals(1, mm.kMax());
        assertEquals(2.0, mm.centroid(Geometry.unit()).x, 0);
    }

    @Test
    void newPassesFallBackToJavaWithTheNoticeAndNameTheBackendThatRan() {
        ComputeBackend failing = new Broken() {
            @Override
            public LabelStatistics labelStatistics(org.organ3d.volume.LabelMap map, Volume image, LabelStatistics.Options o) {
                throw new BackendUnavailableException("out of device memory (test)");
            }
        };
        List<String> notes = new ArrayList<>();
        FallbackBackend fb = new FallbackBackend(failing, new JavaBackend(), notes::add);
        org.organ3d.volume.LabelMap map = LabelStatisticsTest.randomLabels(new Dimensions(9, 8, 7), 5, 3, VoxelType.UINT8);
        Volume img = LabelStatisticsTest.randomImage(new Dimensions(9, 8, 7), VoxelType.INT16, org.organ3d.volume.Rescale.IDENTITY, 4,
                false);
        assertEquals("broken", fb.ranOn());
        LabelStatistics got = fb.labelStatistics(map, img, LabelStatistics.Options.all());
        LabelStatistics want = new JavaBackend().labelStatistics(map, img, LabelStatistics.Options.all());
        assertEquals(want.labels(), got.labels());
        for (int c = 0; c < want.size(); c++) {
            assertEquals(want.voxels(c), got.voxels(c));
            assertEquals(want.intensity(c), got.intensity(c));
        }
        assertEquals(List.of("labelStatistics"), fb.fallbacks());
        assertEquals("java", fb.ranOn());
        assertEquals("java", ComputeBackends.ranOn(fb));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("broken failed in labelStatistics (out of device memory (test))"), notes.get(0));
    }
}
