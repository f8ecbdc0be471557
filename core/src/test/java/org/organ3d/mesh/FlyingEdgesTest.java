package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import java.util.stream.Stream;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Flying edges against analytic phantoms (partial-volume model: see {@link Phantoms}). */
class FlyingEdgesTest {

    enum Grid { ISO_1MM, ANISO, OBLIQUE_ANISO }

    static Geometry grid(Grid g, double half) {
        return switch (g) {
            case ISO_1MM -> Phantoms.axisGrid(1, 1, 1, half);
            case ANISO -> Phantoms.axisGrid(0.7, 0.7, 2.5, half);
            case OBLIQUE_ANISO -> Phantoms.obliqueGrid(0.7, 0.7, 2.5, half);
        };
    }

    static Stream<Arguments> spheres() {
        return Stream.of(5.0, 10.0, 20.0).flatMap(r -> Stream.of(Grid.values()).map(g -> Arguments.of(r, g)));
    }

    @ParameterizedTest(name = "sphere r={0} mm on {1}")
    @MethodSource("spheres")
    void sphereIsWatertightGenusZeroWithAnalyticVolumeAndArea(double r, Grid g) {
        double half = r + 8;
        Geometry geo = grid(g, half);
        Mesh m = FlyingEdges.extract(Phantoms.sample(Phantoms.sphere(r), geo, half), IsoSurfaceOptions.open(0));
        MeshTopology topo = MeshTopology.of(m);
        assertTrue(topo.isWatertight(), topo.toString());
        assertEquals(1, topo.componentCount());
        assertEquals(0, topo.componentGenus(0));
        assertEquals(2, topo.eulerCharacteristic());
        MeshProperties p = MeshProperties.of(m);
        double v = 4.0 / 3 * Math.PI * r * r * r;
        double a = 4 * Math.PI * r * r;
        double maxSpacing = Math.max(geo.spacing().x, Math.max(geo.spacing().y, geo.spacing().z));
        // Marching cubes on a sampled distance field is biased low by about 0.6 % · (10 h / r)² in volume
        // (vertices on chords of the surface, and linear interpolation of a concave field puts them
        // slightly inside). The 0.5 % / 1 % hold from r = 12 voxels; at exactly 10 voxels the
        // bias is 0.60 %, so 0.7 % is asserted there. Coarser cases get a tolerance, not a pass.
        double voxels = r / maxSpacing;
        System.out.printf("sphere r=%.0f %s: volume %+.3f%%, area %+.3f%%, %d triangles%n", r, g,
                100 * (p.volumeMm3() / v - 1), 100 * (p.areaMm2() / a - 1), m.triangleCount());
        double vTol = voxels >= 12 || r >= 20 ? 0.005 : voxels >= 10 ? 0.007 : voxels >= 4 ? 0.03 : 0.08;
        double aTol = voxels >= 10 || r >= 20 ? 0.01 : voxels >= 4 ? 0.02 : 0.04;
        assertEquals(v, p.volumeMm3(), vTol * v, "volume " + p.volumeMm3() + " vs " + v);
        assertEquals(a, p.areaMm2(), aTol * a, "area " + p.areaMm2() + " vs " + a);
        assertEquals(0, p.centroidX(), 0.02 * r);
        assertEquals(0, p.centroidY(), 0.02 * r);
        assertEquals(0, p.centroidZ(), 0.02 * r);
        // normals point outward: along the radius
        Vector3f q = new Vector3f();
        Vector3f n = new Vector3f();
        for (int x = 0; x < m.vertexCount(); x++) {
            m.vertex(x, q);
            m.normal(x, n);
            assertEquals(1, n.length(), 1e-4);
            assertTrue(n.dot(q.normalize()) > 0.9, "normal " + n + " at " + q);
        }
    }

    @ParameterizedTest(name = "ellipsoid on {0}")
    @MethodSource("grids")
    void ellipsoid(Grid g) {
        double a = 28;
        double b = 20;
        double c = 36;
        double half = 40;
        Mesh m = FlyingEdges.extract(Phantoms.sample(Phantoms.ellipsoid(a, b, c), grid(g, half), half), IsoSurfaceOptions.open(0));
        MeshTopology topo = MeshTopology.of(m);
        assertTrue(topo.isWatertight(), topo.toString());
        assertEquals(0, topo.componentGenus(0));
        MeshProperties p = MeshProperties.of(m);
        double v = 4.0 / 3 * Math.PI * a * b * c;
        double area = Phantoms.ellipsoidArea(a, b, c);
        assertEquals(v, p.volumeMm3(), 0.005 * v);
        assertEquals(area, p.areaMm2(), 0.01 * area);
    }

    static Stream<Grid> grids() {
        return Stream.of(Grid.values());
    }

