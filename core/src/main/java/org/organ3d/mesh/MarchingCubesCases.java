package org.organ3d.mesh;

import java.util.Arrays;

/**
 * The 256-case marching-cubes triangulation used by every organ3d backend (Java flying edges,
 * surface nets, the OpenCL kernels). Generated here, at class load, from one rule, not typed in from
 * a published table, so that its properties can be argued and tested: every case's polygons close,
 * two cubes that share a face always cut that face the same way (the surface is watertight), and
 * every triangle is wound so that its normal (right-hand rule) points from inside to outside.
 *
 * <h2>Numbering</h2>
 * Corner {@code c} of a cube with minimum corner (i, j, k) is the sample at
 * (i + (c &amp; 1), j + ((c &gt;&gt; 1) &amp; 1), k + ((c &gt;&gt; 2) &amp; 1)); the cube's case is the bit
 * set of its inside corners ({@code value >= iso}): bit c set when corner c is inside.
 * The twelve edges are grouped by axis, as in VTK's flying edges:
 * <ul>
 *   <li>x edges 0..3: edge {@code y + 2z} joins corners {@code (0,y,z)} and {@code (1,y,z)};</li>
 *   <li>y edges 4..7: edge {@code 4 + x + 2z} joins {@code (x,0,z)} and {@code (x,1,z)};</li>
 *   <li>z edges 8..11: edge {@code 8 + x + 2y} joins {@code (x,y,0)} and {@code (x,y,1)}.</li>
 * </ul>
 * {@link #EDGE_CORNERS} lists the two corners of each edge (lower corner first).
 *
 * <h2>The rule</h2>
 * On each of the six faces the cut edges (one inside and one outside corner) are joined by segments.
 * A face with two cut edges has one segment. A face with four cut edges (inside corners on one
 * diagonal, outside corners on the other) is ambiguous; the rule is always <em>inside corners are
 * kept separate</em>: each inside corner is cut off by its own segment. The rule looks only at the
 * face's four corner states, so the two cubes sharing a face make the same segments, and the
 * surface has no cracks. (In digital-topology terms the inside is 6-connected and the outside
 * 18-connected.) Each segment is directed so that, seen from outside the cube, the inside corners
 * lie on its left. Every cut edge then starts exactly one segment and ends exactly one, and following
 * the segments gives closed polygons. Each polygon is triangulated without any diagonal that joins two
 * edges of one face (such a diagonal could also be made by the neighbouring cube, and the edge would
 * be shared by four triangles), wound so that the normal points from inside to outside; a shared face is traversed in opposite
 * directions by its two cubes, so neighbouring triangles are consistently oriented.
 *
 * <h2>Layouts</h2>
 * {@link #triangleCount(int)} and {@link #triangleEdges(int)} for Java code; {@link #flatTable()} for a
 * kernel: {@value #STRIDE} ints per case, {@code [count, e0, e1, e2, e0, e1, e2, ...]} padded with -1.
 * Polygons (before fanning) for surface nets: {@link #polygonCount(int)} and
 * {@link #edgePolygon(int, int)}. All arrays here are private or copies; the class is immutable and
 * thread-safe.
 *
 * <p>Caveats: with the fixed face rule the tables are not complement-symmetric (case {@code c} and
 * case {@code 255 - c} differ on ambiguous faces), so triangle counts differ from a
 * complement-symmetric table (e.g. VTK's) in ambiguous cubes only. Polygons of up to 12 vertices can
 * occur (e.g. in checkerboard-like cases) and are triangulated without regard to planarity; the interior
 * ambiguity (a tunnel between two polygons) is never resolved by a tunnel.
 */
public final class MarchingCubesCases {

    /** Most triangles any case produces. */
    public static final int MAX_TRIANGLES;
    /** Ints per case in {@link #flatTable()}: 1 + 3 × {@link #MAX_TRIANGLES}, rounded up to a multiple of 16. */
    public static final int STRIDE;

    /** Corners of each edge: {@code EDGE_CORNERS[e] = {lower, upper}} (corner numbering above). */
    private static final int[][] EDGE_CORNERS = new int[12][];

    /** Corners of each face in counter-clockwise order seen from outside the cube. */
    private static final int[][] FACES = {
        {0, 4, 6, 2}, // x = 0, outward -x
        {1, 3, 7, 5}, // x = 1, outward +x
        {0, 1, 5, 4}, // y = 0, outward -y
        {2, 6, 7, 3}, // y = 1, outward +y
        {0, 2, 3, 1}, // z = 0, outward -z
        {4, 5, 7, 6}, // z = 1, outward +z
    };

    private static final int[] TRI_COUNT = new int[256];
    private static final int[][] TRI_EDGES = new int[256][];
    private static final int[] POLY_COUNT = new int[256];
    private static final int[][] EDGE_POLY = new int[256][];
    private static final int[][] POLYGONS_FLAT = new int[256][];
    private static final int[] FLAT_TABLE;

