package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.MaskMoments;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.segment.Components;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

/**
 * Parity of a non-Java backend with the Java backend, element by element: the same triangle index
 * arrays, vertex positions and normals within 1e-4 mm, identical reductions, threshold masks,
 * component labels and distance margins (1e-6 relative where a device may fuse a multiply-add). Not
 * run on the Java backend itself; the witnesses every backend meets are in {@link BackendContract}.
 */
abstract class JavaParityContract extends SegmentationContract {

    private final ComputeBackend reference = new JavaBackend();
    private final ComputeBackend java = reference;

    @ParameterizedTest(name = "{0}")
    @MethodSource("volumes")
    void isosurfaceMatchesJavaElementByElement(String name, Volume v, double iso, double exactVolume) {
        for (boolean cap : new boolean[] {false, true}) {
            IsoSurfaceOptions o = new IsoSurfaceOptions(iso, true, cap);
            Mesh want = reference.isosurface(v, o);
            Mesh got = backend().isosurface(v, o);
            String what = name + (cap ? " capped" : "");
            assertEquals(want.triangleCount(), got.triangleCount(), what + ": triangles");
            assertEquals(want.vertexCount(), got.vertexCount(), what + ": vertices");
            assertEquals(want.isCapped(), got.isCapped(), what + ": capped flag");
            assertNull(MeshComparison.difference(want, got, POSITION_TOL), what);
            // NB: both backends number vertices by row (x, y, z edges) and triangles by cube row, so the
            // meshes are equal element by element, not only as sets (MeshComparison above).
            assertArrayEquals(want.indicesCopy(), got.indicesCopy(), what + ": triangle indices");
            assertClose(want.positionsCopy(), got.positionsCopy(), POSITION_TOL, what + ": positions");
            assertClose(want.normalsCopy(), got.normalsCopy(), 1e-4, what + ": normals");
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

    @Test
    void meshPropertiesMatchJava() {
        for (Volume v : new Volume[] {Phantoms.sphere(36, 1.0, 12), Phantoms.obliqueEllipsoid(44, 40, 22)}) {
            Mesh m = reference.isosurface(v, IsoSurfaceOptions.open(0));
            MeshProperties want = reference.meshProperties(m);
            MeshProperties got = backend().meshProperties(m);
            assertEquals(want.triangles(), got.triangles());
            assertEquals(want.volumeMm3(), got.volumeMm3(), RELATIVE_TOL * Math.abs(want.volumeMm3()));
            assertEquals(want.areaMm2(), got.areaMm2(), RELATIVE_TOL * want.areaMm2());
            assertEquals(want.centroidX(), got.centroidX(), 1e-6 * (1 + Math.abs(want.centroidX())));
            assertEquals(want.centroidY(), got.centroidY(), 1e-6 * (1 + Math.abs(want.centroidY())));
            assertEquals(want.centroidZ(), got.centroidZ(), 1e-6 * (1 + Math.abs(want.centroidZ())));
        }
    }

    @Test
    void maskMomentsMatchJava() {
        SplittableRandom rnd = new SplittableRandom(7);
        Volume img = Phantoms.random(23, 17, 13, 99);
        byte[][] mask = new byte[13][23 * 17];
        for (byte[] s : mask) {
            for (int x = 0; x < s.length; x++) {
                s[x] = (byte) (rnd.nextInt(5) == 0 ? 1 : 0);
            }
        }
        Arrays.fill(mask[4], (byte) 0);
        for (Volume image : new Volume[] {img, null}) {
            MaskMoments want = reference.maskMoments(mask, img.dimensions(), image);
            MaskMoments got = backend().maskMoments(mask, img.dimensions(), image);
            // NB: integer moments are exact; double sums are combined in the Java order and agree to the
            // bit on PoCL, but a device compiler may still fuse a multiply-add, so allow 1e-12 relative.
            double rel = exactReals() ? 1e-12 : 1e-6;
            assertEquals(want.count(), got.count());
            assertEquals(want.sumI(), got.sumI());
            assertEquals(want.sumJ(), got.sumJ());
            assertEquals(want.sumK(), got.sumK());
            assertArrayEquals(new int[] {want.iMin(), want.iMax(), want.jMin(), want.jMax(), want.kMin(), want.kMax()},
                    new int[] {got.iMin(), got.iMax(), got.jMin(), got.jMax(), got.kMin(), got.kMax()});
            assertEquals(want.sum(), got.sum(), rel * Math.abs(want.sum()));
            assertEquals(want.sumSquares(), got.sumSquares(), rel * Math.abs(want.sumSquares()));
            assertEquals(want.min(), got.min());
            assertEquals(want.max(), got.max());
        }
        byte[][] empty = new byte[13][23 * 17];
        assertEquals(reference.maskMoments(empty, img.dimensions(), img), backend().maskMoments(empty, img.dimensions(), img));
    }

    @Test
    void thresholdMatchesJava() {
        Volume v = Phantoms.random(31, 17, 9, 5);
        for (ThresholdRange r : new ThresholdRange[] {new ThresholdRange(-10, 10.25), ThresholdRange.atLeast(0.1),
            new ThresholdRange(Double.NEGATIVE_INFINITY, -0.3), new ThresholdRange(1.0000001, 1.0000001)}) {
            byte[][] want = java.threshold(v, r);
            byte[][] got = backend().threshold(v, r);
            for (int k = 0; k < want.length; k++) {
                assertArrayEquals(want[k], got[k], r + " slice " + k);
            }
        }
    }

    @Test
    void componentsMatchJava() {
        Dimensions d = new Dimensions(29, 23, 17);
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.8, 2.0));
        for (int oneIn : new int[] {2, 3, 5}) {
            byte[][] m = randomMask(d, 11 + oneIn, oneIn);
            for (Connectivity c : Connectivity.values()) {
                Components want = java.connectedComponents(m, d, g, c);
                Components got = backend().connectedComponents(m, d, g, c);
                assertEquals(want.count(), got.count(), c + " 1/" + oneIn);
                assertArrayEquals(want.sizesVoxels(), got.sizesVoxels(), c + " sizes");
                for (int k = 0; k < d.nz(); k++) {
                    for (int j = 0; j < d.ny(); j++) {
                        for (int i = 0; i < d.nx(); i++) {
                            if (want.componentAt(i, j, k) != got.componentAt(i, j, k)) {
                                assertEquals(want.componentAt(i, j, k), got.componentAt(i, j, k), c + " at " + i + "," + j + "," + k);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void distanceMarginsMatchJava() {
        Dimensions d = new Dimensions(37, 29, 21);
        double[] sp = {0.7, 0.9, 2.5};
        byte[][] src = randomMask(d, 3, 400);
        for (double r : new double[] {0, 1.4, 5.0, 12.5}) {
            byte[][] want = java.withinMm(src, d, sp, r);
            byte[][] got = backend().withinMm(src, d, sp, r);
            for (int k = 0; k < d.nz(); k++) {
                assertArrayEquals(want[k], got[k], "r=" + r + " slice " + k);
            }
        }
        for (double cap : new double[] {Double.POSITIVE_INFINITY, 6.0}) {
            float[][] want = java.squaredDistanceMm(src, d, sp, cap);
            float[][] got = backend().squaredDistanceMm(src, d, sp, cap);
            for (int k = 0; k < d.nz(); k++) {
                float tol = exactReals() ? 0f : 1e-3f;
                for (int x = 0; x < want[k].length; x++) {
                    float w = want[k][x];
                    float g = got[k][x];
                    // NB: identical on PoCL; 1e-6 relative allows a device compiler's fused multiply-add.
                    if (w != g && !(Math.abs(w - g) <= Math.max(tol, 1e-6f * Math.abs(w)))) {
                        assertEquals(w, g, "cap=" + cap + " slice " + k + " voxel " + x);
                    }
                }
            }
        }
        byte[][] none = new byte[d.nz()][d.sliceSize()];
        byte[][] empty = backend().withinMm(none, d, sp, 3);
        for (byte[] s : empty) {
            for (byte b : s) {
                assertTrue(b == 0);
            }
        }
    }
}
