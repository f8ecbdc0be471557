#!/usr/bin/env python3
"""Cross-checks organ3d's label measurements against independent tools.

usage: skimage_measure_check.py FIXTURE_DIR REPORT_JSON [MESH_DIR]

FIXTURE_DIR holds multilabel_u8.raw and multilabel.json (see make_fixture.py there);
REPORT_JSON is organ3d's measurement report of that label map (Report.toJson());
MESH_DIR (optional) holds label_<N>.txt surfaces organ3d measured (first line: vertices triangles,
then x y z per vertex in LPS mm, then a b c per triangle).

Checks:
  * scikit-image regionprops: voxel counts identical; centroids (index space, mapped through the
    affine) equal organ3d's centroidLps to 1e-6 mm and centroidVoxel to 1e-9; the second moments
    (skimage's inertia tensor T of the voxel centres, covariance C = tr(T)/2 I - T, plus 1/12 per axis
    for the voxel extent, mapped through the affine) give organ3d's principalLengthsMm = sqrt(20 lambda)
    to 1e-6 relative.
  * scipy (Qhull) ConvexHull of all voxel corners in mm: maxFeretDiameterMm equals the largest
    distance between hull vertices, and minFeretDiameterMm equals the smallest facet width, both to
    1e-9 relative (organ3d may only be smaller than Qhull's facet width when an edge-edge pair wins);
    the RECIST long axis and its slice equal the largest per-slice diameter of the 2D hull of the
    slice's voxel corners.
  * VTK vtkMassProperties on organ3d's own surface: volume within 0.1 % of meshVolumeMm3 and
    surface area within 0.1 % of surfaceAreaMm2.
Exit code 0 when all checks pass, 1 on a mismatch, 3 when a module is missing (the reason is printed).
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    try:
        import numpy as np
        from skimage.measure import regionprops
    except ImportError as e:
        print("SKIP: python module missing:", e)
        return 3
    fixture, report_path = sys.argv[1], sys.argv[2]
    mesh_dir = sys.argv[3] if len(sys.argv) > 3 else None
    with open(os.path.join(fixture, "multilabel.json")) as f:
        meta = json.load(f)
    nx, ny, nz = meta["dimensions"]
    a = np.array(meta["voxelToPatient"], dtype=float)
    lab = np.fromfile(os.path.join(fixture, "multilabel_u8.raw"), dtype=np.uint8).reshape(nz, ny, nx)
    with open(report_path) as f:
        report = json.load(f)
    ours = {m["label"]: m for m in report["labels"]}
    failures = 0
    props = regionprops(lab)
    if sorted(ours) != sorted(p.label for p in props):
        print("FAIL labels: organ3d", sorted(ours), "skimage", sorted(p.label for p in props))
        failures += 1
    worst_centroid = 0.0
    worst_length = 0.0
    for p in props:
        m = ours.get(p.label)
        if m is None:
            continue
        if m["voxelCount"] != int(p.area):
            print(f"FAIL label {p.label}: voxelCount {m['voxelCount']} vs skimage area {int(p.area)}")
            failures += 1
        kc, jc, ic = p.centroid  # array axes are (k, j, i)
        lps = a @ np.array([ic, jc, kc, 1.0])
        d = float(np.linalg.norm(lps[:3] - np.array(m["centroidLps"])))
        dv = float(np.linalg.norm(np.array([ic, jc, kc]) - np.array(m["centroidVoxel"])))
        worst_centroid = max(worst_centroid, d)
        if d > 1e-6 or dv > 1e-9:
            print(f"FAIL label {p.label}: centroid off by {d:.3g} mm ({dv:.3g} voxel)")
            failures += 1
        t = np.array(p.inertia_tensor, dtype=float)  # axes (k, j, i)
        c_kji = np.trace(t) / 2 * np.eye(3) - t
        order = [2, 1, 0]
        c_ijk = c_kji[np.ix_(order, order)] + np.eye(3) / 12.0
        lin = a[:3, :3]
        lam = np.sort(np.linalg.eigvalsh(lin @ c_ijk @ lin.T))[::-1]
        lengths = np.sqrt(20 * np.clip(lam, 0, None))
        rel = np.max(np.abs(lengths - np.array(m["principalLengthsMm"])) / np.maximum(lengths, 1e-12))
        worst_length = max(worst_length, float(rel))
        if rel > 1e-6:
            print(f"FAIL label {p.label}: principal lengths {lengths} vs organ3d {m['principalLengthsMm']}")
            failures += 1
    try:
        from scipy.spatial import ConvexHull
        from scipy.spatial.distance import pdist
    except ImportError as e:
        print("SKIP: python module missing:", e)
        return 3
    worst_feret = 0.0
    offsets = np.array([[x, y, z] for x in (-0.5, 0.5) for y in (-0.5, 0.5) for z in (-0.5, 0.5)])
    offsets2 = np.array([[x, y] for x in (-0.5, 0.5) for y in (-0.5, 0.5)])
    for p in props:
        m = ours.get(p.label)
        if m is None:
            continue
        ijk = p.coords[:, ::-1].astype(float)  # (i, j, k)
        corners = np.unique((ijk[:, None, :] + offsets[None, :, :]).reshape(-1, 3), axis=0)
        mm = corners @ a[:3, :3].T + a[:3, 3]
        hull = ConvexHull(mm)
        hv = mm[hull.vertices]
        dmax = float(pdist(hv).max())
        widths = [float(np.max(-(hv @ eq[:3] + eq[3]))) for eq in hull.equations]
        dmin = min(widths)
        e1 = abs(dmax - m["maxFeretDiameterMm"]) / dmax
        e2 = (m["minFeretDiameterMm"] - dmin) / dmin
        worst_feret = max(worst_feret, e1, abs(e2))
        if e1 > 1e-9 or e2 > 1e-9:
            print(f"FAIL label {p.label}: Feret max {m['maxFeretDiameterMm']} vs Qhull {dmax}, "
                  f"min {m['minFeretDiameterMm']} vs Qhull facet width {dmin}")
            failures += 1
        elif e2 < -1e-9:
            print(f"label {p.label}: min Feret {m['minFeretDiameterMm']} below Qhull's facet width {dmin} (edge-edge pair)")
        # RECIST long axis: per slice k, the diameter of the 2D hull of the slice's voxel corners.
        best, best_k = -1.0, None
        for k in np.unique(ijk[:, 2]):
            sl = ijk[ijk[:, 2] == k][:, :2]
            c2 = np.unique((sl[:, None, :] + offsets2[None, :, :]).reshape(-1, 2), axis=0)
            pts = np.c_[c2, np.full(len(c2), k)] @ a[:3, :3].T + a[:3, 3]
            h2 = ConvexHull(c2)
            dk = float(pdist(pts[h2.vertices]).max())
            if dk > best * (1 + 1e-9):
                best, best_k = dk, int(k)
        e3 = abs(best - m["recist"]["longAxisMm"]) / best
        worst_feret = max(worst_feret, e3)
        if e3 > 1e-9 or best_k != m["recist"]["sliceIndex"]:
            print(f"FAIL label {p.label}: RECIST long axis {m['recist']['longAxisMm']} on slice "
                  f"{m['recist']['sliceIndex']} vs Qhull {best} on slice {best_k}")
            failures += 1
    print(f"scipy ConvexHull (Qhull): worst Feret/RECIST long-axis difference {worst_feret:.3g} (relative)")
    print(f"skimage regionprops: {len(props)} labels, voxel counts identical: {failures == 0}, "
          f"worst centroid difference {worst_centroid:.3g} mm, worst principal-length difference "
          f"{worst_length:.3g} (relative)")
    if mesh_dir:
        try:
            import vtk
            from vtk.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray
        except ImportError as e:
            print("SKIP: python module missing:", e)
            return 3
        worst = 0.0
        for l, m in sorted(ours.items()):
            path = os.path.join(mesh_dir, f"label_{l}.txt")
            if not os.path.exists(path):
                print(f"FAIL label {l}: no mesh file {path}")
                failures += 1
                continue
            with open(path) as f:
                nv, nt = map(int, f.readline().split())
                data = np.loadtxt(f, ndmin=2) if nv + nt else np.zeros((0, 3))
            pts = data[:nv]
            tris = data[nv:nv + nt].astype(np.int64)
            poly = vtk.vtkPolyData()
            vp = vtk.vtkPoints()
            vp.SetData(numpy_to_vtk(np.ascontiguousarray(pts), deep=True))
            poly.SetPoints(vp)
            cells = np.hstack([np.full((nt, 1), 3, np.int64), tris]).ravel()
            ca = vtk.vtkCellArray()
            ca.SetCells(nt, numpy_to_vtkIdTypeArray(cells, deep=True))
            poly.SetPolys(ca)
            mp = vtk.vtkMassProperties()
            mp.SetInputData(poly)
            mp.Update()
            vol, area = mp.GetVolume(), mp.GetSurfaceArea()
            ev = abs(vol - m["meshVolumeMm3"]) / vol
            ea = abs(area - m["surfaceAreaMm2"]) / area
            worst = max(worst, ev, ea)
            print(f"label {l}: vtkMassProperties volume {vol:.4f} mm3 vs organ3d {m['meshVolumeMm3']:.4f} "
                  f"({100 * ev:.4f} %), area {area:.4f} vs {m['surfaceAreaMm2']:.4f} ({100 * ea:.4f} %)")
            if ev > 1e-3 or ea > 1e-3:
                print(f"FAIL label {l}: mesh volume/area differ by more than 0.1 %")
                failures += 1
        print(f"VTK vtkMassProperties: worst relative difference {100 * worst:.4f} %")
    print("PASS" if failures == 0 else f"FAIL ({failures} mismatches)")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