    static {
        for (int e = 0; e < 12; e++) {
            int axis = e >> 2;
            int rest = e & 3;
            int lower = switch (axis) {
                case 0 -> (rest & 1) << 1 | (rest >> 1) << 2;
                case 1 -> (rest & 1) | (rest >> 1) << 2;
                default -> (rest & 1) | (rest >> 1) << 1;
            };
            EDGE_CORNERS[e] = new int[] {lower, lower | 1 << axis};
        }
        int max = 0;
        for (int c = 0; c < 256; c++) {
            build(c);
            max = Math.max(max, TRI_COUNT[c]);
        }
        MAX_TRIANGLES = max;
        STRIDE = (1 + 3 * max + 15) / 16 * 16;
        FLAT_TABLE = new int[256 * STRIDE];
        Arrays.fill(FLAT_TABLE, -1);
        for (int c = 0; c < 256; c++) {
            FLAT_TABLE[c * STRIDE] = TRI_COUNT[c];
            System.arraycopy(TRI_EDGES[c], 0, FLAT_TABLE, c * STRIDE + 1, TRI_EDGES[c].length);
        }
    }


    private MarchingCubesCases() {
    }

    /**
     * The whole table for a kernel (a fresh copy): {@link #STRIDE} ints per case,
     * {@code [count, e0, e1, e2, ...]} padded with -1. Upload exactly this to get the same triangles.
     */
    public static int[] flatTable() {
        return FLAT_TABLE.clone();
    }

    /** The edge joining corners a and b (which must differ along exactly one axis). */
    public static int edgeBetween(int a, int b) {
        int d = a ^ b;
        int lo = a & b;
        return switch (d) {
            case 1 -> ((lo >> 1) & 1) + 2 * ((lo >> 2) & 1);
            case 2 -> 4 + (lo & 1) + 2 * ((lo >> 2) & 1);
            case 4 -> 8 + (lo & 1) + 2 * ((lo >> 1) & 1);
            default -> throw new IllegalArgumentException("corners " + a + " and " + b + " do not share an edge");
        };
    }

    /** Corner {@code end} (0 = lower, 1 = upper) of edge e. */
    public static int edgeCorner(int e, int end) {
        return EDGE_CORNERS[e][end];
    }

    /** Corners of face f (0..5: x=0, x=1, y=0, y=1, z=0, z=1), counter-clockwise seen from outside. */
    public static int[] faceCorners(int f) {
        return FACES[f].clone();
    }

    /** Number of triangles of case c (0..255). */
    public static int triangleCount(int c) {
        return TRI_COUNT[c];
    }

    /** Edges of case c's triangles, three per triangle, outward winding (a copy). */
    public static int[] triangleEdges(int c) {
        return TRI_EDGES[c].clone();
    }

    /** Edge {@code corner} (0..2) of triangle t of case c. No copy: for hot loops. */
    public static int triangleEdge(int c, int t, int corner) {
        return TRI_EDGES[c][3 * t + corner];
    }

    /** Number of closed polygons (surface sheets) that case c puts in the cube. */
    public static int polygonCount(int c) {
        return POLY_COUNT[c];
    }

    /** The polygon (0..polygonCount-1) of case c that passes through edge e, or -1 if e is not cut. */
    public static int edgePolygon(int c, int e) {
        return EDGE_POLY[c][e];
    }

    /**
     * Polygons of case c as {@code [n0, e.., n1, e.., ...]}: each polygon's vertex count then its edges
     * in outward (counter-clockwise seen from outside the surface) order. A copy.
     */
    public static int[] polygons(int c) {
        return POLYGONS_FLAT[c].clone();
    }

    /** Bit set of the edges case c cuts (bit e set when edge e joins an inside and an outside corner). */
    public static int cutEdges(int c) {
        int m = 0;
        for (int e = 0; e < 12; e++) {
            if (((c >> EDGE_CORNERS[e][0]) & 1) != ((c >> EDGE_CORNERS[e][1]) & 1)) {
                m |= 1 << e;
            }
        }
        return m;
    }

    /** Bit set of the (up to two) faces an edge lies on, bit f for face f. */
    private static int facesOfEdge(int e) {
        int m = 0;
        for (int f = 0; f < 6; f++) {
            for (int q = 0; q < 4; q++) {
                if (edgeBetween(FACES[f][q], FACES[f][(q + 1) & 3]) == e) {
                    m |= 1 << f;
                }
            }
        }
        return m;
    }

