#!/usr/bin/python3
"""VTK's side of compare_first_extraction.sh: in this fresh process, read a NIfTI file with
vtkNIFTIImageReader, then run vtkFlyingEdges3D RUNS times (a new filter each time, as a fresh
pipeline would) and print one JSON object: seconds (wall time of each Update(), first included),
cpuSeconds (process CPU time of each, all threads), triangles, vertices, readSeconds, vtk, threads.

Usage: vtk_first_extraction.py FILE ISO [--runs N] [--normals]
       (without --normals: no normals, gradients or scalars, geometry only, like organ3d's STL path)
Licence: same as organ3d.
"""
import argparse
import json
import sys
import time

try:
    import vtk
except ImportError as e:
    print(json.dumps({"error": "vtk missing: %s" % e}))
    sys.exit(3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("iso", type=float)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--normals", action="store_true")
    a = ap.parse_args()
    t0 = time.perf_counter()
    r = vtk.vtkNIFTIImageReader()
    r.SetFileName(a.file)
    r.Update()
    img = r.GetOutput()
    read = time.perf_counter() - t0
    wall, cpu = [], []
    out = None
    for _ in range(max(1, a.runs)):
        fe = vtk.vtkFlyingEdges3D()
        fe.SetInputData(img)
        fe.SetValue(0, a.iso)
        fe.SetComputeNormals(1 if a.normals else 0)
        fe.ComputeGradientsOff()
        fe.ComputeScalarsOff()
        out = None
        t = time.perf_counter()
        c = time.process_time()
        fe.Update()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        out = fe.GetOutput()
    smp = vtk.vtkSMPTools()
    print(json.dumps({
        "seconds": wall, "cpuSeconds": cpu, "readSeconds": read,
        "triangles": out.GetNumberOfPolys(), "vertices": out.GetNumberOfPoints(),
        "vtk": vtk.vtkVersion.GetVTKVersion(),
        "threads": "%s/%d" % (smp.GetBackend(), smp.GetEstimatedNumberOfThreads()),
    }))


if __name__ == "__main__":
    main()