    @ParameterizedTest(name = "torus on {0}")
    @MethodSource("grids")
    void torusHasGenusOne(Grid g) {
        double bigR = 30;
        double r = 12;
        double half = 45;
        Mesh m = FlyingEdges.extract(Phantoms.sample(Phantoms.torus(bigR, r), grid(g, half), half), IsoSurfaceOptions.open(0));
        MeshTopology topo = MeshTopology.of(m);
        assertTrue(topo.isWatertight(), topo.toString());
        assertEquals(1, topo.componentCount());
        assertEquals(1, topo.componentGenus(0));
        assertEquals(0, topo.eulerCharacteristic());
        MeshProperties p = MeshProperties.of(m);
        double v = 2 * Math.PI * Math.PI * bigR * r * r;
        double a = 4 * Math.PI * Math.PI * bigR * r;
        double tol = g == Grid.ISO_1MM ? 1 : 2; // r = 12 mm spans 4.8 voxels at 2.5 mm: looser there
        assertEquals(v, p.volumeMm3(), tol * 0.005 * v);
        assertEquals(a, p.areaMm2(), tol * 0.01 * a);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        double half = 20;
        Volume vol = Phantoms.sample(Phantoms.torus(11, 5), Phantoms.obliqueGrid(0.9, 0.8, 1.7, half), half);
        Mesh one = FlyingEdges.extract(vol, IsoSurfaceOptions.open(0), 1);
        for (int threads : new int[] {2, 3, 7}) {
            Mesh many = FlyingEdges.extract(vol, IsoSurfaceOptions.open(0), threads);
            assertArrayEquals(one.positionsCopy(), many.positionsCopy());
            assertArrayEquals(one.normalsCopy(), many.normalsCopy());
            assertArrayEquals(one.indicesCopy(), many.indicesCopy());
        }
        Mesh pool = FlyingEdges.extract(vol, IsoSurfaceOptions.open(0));
        assertArrayEquals(one.indicesCopy(), pool.indicesCopy());
    }

    @Test
    void leftHandedAffineKeepsOutwardWinding() {
        double half = 14;
        Geometry geo = Geometry.fromAffine(new org.joml.Matrix4d(Phantoms.axisGrid(1, 1, 1, half).indexToLps())
                .scaleLocal(-1, 1, 1));
        Mesh m = FlyingEdges.extract(Phantoms.sample(Phantoms.sphere(10), geo, half), IsoSurfaceOptions.open(0));
        assertTrue(geo.isLeftHanded());
        assertTrue(MeshTopology.of(m).isWatertight());
        double v = 4.0 / 3 * Math.PI * 1000;
        assertEquals(v, MeshProperties.of(m).volumeMm3(), 0.007 * v); // r = 10 voxels: see the sphere test
    }

    @Test
    void capClosesAnObjectCutByTheBorder() {
        // sphere r = 10 centred at index (2, 15, 15) on a 1 mm grid: the x = 0 plane cuts it 2 mm off centre
        Geometry geo = Geometry.unit();
        Volume vol = Phantoms.sample((x, y, z) -> 10 - Math.sqrt((x - 2) * (x - 2) + (y - 15) * (y - 15) + (z - 15) * (z - 15)),
                geo, 20, 31, 31);
        Mesh open = FlyingEdges.extract(vol, IsoSurfaceOptions.open(0));
        assertFalse(MeshTopology.of(open).isWatertight());
        assertFalse(open.isCapped());
        Mesh capped = FlyingEdges.extract(vol, new IsoSurfaceOptions(0, true, true));
        MeshTopology t = MeshTopology.of(capped);
        assertTrue(t.isWatertight(), t.toString());
        assertTrue(capped.isCapped());
        assertEquals(0, t.componentGenus(0));
        // exact: the sphere minus the cap beyond x < 0 (height h = 10 - 2 = 8 on the far side)
        double h = 8;
        double v = 4.0 / 3 * Math.PI * 1000 - Math.PI * h * h * (3 * 10 - h) / 3;
        assertEquals(v, MeshProperties.of(capped).volumeMm3(), 0.007 * v); // r = 10 voxels: chord bias
        // every vertex lies inside the volume's box of voxel centres
        Vector3f q = new Vector3f();
        for (int x = 0; x < capped.vertexCount(); x++) {
            capped.vertex(x, q);
            assertTrue(q.x >= -1e-4 && q.x <= 19 + 1e-4);
        }
    }

