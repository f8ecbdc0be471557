package org.organ3d.mesh;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Mesh fixtures and independent topology checks for the mesh tests (own edge counting). */
final class TestMeshes {

    private TestMeshes() {
    }

    /** An icosphere with every vertex moved radially by Gaussian noise of {@code sigma} mm. */
    static Mesh noisySphere(double radius, int level, double sigma, long seed) {
        Mesh m = MeshPrimitives.icosphere(0, 0, 0, radius, level);
        float[] p = m.positionsCopy();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int v = 0; v < p.length; v += 3) {
            double r = Math.sqrt(p[v] * p[v] + p[v + 1] * p[v + 1] + p[v + 2] * p[v + 2]);
            double s = (r + sigma * gaussian(rnd)) / r;
            p[v] *= s;
            p[v + 1] *= s;
            p[v + 2] *= s;
        }
        return Mesh.adopt(p, null, m.indicesCopy());
    }

    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** RMS of (|p − c| − r) over the vertices: distance to the analytic sphere. */
    static double rmsToSphere(Mesh m, double r) {
        float[] p = m.positionsCopy();
        double s = 0;
        for (int v = 0; v < p.length; v += 3) {
            double d = Math.sqrt(p[v] * p[v] + p[v + 1] * p[v + 1] + p[v + 2] * p[v + 2]) - r;
            s += d * d;
        }
        return Math.sqrt(s / (p.length / 3));
    }

    static double volume(Mesh m) {
        return MeshProperties.of(m).volumeMm3();
    }

    static double area(Mesh m) {
        return MeshProperties.of(m).areaMm2();
    }

    /** Closed and consistently oriented (MeshTopology: every edge shared by two opposite triangles). */
    static boolean watertightOriented(Mesh m) {
        return MeshTopology.of(m).isWatertight();
    }

    /** No non-manifold or inconsistently oriented edge (boundary edges allowed). */
    static boolean orientedEdges(Mesh m) {
        MeshTopology t = MeshTopology.of(m);
        return t.nonManifoldEdgeCount() == 0 && t.inconsistentEdgeCount() == 0;
    }

    /**
     * Every vertex used by a triangle has a single closed fan (its incident triangles form one cycle
     * around it): no pinched vertices.
     */
    static boolean vertexManifold(Mesh m) {
        int[] idx = m.indicesCopy();
        int n = m.vertexCount();
        Map<Long, Integer> nextAround = new HashMap<>();
        int[] fanSize = new int[n];
        for (int t = 0; t < idx.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int v = idx[t + k];
                int a = idx[t + (k + 1) % 3];
                int b = idx[t + (k + 2) % 3];
                nextAround.put(((long) v << 32) | a, b);
                fanSize[v]++;
            }
        }
        for (int t = 0; t < idx.length; t += 3) {
            int v = idx[t];
            int start = idx[t + 1];
            int cur = start;
            int steps = 0;
            do {
                Integer nx = nextAround.get(((long) v << 32) | cur);
                if (nx == null) {
                    return false;
                }
                cur = nx;
                steps++;
            } while (cur != start && steps <= fanSize[v]);
            if (steps != fanSize[v]) {
                return false;
            }
        }
        return true;
    }

    /** Euler characteristic V − E + F over the vertices used by triangles. */
    static int euler(Mesh m) {
        return (int) MeshTopology.of(m).eulerCharacteristic();
    }

    /** The triangles of {@code m} whose centroid has z below {@code zCut}: an open cap with a boundary loop. */
    static Mesh cut(Mesh m, double zCut) {
        int[] idx = m.indicesCopy();
        float[] p = m.positionsCopy();
        int[] out = new int[idx.length];
        int o = 0;
        for (int t = 0; t < idx.length; t += 3) {
            double z = (p[3 * idx[t] + 2] + p[3 * idx[t + 1] + 2] + p[3 * idx[t + 2] + 2]) / 3;
            if (z < zCut) {
                System.arraycopy(idx, t, out, o, 3);
                o += 3;
            }
        }
        return MeshComponents.compact(Mesh.adopt(p, null, java.util.Arrays.copyOf(out, o)));
    }

    /** Several meshes as one (vertices and triangles appended in order). */
    static Mesh union(Mesh... parts) {
        int nv = 0;
        int ni = 0;
        for (Mesh m : parts) {
            nv += m.vertexCount();
            ni += 3 * m.triangleCount();
        }
        float[] p = new float[3 * nv];
        int[] idx = new int[ni];
        int vo = 0;
        int io = 0;
        for (Mesh m : parts) {
            System.arraycopy(m.positionsCopy(), 0, p, 3 * vo, 3 * m.vertexCount());
            int[] mi = m.indicesCopy();
            for (int i = 0; i < mi.length; i++) {
                idx[io++] = mi[i] + vo;
            }
            vo += m.vertexCount();
        }
        return Mesh.adopt(p, null, idx);
    }

    /** Vertices on a boundary edge (an edge of one triangle). */
    static boolean[] boundaryVertices(Mesh m) {
        return VertexNeighbourhood.of(m.vertexCount(), m.indicesCopy()).boundaryVertex;
    }
}
