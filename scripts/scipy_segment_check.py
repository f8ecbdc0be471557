#!/usr/bin/python3
"""Independent reference for org.organ3d.segment, computed with scipy.ndimage (Debian python3-scipy).

Reads a gzip'd uint8 0/1 mask (i fastest, then j, then k) and writes into OUTDIR:
  cc6.u32, cc26.u32  scipy.ndimage.label component numbers (uint32 little-endian, 6 / 26 connectivity)
  margin.u8          distance_transform_edt(~mask, sampling) <= R  (the margin / dilation by R mm)
  erode.u8           distance_transform_edt(mask, sampling) > E    (erosion by E mm; scipy measures to
                     the nearest zero inside the array, i.e. the grid border counts as foreground)
  fill.u8            binary_fill_holes(mask) (background 6-connected to the array border stays)
  summary.json       component sizes (sorted, descending) and voxel counts
Both distance tests use squared distances with organ3d's relative tolerance 1e-6 on R².

Usage: scipy_segment_check.py MASK.u8.gz NX NY NZ SX SY SZ R E OUTDIR
"""
import gzip
import json
import os
import sys

import numpy as np
from scipy import ndimage


def main(argv):
    path, nx, ny, nz, sx, sy, sz, r, e, out = argv[1:11]
    nx, ny, nz = int(nx), int(ny), int(nz)
    sampling = (float(sz), float(sy), float(sx))  # numpy axes are (k, j, i)
    r, e = float(r), float(e)
    with gzip.open(path, "rb") as f:
        m = np.frombuffer(f.read(), np.uint8).reshape((nz, ny, nx)) != 0
    os.makedirs(out, exist_ok=True)
    summary = {}
    for name, conn in (("cc6", 1), ("cc26", 3)):
        lab, n = ndimage.label(m, structure=ndimage.generate_binary_structure(3, conn))
        lab.astype("<u4").tofile(os.path.join(out, name + ".u32"))
        sizes = np.bincount(lab.ravel())[1:]
        summary[name] = sorted((int(s) for s in sizes), reverse=True)
    tol = 1 + 1e-6
    d_out = ndimage.distance_transform_edt(~m, sampling=sampling)
    margin = d_out * d_out <= r * r * tol
    margin.astype(np.uint8).tofile(os.path.join(out, "margin.u8"))
    d_in = ndimage.distance_transform_edt(m, sampling=sampling)
    erode = d_in * d_in > e * e * tol
    erode.astype(np.uint8).tofile(os.path.join(out, "erode.u8"))
    fill = ndimage.binary_fill_holes(m)
    fill.astype(np.uint8).tofile(os.path.join(out, "fill.u8"))
    summary["filledHoleVoxels"] = int(fill.sum() - m.sum())
    summary["marginVoxels"] = int(margin.sum())
    summary["erodeVoxels"] = int(erode.sum())
    summary["scipy"] = __import__("scipy").__version__
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 11:
        sys.exit(__doc__)
    main(sys.argv)
