package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * The contract every compute backend meets, the Java backend included, against witnesses that are
 * not organ3d's own backends: the isosurface against {@link ReferenceMarchingCubes} (a plain
 * cell-by-cell marching cubes written for the tests: the same triangles and vertices within 1e-4 mm,
 * volume and area within 1e-6 relative) and against analytic volumes. Parity with the Java backend,
 * element by element, is {@link JavaParityContract}'s, run for the other backends only: comparing
 * the Java backend with itself would prove nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackendContract {

    static final double POSITION_TOL = 1e-4;
    static final double RELATIVE_TOL = 1e-6;

    private ComputeBackend backend;

    /** The backend under test (created once per class, closed after). */
    protected abstract ComputeBackend createBackend();

    /** True when reals are computed in double on the backend (bit-identical reductions expected). */
    protected boolean exactReals() {
        return true;
    }

    @BeforeAll
    void open() {
        backend = createBackend();
    }

    @AfterAll
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    protected ComputeBackend backend() {
        return backend;
    }

    static Stream<Arguments> volumes() {
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("sphere r=12 in 36^3", Phantoms.sphere(36, 1.0, 12), 0.0, 4 / 3.0 * Math.PI * 1728));
        a.add(Arguments.of("torus R=10 a=5", Phantoms.torus(36, 1.0, 10, 5), 0.0, 2 * Math.PI * Math.PI * 10 * 25));
        a.add(Arguments.of("oblique ellipsoid", Phantoms.obliqueEllipsoid(44, 40, 22), 0.0, 4 / 3.0 * Math.PI * 14 * 11 * 17));
        a.add(Arguments.of("left-handed sphere", flipped(Phantoms.sphere(24, 1.0, 8)), 0.0, 4 / 3.0 * Math.PI * 512));
        SplittableRandom seeds = new SplittableRandom(42);
        for (int s = 0; s < 6; s++) {
            long seed = seeds.nextLong();
            int nx = 5 + seeds.nextInt(14), ny = 5 + seeds.nextInt(12), nz = 4 + seeds.nextInt(10);
            a.add(Arguments.of("random " + nx + "x" + ny + "x" + nz + " seed " + seed, Phantoms.random(nx, ny, nz, seed),
                    seeds.nextInt(-3, 4) * 0.5, Double.NaN));
        }
        return a.stream();
    }

    /** The same voxels on a geometry with a negative determinant (i axis reversed in LPS). */
    static Volume flipped(Volume v) {
        Geometry g = Geometry.of(new Vector3d(1, 1, 1), new Vector3d(30, 0, 0), new Matrix3d().scaling(-1, 1, 1));
        return v.withGeometry(g);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("volumes")
    void isosurfaceMatchesThePlainReferenceMarchingCubes(String name, Volume v, double iso, double exactVolume) {
        for (boolean cap : new boolean[] {false, true}) {
            IsoSurfaceOptions o = new IsoSurfaceOptions(iso, true, cap);
            // NB: an independent witness, not the Java backend: cell by cell with a hash map of edges;
            // capping is the same walk over the volume padded with background
            Mesh want = cap ? ReferenceMarchingCubes.extractCapped(v, iso) : ReferenceMarchingCubes.extract(v, iso);
            Mesh got = backend.isosurface(v, o);
            String what = name + (cap ? " capped" : "");
            assertEquals(want.triangleCount(), got.triangleCount(), what + ": triangles");
            assertEquals(want.vertexCount(), got.vertexCount(), what + ": vertices");
            assertEquals(cap, got.isCapped(), what + ": capped flag");
            assertNull(MeshComparison.difference(want, got, POSITION_TOL), what);
            MeshProperties pw = MeshProperties.of(want);
            MeshProperties pg = MeshProperties.of(got);
            assertEquals(pw.volumeMm3(), pg.volumeMm3(), RELATIVE_TOL * Math.abs(pw.volumeMm3()) + 1e-9, what + ": volume");
            assertEquals(pw.areaMm2(), pg.areaMm2(), RELATIVE_TOL * pw.areaMm2() + 1e-9, what + ": area");
            if (!Double.isNaN(exactVolume)) {
                assertNull(MeshChecks.watertightProblem(got), what);
                assertEquals(exactVolume, pg.volumeMm3(), 0.015 * exactVolume, what + ": analytic volume");
            }
        }
    }

    static void assertClose(float[] want, float[] got, double tol, String what) {
        if (want == null || got == null) {
            assertTrue(want == null && got == null, what + ": one has none");
            return;
        }
        assertEquals(want.length, got.length, what);
        for (int x = 0; x < want.length; x++) {
            if (Math.abs(want[x] - got[x]) > tol) {
                assertArrayEquals(new float[] {want[x]}, new float[] {got[x]}, (float) tol, what + " at " + x);
            }
        }
    }
}
