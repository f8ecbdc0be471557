#!/usr/bin/python3
"""scikit-image's marching cubes (Lewiner) on a raw little-endian volume, for compare.sh.

Prints one JSON object: tool, seconds (best wall over --repeat runs), secondsMedian, cpuSeconds (mean),
triangles, vertices, volumeMm3, areaMm2 (divergence theorem and triangle areas on skimage's mesh).
Usage: skimage_mc.py RAW --dims NX NY NZ --spacing SX SY SZ --iso V [--type int16] [--repeat N]
Licence: same as organ3d.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np

try:
    import skimage
    from skimage import measure
except ImportError as e:
    print(json.dumps({"error": "scikit-image missing: %s" % e}))
    sys.exit(3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("--dims", type=int, nargs=3, required=True)
    ap.add_argument("--spacing", type=float, nargs=3, required=True)
    ap.add_argument("--iso", type=float, required=True)
    ap.add_argument("--type", default="int16")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=0)
    a = ap.parse_args()
    nx, ny, nz = a.dims
    data = np.fromfile(a.raw, dtype=np.dtype(a.type).newbyteorder("<")).reshape(nz, ny, nx)
    vol = data.astype(np.float32)  # skimage works in float; conversion not timed
    times, cpu = [], []
    verts = faces = None
    for _ in range(a.warmup):
        measure.marching_cubes(vol, level=a.iso, spacing=(a.spacing[2], a.spacing[1], a.spacing[0]))
    for _ in range(a.repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        # NB: array axes are (z, y, x); spacing given in the same order.
        verts, faces, _, _ = measure.marching_cubes(vol, level=a.iso, spacing=(a.spacing[2], a.spacing[1], a.spacing[0]))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    tri = verts[faces]
    cross = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    area = 0.5 * np.linalg.norm(cross, axis=1).sum()
    volume = abs(np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6.0)
    print(json.dumps({"tool": "scikit-image %s marching_cubes" % skimage.__version__, "seconds": min(times),
                      "secondsMedian": statistics.median(times), "cpuSeconds": statistics.mean(cpu),
                      "triangles": int(len(faces)), "vertices": int(len(verts)),
                      "volumeMm3": float(volume), "areaMm2": float(area), "threads": "1 (single-threaded)"}))


if __name__ == "__main__":
    main()
