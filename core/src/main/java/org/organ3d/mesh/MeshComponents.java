package org.organ3d.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Connected components of a triangle mesh (triangles that share a vertex belong together) and
 * filters on them: keep the largest, drop the small ones. Positions in LPS mm, volumes in mm³.
 * Stateless, thread-safe; sequential and deterministic.
 *
 * <p>Pass 1: {@link MeshTopology} labels the components (triangles sharing a vertex; numbered in
 * order of their first triangle) and says which are closed (every edge shared by two oppositely
 * oriented triangles). Pass 2: {@link MeshProperties} gives each component's signed enclosed volume
 * (divergence theorem in double) and area.
 * Pass 3: bodies. A closed component with negative volume is an inward-facing shell, the wall of a
 * cavity; it is attached to the smallest positive closed component that contains it (ray parity
 * from one of its vertices, bounding boxes first), and the body's volume is the outer shell's plus
 * its cavities' (negative) volumes. NB: this is what makes "keep largest" safe on a hollow organ:
 * its cavity wall is a separate component, and a filter that ranked components alone would drop it
 * and fill the cavity. Filters rank and keep whole bodies.
 *
 * <p>Caveats: the volume of an open component is not defined; it is computed all the same (about
 * the centre of the mesh's bounding box) and flagged by {@link Component#closed()}. A negative
 * shell that no positive shell contains is its own body, ranked by its absolute volume. Ray parity
 * assumes the enclosing shell is closed and not self-intersecting; each candidate shell is indexed
 * once (a grid on the plane normal to the ray), so many cavities in one organ stay cheap.
 */
public final class MeshComponents {

    /** What "largest" means. */
    public enum Ranking {
        /** Enclosed volume of the body (outer shell plus its cavities). */
        ENCLOSED_VOLUME,
        /** Triangles of the body (outer shell plus its cavities). */
        TRIANGLE_COUNT
    }

    /**
     * One connected component.
     *
     * @param id              0.. in order of the component's first triangle
     * @param triangles       triangle count
     * @param signedVolumeMm3 signed enclosed volume (negative for an inward-facing shell)
     * @param areaMm2         area
     * @param closed          every edge shared by two oppositely oriented triangles
     * @param body            id of the body's outer component (itself for an outer shell)
     * @param bodyVolumeMm3   volume of the body this component belongs to (outer plus cavities;
     *                        absolute value for a lone negative shell)
     * @param bodyTriangles   triangles of the body
     */
    public record Component(int id, int triangles, double signedVolumeMm3, double areaMm2, boolean closed, int body,
            double bodyVolumeMm3, int bodyTriangles) {
    }

    private MeshComponents() {
    }

    /** The components of {@code mesh}, by id. */
    public static List<Component> analyse(Mesh mesh) {
        return new Labelling(mesh).components();
    }

    /** Number of connected components (vertices used by no triangle do not count). */
    public static int count(Mesh mesh) {
        return new Labelling(mesh).count;
    }

    /** The body with the largest rank (ties: the lower id); the empty mesh stays empty. */
    public static Mesh keepLargest(Mesh mesh, Ranking ranking) {
        Objects.requireNonNull(ranking, "ranking");
        Labelling l = new Labelling(mesh);
        List<Component> cs = l.components();
        int best = -1;
        double bestRank = Double.NEGATIVE_INFINITY;
        for (Component c : cs) {
            if (c.body() != c.id()) {
                continue;
            }
            double rank = ranking == Ranking.ENCLOSED_VOLUME ? c.bodyVolumeMm3() : c.bodyTriangles();
            if (rank > bestRank) {
                bestRank = rank;
                best = c.id();
            }
        }
        boolean[] keep = new boolean[cs.size()];
        for (Component c : cs) {
            keep[c.id()] = c.body() == best;
        }
        return l.select(keep);
    }

    /** Drops every body whose volume is below {@code minVolumeMm3} (cavities go with their body). */
    public static Mesh dropSmallerThan(Mesh mesh, double minVolumeMm3) {
        if (!(minVolumeMm3 >= 0)) {
            throw new IllegalArgumentException("minimum volume must be >= 0 mm³: " + minVolumeMm3);
        }
        Labelling l = new Labelling(mesh);
        List<Component> cs = l.components();
        boolean[] keep = new boolean[cs.size()];
        for (Component c : cs) {
            keep[c.id()] = cs.get(c.body()).bodyVolumeMm3() >= minVolumeMm3;
        }
        return l.select(keep);
    }

    /**
     * The mesh without vertices that no triangle uses (kept vertices keep their order; normals
     * carried along).
     */
    public static Mesh compact(Mesh mesh) {
        Labelling l = new Labelling(mesh);
        boolean[] all = new boolean[l.count];
        Arrays.fill(all, true);
        return l.select(all);
    }

    /** Component labelling and per-component integrals of one mesh. */
    private static final class Labelling {
        final Mesh mesh;
        final double[] pos;
        final int[] idx;
        final MeshTopology topology;
        final int[] triComponent;
        final int count;

        Labelling(Mesh mesh) {
            this.mesh = Objects.requireNonNull(mesh, "mesh");
            pos = PositionArrays.toDouble(mesh.positionsCopy());
            idx = mesh.indicesCopy();
            topology = MeshTopology.of(mesh);
            triComponent = topology.triangleComponents();
            count = topology.componentCount();
        }

        /** Vertex triples of each component's triangles, bucketed in one counting pass. */
        int[][] trianglesByComponent() {
            int[] sizes = new int[count];
            for (int c : triComponent) {
                sizes[c] += 3;
            }
            int[][] out = new int[count][];
            for (int c = 0; c < count; c++) {
                out[c] = new int[sizes[c]];
            }
            int[] fill = new int[count];
            for (int t = 0; t < triComponent.length; t++) {
                int c = triComponent[t];
                int o = fill[c];
                out[c][o] = idx[3 * t];
                out[c][o + 1] = idx[3 * t + 1];
                out[c][o + 2] = idx[3 * t + 2];
                fill[c] = o + 3;
            }
            return out;
        }

        List<Component> components() {
            int[][] tris = trianglesByComponent();
            List<MeshProperties> props = MeshProperties.ofComponents(mesh, topology);
            double[] volume = new double[count];
            double[] area = new double[count];
            boolean[] closed = new boolean[count];
            double[][] box = new double[count][];
            for (int c = 0; c < count; c++) {
                volume[c] = props.get(c).volumeMm3();
                area[c] = props.get(c).areaMm2();
                box[c] = bounds(tris[c]);
                closed[c] = topology.isComponentClosed(c);
            }
            int[] body = new int[count];
            RayParity[] shells = new RayParity[count];
            for (int c = 0; c < count; c++) {
                body[c] = c;
                if (!(closed[c] && volume[c] < 0)) {
                    continue;
                }
                int best = -1;
                double[] p = {pos[3 * tris[c][0]], pos[3 * tris[c][0] + 1], pos[3 * tris[c][0] + 2]};
                for (int o = 0; o < count; o++) {
                    if (o == c || !closed[o] || volume[o] <= 0 || !contains(box[o], box[c])) {
                        continue;
                    }
                    if (best >= 0 && volume[o] >= volume[best]) {
                        continue;
                    }
                    if (shells[o] == null) {
                        shells[o] = RayParity.of(pos, tris[o]);
                    }
                    if (shells[o].inside(p)) {
                        best = o;
                    }
                }
                if (best >= 0) {
                    body[c] = best;
                }
            }
            double[] bodyVolume = new double[count];
            int[] bodyTris = new int[count];
            for (int c = 0; c < count; c++) {
                bodyVolume[body[c]] += volume[c];
                bodyTris[body[c]] += tris[c].length / 3;
            }
            List<Component> out = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                int b = body[c];
                double bv = b == c && volume[c] < 0 && bodyVolume[c] < 0 ? Math.abs(bodyVolume[c]) : bodyVolume[b];
                out.add(new Component(c, tris[c].length / 3, volume[c], area[c], closed[c], b, bv, bodyTris[b]));
            }
            return out;
        }

        private double[] bounds(int[] tris) {
            double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int v : tris) {
                for (int k = 0; k < 3; k++) {
                    b[k] = Math.min(b[k], pos[3 * v + k]);
                    b[k + 3] = Math.max(b[k + 3], pos[3 * v + k]);
                }
            }
            return b;
        }

        private static boolean contains(double[] outer, double[] inner) {
            return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] <= inner[2] && outer[3] >= inner[3]
                    && outer[4] >= inner[4] && outer[5] >= inner[5];
        }

        /** The triangles of the kept components, vertices compacted in their original order. */
        Mesh select(boolean[] keep) {
            int n = mesh.vertexCount();
            int kept = 0;
            for (int c : triComponent) {
                kept += keep[c] ? 1 : 0;
            }
            boolean[] used = new boolean[n];
            for (int t = 0; t < triComponent.length; t++) {
                if (keep[triComponent[t]]) {
                    used[idx[3 * t]] = true;
                    used[idx[3 * t + 1]] = true;
                    used[idx[3 * t + 2]] = true;
                }
            }
            int[] remap = new int[n];
            int vertices = 0;
            for (int v = 0; v < n; v++) {
                remap[v] = used[v] ? vertices++ : -1;
            }
            float[] p = mesh.positionsCopy();
            float[] nrm = mesh.normalsCopy();
            float[] outP = new float[3 * vertices];
            float[] outN = nrm == null ? null : new float[3 * vertices];
            for (int v = 0; v < n; v++) {
                if (remap[v] >= 0) {
                    System.arraycopy(p, 3 * v, outP, 3 * remap[v], 3);
                    if (outN != null) {
                        System.arraycopy(nrm, 3 * v, outN, 3 * remap[v], 3);
                    }
                }
            }
            int[] outI = new int[3 * kept];
            int o = 0;
            for (int t = 0; t < triComponent.length; t++) {
                if (keep[triComponent[t]]) {
                    outI[o++] = remap[idx[3 * t]];
                    outI[o++] = remap[idx[3 * t + 1]];
                    outI[o++] = remap[idx[3 * t + 2]];
                }
            }
            return Mesh.adopt(outP, outN, outI, mesh.isCapped());
        }
    }
}
