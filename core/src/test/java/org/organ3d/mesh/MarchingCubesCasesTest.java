package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

class MarchingCubesCasesTest {

    private static Vector3d corner(int c) {
        return new Vector3d(c & 1, (c >> 1) & 1, (c >> 2) & 1);
    }

    private static Vector3d mid(int e) {
        return corner(MarchingCubesCases.edgeCorner(e, 0)).add(corner(MarchingCubesCases.edgeCorner(e, 1))).mul(0.5);
    }

    @Test
    void edgeNumberingAndFacesAreAsDocumented() {
        for (int e = 0; e < 12; e++) {
            int a = MarchingCubesCases.edgeCorner(e, 0);
            int b = MarchingCubesCases.edgeCorner(e, 1);
            assertEquals(1 << (e >> 2), b - a, "edge " + e + " runs along its axis");
            assertEquals(e, MarchingCubesCases.edgeBetween(a, b));
            assertEquals(e, MarchingCubesCases.edgeBetween(b, a));
        }
        Vector3d[] outward = {new Vector3d(-1, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, -1, 0),
            new Vector3d(0, 1, 0), new Vector3d(0, 0, -1), new Vector3d(0, 0, 1)};
        for (int f = 0; f < 6; f++) {
            int[] q = MarchingCubesCases.faceCorners(f);
            Vector3d n = new Vector3d();
            for (int v = 0; v < 4; v++) {
                n.add(corner(q[v]).cross(corner(q[(v + 1) % 4]), new Vector3d()));
            }
            assertTrue(n.normalize().distance(outward[f]) < 1e-12, "face " + f + " counter-clockwise from outside");
        }
    }

    @Test
    void everyCasePolygonsCloseOverExactlyTheCutEdges() {
        assertEquals(0, MarchingCubesCases.triangleCount(0));
        assertEquals(0, MarchingCubesCases.triangleCount(255));
        for (int c = 0; c < 256; c++) {
            int cut = MarchingCubesCases.cutEdges(c);
            int[] poly = MarchingCubesCases.polygons(c);
            int seen = 0;
            int polys = 0;
            int fanTriangles = 0;
            for (int p = 0; p < poly.length; p += poly[p] + 1, polys++) {
                int n = poly[p];
                assertTrue(n >= 3, "case " + c + " polygon with " + n + " vertices");
                fanTriangles += n - 2;
                for (int v = 0; v < n; v++) {
                    int e = poly[p + 1 + v];
                    assertEquals(0, seen & (1 << e), "case " + c + " edge " + e + " in two polygons");
                    seen |= 1 << e;
                    assertEquals(polys, MarchingCubesCases.edgePolygon(c, e));
                    // consecutive polygon vertices lie on a common face: the polygon runs on the cube surface
                    int next = poly[p + 1 + (v + 1) % n];
                    assertTrue(commonFace(e, next) >= 0, "case " + c + ": edges " + e + "," + next + " share no face");
                }
            }
            assertEquals(cut, seen, "case " + c + ": polygons cover exactly the cut edges");
            assertEquals(polys, MarchingCubesCases.polygonCount(c));
            assertEquals(fanTriangles, MarchingCubesCases.triangleCount(c));
            int[] t = MarchingCubesCases.triangleEdges(c);
            assertEquals(3 * MarchingCubesCases.triangleCount(c), t.length);
            int[] flat = MarchingCubesCases.flatTable();
            assertEquals(MarchingCubesCases.triangleCount(c), flat[c * MarchingCubesCases.STRIDE]);
            for (int x = 0; x < t.length; x++) {
                assertEquals(t[x], flat[c * MarchingCubesCases.STRIDE + 1 + x]);
            }
        }
    }

