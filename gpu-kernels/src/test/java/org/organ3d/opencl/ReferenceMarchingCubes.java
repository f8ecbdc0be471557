package org.organ3d.opencl;

import java.util.HashMap;
import java.util.Map;
import org.joml.Vector3d;
import org.organ3d.mesh.MarchingCubesCases;
import org.organ3d.mesh.Mesh;
import org.organ3d.volume.Volume;

/**
 * A deliberately plain, cell-by-cell marching cubes with a hash map from edge to vertex, written for
 * the tests only as an independent witness of the OpenCL flying edges (same case table, same
 * "inside means value >= iso", vertex at t = (iso - a) / (b - a) in index space then the affine;
 * triangles reversed on a left-handed grid so that they face outward).
 */
final class ReferenceMarchingCubes {

    private ReferenceMarchingCubes() {
    }

    static Mesh extract(Volume v, double iso) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[][] s = new float[nz][];
        for (int k = 0; k < nz; k++) {
            s[k] = v.sliceValues(k, null);
        }
        Map<Long, Integer> ids = new HashMap<>();
        java.util.List<Float> pos = new java.util.ArrayList<>();
        java.util.List<Integer> tri = new java.util.ArrayList<>();
        Vector3d p = new Vector3d();
        for (int k = 0; k < nz - 1; k++) {
            for (int j = 0; j < ny - 1; j++) {
                for (int i = 0; i < nx - 1; i++) {
                    int c = 0;
                    for (int corner = 0; corner < 8; corner++) {
                        int ci = i + (corner & 1), cj = j + ((corner >> 1) & 1), ck = k + ((corner >> 2) & 1);
                        if (s[ck][cj * nx + ci] >= iso) {
                            c |= 1 << corner;
                        }
                    }
                    for (int e : MarchingCubesCases.triangleEdges(c)) {
                        int lo = MarchingCubesCases.edgeCorner(e, 0), hi = MarchingCubesCases.edgeCorner(e, 1);
                        int ai = i + (lo & 1), aj = j + ((lo >> 1) & 1), ak = k + ((lo >> 2) & 1);
                        int axis = Integer.numberOfTrailingZeros(lo ^ hi);
                        long key = (((long) ak * ny + aj) * nx + ai) * 3 + axis;
                        Integer id = ids.get(key);
                        if (id == null) {
                            int bi = i + (hi & 1), bj = j + ((hi >> 1) & 1), bk = k + ((hi >> 2) & 1);
                            double a = s[ak][aj * nx + ai], b = s[bk][bj * nx + bi];
                            double t = (iso - a) / (b - a);
                            v.geometry().indexToPatient(ai + (axis == 0 ? t : 0), aj + (axis == 1 ? t : 0),
                                    ak + (axis == 2 ? t : 0), p);
                            id = pos.size() / 3;
                            pos.add((float) p.x);
                            pos.add((float) p.y);
                            pos.add((float) p.z);
                            ids.put(key, id);
                        }
                        tri.add(id);
                    }
                }
            }
        }
        float[] pa = new float[pos.size()];
        for (int x = 0; x < pa.length; x++) {
            pa[x] = pos.get(x);
        }
        int[] ta = tri.stream().mapToInt(Integer::intValue).toArray();
        if (v.geometry().isLeftHanded()) {
            // NB: a mirroring affine turns the table's outward winding inward: reversed, as the normals rule wants
            for (int t = 0; t < ta.length; t += 3) {
                int x = ta[t + 1];
                ta[t + 1] = ta[t + 2];
                ta[t + 2] = x;
            }
        }
        return Mesh.adopt(pa, null, ta);
    }

    /**
     * The capped surface: the same walk over the volume padded with one layer of {@code -Float.MAX_VALUE}
     * (below every iso value) on every side, so a surface cut by the border is closed on the plane of
     * the border voxel centres, as capping is defined.
     */
    static Mesh extractCapped(Volume v, double iso) {
        int nx = v.nx() + 2;
        int ny = v.ny() + 2;
        int nz = v.nz() + 2;
        Volume.Builder b = Volume.builder(new org.organ3d.volume.Dimensions(nx, ny, nz), org.organ3d.volume.VoxelType.FLOAT32,
                v.geometry().shiftedBy(-1, -1, -1));
        float[] row = new float[v.nx() * v.ny()];
        for (int k = 0; k < nz; k++) {
            java.nio.FloatBuffer s = b.floatsForWriting(k);
            for (int x = 0; x < nx * ny; x++) {
                s.put(x, -Float.MAX_VALUE);
            }
            if (k == 0 || k == nz - 1) {
                continue;
            }
            v.sliceValues(k - 1, row);
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    s.put((j + 1) * nx + i + 1, row[j * v.nx() + i]);
                }
            }
        }
        return extract(b.build(), iso);
    }
}
