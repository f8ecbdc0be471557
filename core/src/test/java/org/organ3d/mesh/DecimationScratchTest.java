package org.organ3d.mesh;

import org.junit.jupiter.api.Test;

class DecimationScratchTest {
    @Test
    void scratch() {
        Mesh s = MeshPrimitives.icosphere(0, 0, 0, 20, 6);
        long t0 = System.nanoTime();
        DecimationResult r = QuadricDecimation.decimate(s, QuadricDecimation.Options.toFraction(0.1));
        System.out.printf("sphere %d -> %d in %.1f ms, err %.4f wt %b vm %b euler %d dV %.5f%n", r.trianglesBefore(), r.trianglesAfter(),
                (System.nanoTime() - t0) / 1e6, r.maxErrorMm(), TestMeshes.watertightOriented(r.mesh()), TestMeshes.vertexManifold(r.mesh()),
                TestMeshes.euler(r.mesh()), TestMeshes.volume(r.mesh()) / TestMeshes.volume(s) - 1);
        Mesh t = MeshPrimitives.torus(0, 0, 0, 20, 6, 200, 80);
        r = QuadricDecimation.decimate(t, QuadricDecimation.Options.toFraction(0.1));
        System.out.printf("torus %d -> %d err %.4f wt %b vm %b euler %d dV %.5f%n", r.trianglesBefore(), r.trianglesAfter(),
                r.maxErrorMm(), TestMeshes.watertightOriented(r.mesh()), TestMeshes.vertexManifold(r.mesh()),
                TestMeshes.euler(r.mesh()), TestMeshes.volume(r.mesh()) / TestMeshes.volume(t) - 1);
        r = QuadricDecimation.decimate(s, QuadricDecimation.Options.maxError(0.05));
        System.out.printf("sphere maxerr %d -> %d err %.4f wt %b%n", r.trianglesBefore(), r.trianglesAfter(), r.maxErrorMm(), TestMeshes.watertightOriented(r.mesh()));
        Mesh big = MeshPrimitives.icosphere(0, 0, 0, 100, 8);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            r = QuadricDecimation.decimate(big, QuadricDecimation.Options.toFraction(0.1));
            System.out.printf("big %d -> %d in %.1f ms wall, %.1f ms cpu%n", r.trianglesBefore(), r.trianglesAfter(), (System.nanoTime() - t0) / 1e6, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
        }
    }
}