    @Test
    void int16WithRescaleAndFlatPlanes() {
        // a box of value 1000 inside 0, int16 with rescale 0.5/-100: iso 150 in real units = 500 raw
        int n = 12;
        Volume.Builder b = Volume.builder(new Dimensions(n, n, n), VoxelType.INT16, Geometry.axisAligned(new Spacing(0.5, 0.5, 2)))
                .rescale(new Rescale(0.5, -100));
        for (int k = 0; k < n; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    boolean in = i >= 3 && i <= 8 && j >= 2 && j <= 9 && k >= 4 && k <= 6;
                    s.put(i + n * j, (short) (in ? 1000 : 0));
                }
            }
        }
        Volume vol = b.build();
        // real values 400 inside, -100 outside; iso 150 is half way: faces half a voxel outside the box
        Mesh m = FlyingEdges.extract(vol, IsoSurfaceOptions.open(150));
        MeshTopology t = MeshTopology.of(m);
        assertTrue(t.isWatertight(), t.toString());
        // the box of voxels 3..8 x 2..9 x 4..6 grown by half a voxel, minus the chamfered edges and corners:
        // exact polyhedron volume = full box - 12 edge prisms + corner corrections; check bounds instead
        double full = (6 * 0.5) * (8 * 0.5) * (3 * 2.0);
        double vol3 = MeshProperties.of(m).volumeMm3();
        assertTrue(vol3 < full && vol3 > 0.8 * full, "volume " + vol3 + " vs box " + full);
        Vector3f q = new Vector3f();
        for (int x = 0; x < m.vertexCount(); x++) {
            m.vertex(x, q);
            assertTrue(q.x >= 2.5 * 0.5 - 1e-5 && q.x <= 8.5 * 0.5 + 1e-5, "x " + q.x);
            assertTrue(q.z >= 3.5 * 2 - 1e-5 && q.z <= 6.5 * 2 + 1e-5, "z " + q.z);
        }
    }

    /** The raw path (8/16-bit stored values through tables) must equal the float path bit for bit. */
    @Test
    void storedIntegerVolumesGiveTheSameMeshAsTheirFloatValues() {
        java.util.Random rnd = new java.util.Random(11);
        Phantoms.Field f = Phantoms.torus(9, 4);
        Geometry geo = Phantoms.obliqueGrid(0.9, 0.8, 1.4, 16);
        for (VoxelType type : new VoxelType[] {VoxelType.INT16, VoxelType.UINT16, VoxelType.UINT8, VoxelType.INT8}) {
            for (Rescale rs : new Rescale[] {Rescale.IDENTITY, new Rescale(0.7, -40), new Rescale(-1.3, 20)}) {
                int n = 30;
                Volume.Builder b = Volume.builder(new Dimensions(n, n, 24), type, geo).rescale(rs);
                org.joml.Vector3d p = new org.joml.Vector3d();
                for (int k = 0; k < 24; k++) {
                    java.nio.Buffer sl = b.sliceForWriting(k);
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            geo.indexToPatient(i, j, k, p);
                            double v = 10 * f.at(p.x, p.y, p.z) + 3 * rnd.nextGaussian();
                            int raw = (int) Math.round(type == VoxelType.UINT8 || type == VoxelType.UINT16 ? v + 100 : v);
                            raw = (int) Math.max(type.minValue(), Math.min(type.maxValue(), raw));
                            if (sl instanceof java.nio.ShortBuffer s) {
                                s.put(i + n * j, (short) raw);
                            } else {
                                ((java.nio.ByteBuffer) sl).put(i + n * j, (byte) raw);
                            }
                        }
                    }
                }
                Volume stored = b.build();
                Volume.Builder fb = Volume.builder(stored.dimensions(), VoxelType.FLOAT32, geo);
                for (int k = 0; k < 24; k++) {
                    fb.setSlice(k, stored.sliceValues(k, null));
                }
                Volume floats = fb.build();
                double iso = rs.apply(type == VoxelType.UINT8 || type == VoxelType.UINT16 ? 100.5 : 0.5);
                Mesh a = FlyingEdges.extract(stored, IsoSurfaceOptions.open(iso));
                Mesh c = FlyingEdges.extract(floats, IsoSurfaceOptions.open(iso));
                assertTrue(a.triangleCount() > 100, type + " " + rs);
                assertArrayEquals(c.indicesCopy(), a.indicesCopy(), type + " " + rs);
                assertArrayEquals(c.positionsCopy(), a.positionsCopy(), type + " " + rs);
                assertArrayEquals(c.normalsCopy(), a.normalsCopy(), type + " " + rs);
            }
        }
    }

    @Test
    void emptyAndFullVolumesGiveEmptyMeshes() {
        Volume vol = Phantoms.sample((x, y, z) -> 1, Geometry.unit(), 5, 5, 5);
        assertTrue(FlyingEdges.extract(vol, IsoSurfaceOptions.open(2)).isEmpty());
        assertTrue(FlyingEdges.extract(vol, IsoSurfaceOptions.open(0)).isEmpty());
        Mesh cube = FlyingEdges.extract(vol, new IsoSurfaceOptions(0, false, true));
        assertTrue(MeshTopology.of(cube).isWatertight());
        assertEquals(64, MeshProperties.of(cube).volumeMm3(), 1e-4); // the cap box through the border centres
        assertFalse(cube.hasNormals());
    }
}
