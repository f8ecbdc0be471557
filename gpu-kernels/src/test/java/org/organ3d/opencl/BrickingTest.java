package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.compute.JavaBackend;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Volume;

/**
 * Bricking: with the allocation limit forced down, a 96³ volume (kept at 96³ rather than 256³ so the
 * test stays fast on PoCL under a shared CPU) is extracted in at least 8 z-bricks, and the stitched
 * mesh equals the unbricked one element by element (same vertex and triangle counts and order, so
 * no duplicated seam vertices), is watertight, and equals the Java backend's mesh.
 */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class BrickingTest {

    @AfterEach
    void clear() {
        System.clearProperty(OpenClContext.MAX_ALLOC_PROPERTY);
    }

    private static Mesh extract(Volume v, IsoSurfaceOptions o, long maxAlloc, int[] bricks) {
        if (maxAlloc > 0) {
            System.setProperty(OpenClContext.MAX_ALLOC_PROPERTY, Long.toString(maxAlloc));
        } else {
            System.clearProperty(OpenClContext.MAX_ALLOC_PROPERTY);
        }
        try (OpenClBackend b = new OpenClBackend()) {
            Mesh m = b.isosurface(v, o);
            bricks[0] = b.lastBrickCount();
            return m;
        }
    }

    @Test
    void ninetySixCubedInAtLeastEightBricksEqualsUnbricked() {
        Volume torus = Phantoms.torus(96, 1.0, 28, 12);
        for (boolean cap : new boolean[] {false, true}) {
            IsoSurfaceOptions o = new IsoSurfaceOptions(0, true, cap);
            int[] n = new int[1];
            Mesh whole = extract(torus, o, 0, n);
            assertEquals(1, n[0]);
            // A slice is 96*96*4 = 36 KiB; 10 slices per buffer gives 10+ bricks of 96 planes.
            Mesh split = extract(torus, o, 96L * 96 * 4 * 12, n);
            System.out.println("96^3 torus" + (cap ? " capped" : "") + ": " + n[0] + " bricks, " + split);
            assertTrue(n[0] >= 8, n[0] + " bricks");
            assertEquals(whole.vertexCount(), split.vertexCount());
            assertEquals(whole.triangleCount(), split.triangleCount());
            assertArrayEquals(whole.indicesCopy(), split.indicesCopy());
            assertArrayEquals(whole.positionsCopy(), split.positionsCopy());
            assertArrayEquals(whole.normalsCopy(), split.normalsCopy());
            assertNull(MeshChecks.watertightProblem(split));
            Mesh java = new JavaBackend().isosurface(torus, o);
            assertArrayEquals(java.indicesCopy(), split.indicesCopy());
            BackendContract.assertClose(java.positionsCopy(), split.positionsCopy(), 1e-4, "positions vs Java");
        }
    }

    @Test
    void obliqueStudyAcrossManySmallBricks() {
        Volume v = Phantoms.obliqueEllipsoid(44, 40, 60);
        int[] n = new int[1];
        Mesh whole = extract(v, IsoSurfaceOptions.open(0), 0, n);
        Mesh split = extract(v, IsoSurfaceOptions.open(0), 44L * 40 * 4 * 5, n);
        assertTrue(n[0] >= 8, n[0] + " bricks");
        assertArrayEquals(whole.indicesCopy(), split.indicesCopy());
        assertArrayEquals(whole.positionsCopy(), split.positionsCopy());
        assertNull(MeshChecks.watertightProblem(split));
    }

    @Test
    void bricksWhoseOutputDoesNotFitAreSplitAgain() {
        // Random values: many small ambiguous cubes, so the output of a brick planned from its input
        // size exceeds the (floor) allocation limit of 64 KiB and the brick is halved until it fits.
        Volume v = Phantoms.random(40, 40, 40, 17);
        IsoSurfaceOptions o = new IsoSurfaceOptions(0, true, true);
        int[] n = new int[1];
        Mesh whole = extract(v, o, 0, n);
        Mesh split = extract(v, o, 1, n);
        System.out.println("random 40^3 capped: " + n[0] + " bricks, " + split);
        assertTrue(n[0] > 40 / 8, n[0] + " bricks");
        assertArrayEquals(whole.indicesCopy(), split.indicesCopy());
        assertArrayEquals(whole.positionsCopy(), split.positionsCopy());
        assertArrayEquals(whole.normalsCopy(), split.normalsCopy());
        Mesh java = new JavaBackend().isosurface(v, o);
        assertArrayEquals(java.indicesCopy(), split.indicesCopy());
    }
}