    /** Face (0..5) containing both edges, or -1. */
    private static int commonFace(int e1, int e2) {
        for (int f = 0; f < 6; f++) {
            Set<Integer> s = new HashSet<>();
            int[] q = MarchingCubesCases.faceCorners(f);
            for (int v = 0; v < 4; v++) {
                s.add(MarchingCubesCases.edgeBetween(q[v], q[(v + 1) % 4]));
            }
            if (s.contains(e1) && s.contains(e2)) {
                return f;
            }
        }
        return -1;
    }

    /** Directed segments of case c on face f, each as "from->to" in the face's 3D edge midpoints (shifted). */
    private static Set<String> segments(int c, int f, Vector3d shift) {
        Set<String> out = new HashSet<>();
        int[] poly = MarchingCubesCases.polygons(c);
        for (int p = 0; p < poly.length; p += poly[p] + 1) {
            int n = poly[p];
            for (int v = 0; v < n; v++) {
                int a = poly[p + 1 + v];
                int b = poly[p + 1 + (v + 1) % n];
                if (commonFace(a, b) == f) {
                    out.add(key(mid(a).add(shift)) + "->" + key(mid(b).add(shift)));
                }
            }
        }
        return out;
    }

    private static String key(Vector3d v) {
        return v.x + "," + v.y + "," + v.z;
    }

    @Test
    void neighbouringCubesAgreeOnEverySharedFaceWithOppositeDirection() {
        int checks = 0;
        for (int c = 0; c < 256; c++) {
            for (int f = 0; f < 6; f++) {
                int axis = f / 2;
                boolean upper = (f & 1) == 1;
                int nf = upper ? f - 1 : f + 1;
                Vector3d shift = new Vector3d();
                shift.setComponent(axis, upper ? 1 : -1);
                for (int other = 0; other < 16; other++) {
                    // neighbour's corners on the shared face copy ours; its far corners take every pattern
                    int nc = 0;
                    int o = 0;
                    for (int corner = 0; corner < 8; corner++) {
                        boolean onShared = ((corner >> axis) & 1) == (upper ? 0 : 1);
                        if (onShared) {
                            int mine = corner ^ (1 << axis);
                            nc |= ((c >> mine) & 1) << corner;
                        } else {
                            nc |= ((other >> o++) & 1) << corner;
                        }
                    }
                    Set<String> mine = segments(c, f, new Vector3d());
                    Set<String> theirs = segments(nc, nf, shift);
                    Set<String> reversed = new HashSet<>();
                    for (String s : theirs) {
                        String[] ab = s.split("->");
                        reversed.add(ab[1] + "->" + ab[0]);
                    }
                    assertEquals(mine, reversed, "case " + c + " face " + f + " vs neighbour case " + nc);
                    checks++;
                }
            }
        }
        assertEquals(256 * 6 * 16, checks);
    }

    @Test
    void normalsPointFromInsideToOutside() {
        for (int corner = 0; corner < 8; corner++) {
            for (int c : new int[] {1 << corner, 255 ^ (1 << corner)}) {
                boolean single = c == 1 << corner;
                int[] t = MarchingCubesCases.triangleEdges(c);
                assertEquals(3, t.length);
                Vector3d a = mid(t[0]);
                Vector3d n = mid(t[1]).sub(a).cross(mid(t[2]).sub(a, new Vector3d()));
                Vector3d away = a.sub(corner(corner), new Vector3d());
                double d = n.dot(away);
                assertTrue(single ? d > 0 : d < 0, "case " + c + " normal " + n);
            }
        }
        // a planar cut: inside z = 0 corners, normal must point +z
        int c = 0b00001111;
        int[] t = MarchingCubesCases.triangleEdges(c);
        for (int x = 0; x < t.length; x += 3) {
            Vector3d a = mid(t[x]);
            Vector3d n = mid(t[x + 1]).sub(a).cross(mid(t[x + 2]).sub(a, new Vector3d()));
            assertTrue(n.z > 0 && Math.abs(n.x) < 1e-12 && Math.abs(n.y) < 1e-12, "case 15 normal " + n);
        }
    }
}
