#!/usr/bin/python3
"""Regenerates blobs.u8.gz, the fixture of the scipy cross-check of org.organ3d.segment.

A 64 x 56 x 24 uint8 mask (0/1), i fastest then j then k (numpy shape (24, 56, 64), C order),
voxel spacing 0.7 x 0.7 x 2.5 mm. Contents: a few ellipsoids, a thin bridge, two cubes touching
only at a corner, two touching only along an edge, a hollow ellipsoid (a 3D hole), an opened one
(no hole), and 0.3 % random single voxels. Deterministic (numpy RandomState(20261127)). Usage: /usr/bin/python3 make_blobs_fixture.py [out.u8.gz]
"""
import gzip
import sys

import numpy as np

NX, NY, NZ = 64, 56, 24
SPACING = (0.7, 0.7, 2.5)  # mm along i, j, k


def make():
    rng = np.random.RandomState(20261127)
    k, j, i = np.indices((NZ, NY, NX)).astype(float)
    x, y, z = i * SPACING[0], j * SPACING[1], k * SPACING[2]
    m = np.zeros((NZ, NY, NX), bool)
    for cx, cy, cz, rx, ry, rz in [(10, 10, 20, 6, 5, 12), (30, 12, 30, 4, 8, 9), (14, 30, 40, 7, 6, 10),
                                   (33, 32, 25, 3, 3, 6)]:
        m |= ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 + ((z - cz) / rz) ** 2 <= 1
    m[8, 14:16, 14:40] = True          # thin bridge between the first two blobs
    m[2:4, 44:46, 50:52] = True        # two 2x2x2 cubes touching at one corner
    m[4:6, 46:48, 52:54] = True
    m[14:16, 44:46, 50:52] = True      # two 2x2x2 cubes in the same slices, diagonal in-plane:
    m[14:16, 46:48, 52:54] = True      # they share an edge along k
    shell = ((x - 33) / 6) ** 2 + ((y - 32) / 6) ** 2 + ((z - 45) / 12) ** 2
    m |= (shell <= 1) & (shell > 0.35)     # a hollow ellipsoid: its cavity is a hole
    cup = ((x - 38) / 5) ** 2 + ((y - 14) / 5) ** 2 + ((z - 50) / 10) ** 2
    m |= (cup <= 1) & (cup > 0.3) & (k < 21)  # the same, opened at the top: no hole
    m |= rng.random_sample(m.shape) < 0.003
    return m.astype(np.uint8)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "blobs.u8.gz"
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        f.write(make().tobytes())
