package org.organ3d.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ShortBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.organ3d.mesh.FlyingEdges;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SurfaceNets;
import org.organ3d.segment.Otsu;
import org.organ3d.segment.Threshold;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Heavy passes run in the pool they are called from, and exceptions come back as thrown. */
class ParallelismTest {

    private static final String PREFIX = "organ3d-test-pool-";

    @Test
    void exceptionsAndResultsPassThrough() {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            IOException io = new IOException("disk gone");
            assertSame(io, assertThrows(IOException.class, () -> Parallelism.call(pool, () -> {
                throw io;
            })));
            IllegalStateException ise = new IllegalStateException("bad");
            assertSame(ise, assertThrows(IllegalStateException.class, () -> Parallelism.run(pool, () -> {
                throw ise;
            })));
            assertEquals(2, Parallelism.call(pool, Parallelism::current));
            assertSame(pool, Parallelism.call(pool, Parallelism::currentPool));
            assertSame(ForkJoinPool.commonPool(), Parallelism.currentPool(), "outside: the common pool");
            assertEquals(42, Parallelism.call(pool, () -> Parallelism.call(pool, () -> 42)), "nested call in the same pool");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void passesRunOnTheGivenPoolOnlyAndGiveTheSameAnswer() throws Exception {
        Volume v = sphere(96, 40);
        Mesh reference = FlyingEdges.extract(v, IsoSurfaceOptions.capped(100));
        ForkJoinPool pool = new ForkJoinPool(2, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(PREFIX + t.getPoolIndex());
            return t;
        }, null, false);
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Predicate<Thread> common = t -> t.getName().startsWith("ForkJoinPool.commonPool-worker");
            Predicate<Thread> ours = t -> t.getName().startsWith(PREFIX);
            Map<String, Parallelism.Work<Object, RuntimeException>> passes = new LinkedHashMap<>();
            passes.put("flying edges", () -> FlyingEdges.extract(v, IsoSurfaceOptions.capped(100)));
            passes.put("threshold", () -> Threshold.apply(v, new ThresholdRange(100, 1000), 1));
            passes.put("otsu", () -> Otsu.threshold(v));
            LabelMap map = Threshold.apply(v, new ThresholdRange(100, 1000), 1);
            passes.put("surface nets", () -> SurfaceNets.extract(map, null));
            for (Map.Entry<String, Parallelism.Work<Object, RuntimeException>> e : passes.entrySet()) {
                long common0 = cpu(mx, common);
                long caller0 = mx.getCurrentThreadCpuTime();
                long ours0 = cpu(mx, ours);
                Object result = null;
                for (int r = 0; r < 4; r++) {
                    result = Parallelism.call(pool, e.getValue());
                }
                // NB: what escapes the pool runs on the common pool's workers or on the calling thread
                long escaped = cpu(mx, common) - common0 + mx.getCurrentThreadCpuTime() - caller0;
                long inPool = cpu(mx, ours) - ours0;
                assertTrue(inPool > 0 && escaped < inPool / 5, e.getKey() + ": " + escaped / 1e6
                        + " ms CPU outside the given pool against " + inPool / 1e6 + " ms in it");
                if (result instanceof Mesh m) {
                    assertArrayEquals(reference.indicesCopy(), m.indicesCopy(), "same triangles in any pool");
                    assertArrayEquals(reference.positionsCopy(), m.positionsCopy());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** CPU time (ns) of the live threads that {@code which} selects. */
    private static long cpu(ThreadMXBean mx, Predicate<Thread> which) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (which.test(t)) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** n³ int16 voxels, 1000 inside a sphere of radius r voxels, 0 outside. */
    private static Volume sphere(int n, double r) {
        Volume.Builder b = Volume.builder(new Dimensions(n, n, n), VoxelType.INT16, Geometry.axisAligned(Spacing.isotropic(1)));
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double d = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
                    s.put(j * n + i, (short) (d <= r ? 1000 : 0));
                }
            }
        }
        return b.build();
    }
}