    /**
     * Triangulates one polygon (cube edges in outward order) so that no diagonal joins two edges of
     * one cube face, appending the triangles to {@code tris}; returns the new triangle-index count.
     * NB: a diagonal lying on a face could be made by the neighbouring cube too, and the edge would
     * then be shared by four triangles (non-manifold). Minimum-weight triangulation by interval
     * dynamic programming, weight 1 per face diagonal; every case of this table reaches weight 0
     * (checked when the table is built).
     */
    private static int triangulate(int[] loop, int n, int[] tris, int nt) {
        int[][] cost = new int[n][n];
        int[][] split = new int[n][n];
        for (int len = 2; len < n; len++) {
            for (int i = 0; i + len < n; i++) {
                int j = i + len;
                int best = Integer.MAX_VALUE;
                int bestK = -1;
                for (int k = i + 1; k < j; k++) {
                    int w = cost[i][k] + cost[k][j];
                    if (w < best) {
                        best = w;
                        bestK = k;
                    }
                }
                boolean diagonal = !(i == 0 && j == n - 1);
                boolean onFace = (facesOfEdge(loop[i]) & facesOfEdge(loop[j])) != 0;
                cost[i][j] = best + (diagonal && onFace ? 1 : 0);
                split[i][j] = bestK;
            }
        }
        if (cost[0][n - 1] != 0) {
            throw new IllegalStateException("polygon " + Arrays.toString(Arrays.copyOf(loop, n))
                    + " has no triangulation free of face diagonals");
        }
        return emit(loop, split, 0, n - 1, tris, nt);
    }

    private static int emit(int[] loop, int[][] split, int i, int j, int[] tris, int nt) {
        if (j - i < 2) {
            return nt;
        }
        int k = split[i][j];
        tris[nt++] = loop[i];
        tris[nt++] = loop[k];
        tris[nt++] = loop[j];
        nt = emit(loop, split, i, k, tris, nt);
        return emit(loop, split, k, j, tris, nt);
    }

    private static void build(int c) {
        // next[e] = the edge that follows e in its polygon
        int[] next = new int[12];
        Arrays.fill(next, -1);
        for (int[] f : FACES) {
            boolean[] in = new boolean[4];
            int insideCount = 0;
            for (int q = 0; q < 4; q++) {
                in[q] = ((c >> f[q]) & 1) != 0;
                insideCount += in[q] ? 1 : 0;
            }
            boolean ambiguous = insideCount == 2 && in[0] == in[2];
            for (int q = 0; q < 4; q++) {
                int prev = (q + 3) & 3;
                int nxt = (q + 1) & 3;
                // A segment leaves from the edge where the inside run ends (last inside -> first outside)
                // towards the edge where it started (last outside -> first inside); inside on the left.
                if (in[q] && !in[nxt]) {
                    int from = edgeBetween(f[q], f[nxt]);
                    int to;
                    if (ambiguous) {
                        to = edgeBetween(f[prev], f[q]);
                    } else {
                        int s = q;
                        while (in[(s + 3) & 3]) {
                            s = (s + 3) & 3;
                        }
                        to = edgeBetween(f[(s + 3) & 3], f[s]);
                    }
                    if (next[from] != -1) {
                        throw new IllegalStateException("case " + c + ": edge " + from + " starts two segments");
                    }
                    next[from] = to;
                }
            }
        }
        int[] edgePoly = new int[12];
        Arrays.fill(edgePoly, -1);
        int polys = 0;
        int[] tris = new int[36];
        int nt = 0;
        int[] flat = new int[24];
        int nf = 0;
        for (int start = 0; start < 12; start++) {
            if (next[start] == -1 || edgePoly[start] != -1) {
                continue;
            }
            int[] loop = new int[12];
            int n = 0;
            int e = start;
            do {
                if (edgePoly[e] != -1 || n == 12) {
                    throw new IllegalStateException("case " + c + ": polygon does not close at edge " + e);
                }
                edgePoly[e] = polys;
                loop[n++] = e;
                e = next[e];
                if (e == -1) {
                    throw new IllegalStateException("case " + c + ": open polygon");
                }
            } while (e != start);
            // NB: the segments run with the inside on their left seen from outside the cube, which makes
            // the loop clockwise seen from the outside region; reversing it gives outward normals.
            for (int a = 0, b = n - 1; a < b; a++, b--) {
                int t = loop[a];
                loop[a] = loop[b];
                loop[b] = t;
            }
            flat[nf++] = n;
            for (int v = 0; v < n; v++) {
                flat[nf++] = loop[v];
            }
            nt = triangulate(loop, n, tris, nt);
            polys++;
        }
        TRI_COUNT[c] = nt / 3;
        TRI_EDGES[c] = Arrays.copyOf(tris, nt);
        POLY_COUNT[c] = polys;
        EDGE_POLY[c] = edgePoly;
        POLYGONS_FLAT[c] = Arrays.copyOf(flat, nf);
    }
}
