package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class SurfaceNetsTest {

    interface LabelFn {
        int at(Vector3d p);
    }

    static LabelMap labels(Geometry g, int nx, int ny, int nz, LabelFn f) {
        Volume.Builder b = LabelMap.builder(new Dimensions(nx, ny, nz), VoxelType.UINT16, g);
        Vector3d p = new Vector3d();
        for (int k = 0; k < nz; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    s.put(i + nx * j, (short) ((short) f.at(g.indexToPatient(i, j, k, p))));
                }
            }
        }
        return new LabelMap(b.build(), Map.of());
    }

    static long count(LabelMap lm, int label) {
        return lm.counts().getOrDefault(label, 0L);
    }

    @Test
    void sphereLabelIsClosedAndCloseToTheVoxelVolume() {
        for (Geometry g : new Geometry[] {Phantoms.axisGrid(1, 1, 1, 16), Phantoms.obliqueGrid(0.7, 0.7, 2.5, 16)}) {
            Vector3d sp = g.spacing();
            int nx = (int) Math.ceil(32 / sp.x) + 1;
            int ny = (int) Math.ceil(32 / sp.y) + 1;
            int nz = (int) Math.ceil(32 / sp.z) + 1;
            double r = 10;
            LabelMap lm = labels(g, nx, ny, nz, p -> p.length() <= r ? 3 : 0);
            Mesh m = SurfaceNets.extract(lm, 3);
            MeshTopology t = MeshTopology.of(m);
            assertTrue(t.isWatertight(), t.toString());
            assertEquals(1, t.componentCount());
            assertEquals(0, t.componentGenus(0));
            double voxelVolume = count(lm, 3) * g.voxelVolume();
            MeshProperties p = MeshProperties.of(m);
            double analytic = 4.0 / 3 * Math.PI * r * r * r;
            double area = 4 * Math.PI * r * r;
            System.out.printf("surface nets sphere r=10 mm spacing %s: mesh %.1f, voxels %.1f (%+.2f%%), analytic %.1f;"
                    + " area %.1f vs %.1f (%+.2f%%)%n", sp, p.volumeMm3(), voxelVolume,
                    100 * (p.volumeMm3() / voxelVolume - 1), analytic, p.areaMm2(), area, 100 * (p.areaMm2() / area - 1));
            assertEquals(voxelVolume, p.volumeMm3(), 0.03 * voxelVolume);
            // raw nets keep some staircase on coarse axes: +2.5 % at 1 mm, +8.6 % with 2.5 mm slices
            assertEquals(area, p.areaMm2(), (sp.z > 2 ? 0.12 : 0.04) * area);
        }
    }

    @Test
    void touchingLabelsShareTheirInterfaceExactly() {
        Geometry g = Phantoms.obliqueGrid(1, 0.9, 1.6, 18);
        // label 1: sphere r = 12 with x < 2; label 2: the rest of the sphere; label 4: a shell around part of it
        LabelFn parts = p -> {
            double d = p.length();
            if (d <= 12) {
                return p.x < 2 ? 1 : 2;
            }
            return d <= 15 && p.z > 3 ? 4 : 0;
        };
        LabelMap lm = labels(g, 37, 41, 24, parts);
        Map<Integer, Mesh> all = SurfaceNets.extract(lm, null);
        assertEquals(Set.of(1, 2, 4), all.keySet());
        for (Map.Entry<Integer, Mesh> e : all.entrySet()) {
            MeshTopology t = MeshTopology.of(e.getValue());
            assertTrue(t.isWatertight(), "label " + e.getKey() + ": " + t);
        }
        // Glue labels 1 and 2: triangles present in both (same positions, opposite winding) are the shared
        // interface and cancel; what remains, welded by position, must be a closed surface whose volume is
        // the sum of the two. Any gap or overlap would leave unmatched interface triangles (open edges).
        List<float[]> rest = new ArrayList<>();
        Map<String, Integer> keys = new HashMap<>();
        int shared = 0;
        for (int label : new int[] {1, 2}) {
            Mesh m = all.get(label);
            Vector3f a = new Vector3f();
            Vector3f b = new Vector3f();
            Vector3f c = new Vector3f();
            for (int t = 0; t < m.triangleCount(); t++) {
                m.vertex(m.index(t, 0), a);
                m.vertex(m.index(t, 1), b);
                m.vertex(m.index(t, 2), c);
                String reversed = key(a, c, b);
                if (label == 2 && keys.containsKey(reversed)) {
                    rest.set(keys.remove(reversed), null);
                    shared++;
                    continue;
                }
                if (label == 1) {
                    keys.put(key(a, b, c), rest.size());
                }
                rest.add(new float[] {a.x, a.y, a.z, b.x, b.y, b.z, c.x, c.y, c.z});
            }
        }
        assertTrue(shared > 100, "interface triangles " + shared);
        Mesh glued = weld(rest);
        MeshTopology gt = MeshTopology.of(glued);
        assertTrue(gt.isWatertight(), gt.toString());
        double sum = MeshProperties.of(all.get(1)).volumeMm3() + MeshProperties.of(all.get(2)).volumeMm3();
        assertEquals(sum, MeshProperties.of(glued).volumeMm3(), 1e-6 * sum);
    }

    /** Rotation-invariant key of a directed triangle. */
    private static String key(Vector3f a, Vector3f b, Vector3f c) {
        String[] s = {a.x + "," + a.y + "," + a.z, b.x + "," + b.y + "," + b.z, c.x + "," + c.y + "," + c.z};
        int first = 0;
        for (int x = 1; x < 3; x++) {
            if (s[x].compareTo(s[first]) < 0) {
                first = x;
            }
        }
        return s[first] + "|" + s[(first + 1) % 3] + "|" + s[(first + 2) % 3];
    }

    /** A mesh of the given triangles with vertices merged by exact position. */
    private static Mesh weld(List<float[]> tris) {
        Map<String, Integer> ids = new HashMap<>();
        List<Float> pos = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (float[] t : tris) {
            if (t == null) {
                continue;
            }
            for (int v = 0; v < 3; v++) {
                String k = t[3 * v] + "," + t[3 * v + 1] + "," + t[3 * v + 2];
                Integer id = ids.get(k);
                if (id == null) {
                    id = ids.size();
                    ids.put(k, id);
                    pos.add(t[3 * v]);
                    pos.add(t[3 * v + 1]);
                    pos.add(t[3 * v + 2]);
                }
                idx.add(id);
            }
        }
        float[] p = new float[pos.size()];
        for (int x = 0; x < p.length; x++) {
            p[x] = pos.get(x);
        }
        return Mesh.adopt(p, null, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void torusLabelHasGenusOne() {
        Phantoms.Field torus = Phantoms.torus(12, 5);
        LabelMap lm = labels(Phantoms.axisGrid(1, 1, 1, 20), 41, 41, 41, p -> torus.at(p.x, p.y, p.z) >= 0 ? 1 : 0);
        Mesh m = SurfaceNets.extract(lm, 1);
        MeshTopology t = MeshTopology.of(m);
        assertTrue(t.isWatertight(), t.toString());
        assertEquals(1, t.componentGenus(0));
    }

    @Test
    void voxelsTouchingAlongAnEdgeOrCornerStayManifold() {
        Geometry g = Geometry.unit();
        LabelMap lm = labels(g, 6, 6, 6, p -> {
            int i = (int) p.x;
            int j = (int) p.y;
            int k = (int) p.z;
            boolean a = i == 1 && j == 1 && k == 1;
            boolean b = i == 2 && j == 2 && k == 1; // edge neighbour of a
            boolean c = i == 3 && j == 3 && k == 2; // corner neighbour of b
            return a || b || c ? 1 : 0;
        });
        Mesh m = SurfaceNets.extract(lm, 1);
        MeshTopology t = MeshTopology.of(m);
        assertTrue(t.isWatertight(), t.toString());
        assertEquals(3, t.componentCount());
        assertEquals(36, m.triangleCount());
        assertTrue(MeshProperties.of(m).volumeMm3() > 0);
    }

    @Test
    void organLikeLabelMapsGiveWatertightMeshesForEveryLabel() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            double[][] balls = new double[12][];
            for (int b = 0; b < balls.length; b++) {
                balls[b] = new double[] {rnd.nextDouble() * 30, rnd.nextDouble() * 30, rnd.nextDouble() * 30,
                    3 + rnd.nextDouble() * 6, 1 + rnd.nextInt(5)};
            }
            LabelMap lm = labels(Phantoms.obliqueGrid(1, 1, 1.5, 15), 32, 32, 22, p -> {
                Vector3d q = new Vector3d(p).add(15, 15, 15);
                for (double[] b : balls) {
                    if (q.distance(b[0], b[1], b[2]) <= b[3]) {
                        return (int) b[4];
                    }
                }
                return 0;
            });
            for (Map.Entry<Integer, Mesh> e : SurfaceNets.extract(lm, null).entrySet()) {
                MeshTopology t = MeshTopology.of(e.getValue());
                assertTrue(t.isWatertight(), "trial " + trial + " label " + e.getKey() + ": " + t);
                assertTrue(MeshProperties.of(e.getValue()).volumeMm3() > 0);
            }
        }
    }

    /** Salt-and-pepper label maps are the worst case for rings, pinches and double edges. */
    @Test
    void randomLabelMapsGiveWatertightMeshesForEveryLabel() {
        Random rnd = new Random(42);
        int bad = 0;
        int meshes = 0;
        for (int trial = 0; trial < 20; trial++) {
            int n = 10;
            int[] vals = new int[n * n * n];
            for (int x = 0; x < vals.length; x++) {
                vals[x] = rnd.nextInt(4);
            }
            LabelMap lm = labels(Geometry.unit(), n, n, n, p -> vals[(int) p.x + n * ((int) p.y + n * (int) p.z)]);
            for (Map.Entry<Integer, Mesh> e : SurfaceNets.extract(lm, null).entrySet()) {
                MeshTopology t = MeshTopology.of(e.getValue());
                meshes++;
                assertEquals(0, t.boundaryEdgeCount());
                assertEquals(0, t.inconsistentEdgeCount());
                if (!t.isWatertight()) {
                    bad++;
                    System.out.println("random trial " + trial + " label " + e.getKey() + ": " + t);
                }
            }
        }
        System.out.println("random label maps: " + bad + " of " + meshes + " meshes with a non-manifold edge");
        assertEquals(0, bad);
    }

    /**
     * Slabs are joined into exactly the single sweep's meshes (same arrays) for any slab count, down
     * to one cell layer per slab, on salt-and-pepper maps (seams through rings and pinches) and on an
     * oblique ball scene; and the public entry gives the same on 1, 2 and 3 threads.
     */
    @Test
    void slabsJoinIntoTheSingleSweepResult() {
        Random rnd = new Random(7);
        boolean[] all = new boolean[65536];
        java.util.Arrays.fill(all, 1, all.length, true);
        for (int trial = 0; trial < 6; trial++) {
            int nx = 9 + trial;
            int ny = 8;
            int nz = 7 + 2 * trial;
            int[] vals = new int[nx * ny * nz];
            for (int x = 0; x < vals.length; x++) {
                vals[x] = trial % 2 == 0 ? rnd.nextInt(4) : (rnd.nextInt(3) == 0 ? 0 : 300 + rnd.nextInt(2));
            }
            Volume.Builder b = LabelMap.builder(new Dimensions(nx, ny, nz), VoxelType.UINT16, Phantoms.obliqueGrid(0.8, 0.9, 1.7, 6));
            for (int k = 0; k < nz; k++) {
                ShortBuffer sl = b.shortsForWriting(k);
                for (int x = 0; x < nx * ny; x++) {
                    sl.put(x, (short) vals[x + nx * ny * k]);
                }
            }
            LabelMap lm = new LabelMap(b.build(), Map.of());
            Map<Integer, Mesh> one = SurfaceNets.extract(lm.labels(), all, 1, 1);
            for (int slabs : new int[] {2, 3, nz / 2, nz, nz + 1}) {
                for (int threads : new int[] {1, 3}) {
                    assertSameMeshes(one, SurfaceNets.extract(lm.labels(), all, threads, slabs),
                            "trial " + trial + ", " + slabs + " slabs on " + threads + " thread(s)");
                }
            }
            for (int threads : new int[] {0, 1, 2, 3}) {
                assertSameMeshes(one, SurfaceNets.extract(lm, null, threads), "trial " + trial + ", public entry, " + threads);
            }
        }
    }

    private static void assertSameMeshes(Map<Integer, Mesh> want, Map<Integer, Mesh> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what);
        for (Map.Entry<Integer, Mesh> e : want.entrySet()) {
            Mesh g = got.get(e.getKey());
            assertArrayEquals(e.getValue().indicesCopy(), g.indicesCopy(), what + ", label " + e.getKey());
            assertArrayEquals(e.getValue().positionsCopy(), g.positionsCopy(), what + ", label " + e.getKey());
        }
    }
}
