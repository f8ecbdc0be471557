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
 * "inside means value >= iso", vertex at t = (iso - a) / (b - a) in index space then the affine).
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
        return Mesh.adopt(pa, null, tri.stream().mapToInt(Integer::intValue).toArray());
    }
}
