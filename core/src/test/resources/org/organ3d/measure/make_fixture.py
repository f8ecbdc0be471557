#!/usr/bin/env python3
"""Regenerates the multi-label measurement fixture (deterministic; numpy only).

Writes, next to this script:
  multilabel_u8.raw   uint8 labels, C order [k][j][i] (i fastest), 56 x 48 x 36 voxels
  multilabel.json     dimensions, the index->LPS affine (4x4 row-major, oblique, anisotropic), label names

Labels: 1 sphere, 2 rotated ellipsoid, 3 box, 4 torus, 5 disc lesion (3 slices), 6 one voxel,
7 two separate blobs (one label, two components), 8 a label touching the volume border.
"""
import json
import math
import os

import numpy as np

NX, NY, NZ = 56, 48, 36
SPACING = (0.8, 0.7, 1.5)


def affine():
    cz, sz = math.cos(math.radians(17)), math.sin(math.radians(17))
    cx, sx = math.cos(math.radians(8)), math.sin(math.radians(8))
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    d = rz @ rx
    a = np.eye(4)
    a[:3, :3] = d * np.array(SPACING)[None, :]
    a[:3, 3] = (-120.5, 33.25, 410.0)
    return a


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    k, j, i = np.meshgrid(np.arange(NZ), np.arange(NY), np.arange(NX), indexing="ij")
    x, y, z = i * SPACING[0], j * SPACING[1], k * SPACING[2]
    lab = np.zeros((NZ, NY, NX), np.uint8)
    lab[(x - 10.3) ** 2 + (y - 9.1) ** 2 + (z - 12.2) ** 2 <= 7.5 ** 2] = 1
    c, s = math.cos(0.5), math.sin(0.5)
    u = c * (x - 30.2) + s * (y - 12.0)
    v = -s * (x - 30.2) + c * (y - 12.0)
    lab[(u / 9.0) ** 2 + (v / 5.0) ** 2 + ((z - 14.0) / 6.0) ** 2 <= 1] = 2
    lab[(i >= 4) & (i < 16) & (j >= 30) & (j < 44) & (k >= 20) & (k < 30)] = 3
    rho = np.sqrt((x - 30.0) ** 2 + (y - 25.0) ** 2)
    lab[(rho - 6.0) ** 2 + (z - 40.0) ** 2 <= 2.2 ** 2] = 4
    disc = (((x - 34.0) / 5.5) ** 2 + ((y - 26.0) / 3.0) ** 2 <= 1) & (k >= 3) & (k <= 5)
    lab[disc & (lab == 0)] = 5
    lab[30, 5, 50] = 6
    lab[(i >= 44) & (i < 48) & (j >= 38) & (j < 42) & (k >= 10) & (k < 14)] = 7
    lab[(i >= 50) & (i < 53) & (j >= 38) & (j < 41) & (k >= 18) & (k < 20)] = 7
    lab[(i >= 52) & (j < 6) & (k >= 30)] = 8
    lab.tofile(os.path.join(here, "multilabel_u8.raw"))
    meta = {
        "dimensions": [NX, NY, NZ],
        "voxelToPatient": affine().tolist(),
        "names": {"1": "sphere", "2": "ellipsoid", "3": "box", "4": "torus", "5": "disc", "6": "voxel",
                  "7": "two blobs", "8": "border"},
    }
    with open(os.path.join(here, "multilabel.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print({int(l): int((lab == l).sum()) for l in np.unique(lab) if l})


if __name__ == "__main__":
    main()
