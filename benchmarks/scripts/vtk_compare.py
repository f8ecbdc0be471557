#!/usr/bin/python3
"""Independent reference for organ3d's isosurface: VTK's vtkFlyingEdges3D + vtkMassProperties.

Reads a raw little-endian volume (x fastest, then y, then z) on an axis-aligned grid, extracts the
isosurface at ISO with vtkFlyingEdges3D (no normals, no gradients, no scalars: geometry only) and
prints one JSON object: triangles, vertices, volumeMm3, areaMm2, seconds (best extraction wall time
over --repeat runs), secondsMedian, cpuSeconds (smallest process CPU time of one run, all threads), vtk (version), threads (SMP backend and thread count).

Usage:
  vtk_compare.py RAW --dims NX NY NZ --spacing SX SY SZ [--origin OX OY OZ] --iso V
                 [--type float32|int16|uint8|uint16] [--repeat N] [--threads T]

Used by core's VtkCrossCheckTest (triangle count within 1 %, volume/area within 0.1 %) and by
compare_flying_edges.sh (throughput). Licence: same as organ3d.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np

try:
    import vtk
    from vtk.util import numpy_support
except ImportError as e:  # reported by the caller as a skip reason
    print(json.dumps({"error": "vtk missing: %s" % e}))
    sys.exit(3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("--dims", type=int, nargs=3, required=True)
    ap.add_argument("--spacing", type=float, nargs=3, required=True)
    ap.add_argument("--origin", type=float, nargs=3, default=[0.0, 0.0, 0.0])
    ap.add_argument("--iso", type=float, required=True)
    ap.add_argument("--type", default="float32", choices=["float32", "int16", "uint8", "uint16"])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()

    nx, ny, nz = a.dims
    data = np.fromfile(a.raw, dtype=np.dtype(a.type).newbyteorder("<"))
    if data.size != nx * ny * nz:
        sys.exit("%s: %d values, expected %d" % (a.raw, data.size, nx * ny * nz))
    img = vtk.vtkImageData()
    img.SetDimensions(nx, ny, nz)
    img.SetSpacing(*a.spacing)
    img.SetOrigin(*a.origin)
    arr = numpy_support.numpy_to_vtk(data, deep=1)
    arr.SetName("v")
    img.GetPointData().SetScalars(arr)

    smp = vtk.vtkSMPTools()
    if a.threads > 0:
        smp.Initialize(a.threads)
    times = []
    cpu = []
    out = None
    for _ in range(max(1, a.repeat)):
        fe = vtk.vtkFlyingEdges3D()
        fe.SetInputData(img)
        fe.SetValue(0, a.iso)
        fe.ComputeNormalsOff()
        fe.ComputeGradientsOff()
        fe.ComputeScalarsOff()
        t0 = time.perf_counter()
        c0 = time.process_time()
        fe.Update()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        out = fe.GetOutput()
    mp = vtk.vtkMassProperties()
    mp.SetInputData(out)
    mp.Update()
    print(json.dumps({
        "triangles": out.GetNumberOfPolys(),
        "vertices": out.GetNumberOfPoints(),
        "volumeMm3": mp.GetVolume(),
        "areaMm2": mp.GetSurfaceArea(),
        "seconds": min(times),
        "secondsMedian": statistics.median(times),
        "cpuSeconds": min(cpu),
        "vtk": vtk.vtkVersion.GetVTKVersion(),
        "threads": "%s/%d" % (smp.GetBackend(), smp.GetEstimatedNumberOfThreads()),
    }))


if __name__ == "__main__":
    main()
