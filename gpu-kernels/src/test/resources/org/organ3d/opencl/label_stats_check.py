#!/usr/bin/python3
"""Independent check of organ3d's multi-label pass: numpy and scikit-image on the same raw voxels.

Usage: label_stats_check.py META.json
META: dims [nx, ny, nz]; labels (raw little-endian uint16 file, k-major); image (raw file) with dtype
(numpy dtype string), slope, intercept; results: organ3d's per-label numbers (label, count, centroid
index (i, j, k), bbox [i0, i1, j0, j1, k0, k1] inclusive, mean, std, min, max, p50, p05, p95).
Counts, boxes, minima and maxima must be equal; centroids, means, standard deviations and
percentiles (numpy's default linear method) within 1e-9 relative. NaN samples are not counted.
Exit 0 and "PASS", or 1 with the differences.
"""
import json
import sys

import numpy as np
from skimage.measure import regionprops


def close(a, b, rel=1e-9, scale=0.0):
    return abs(a - b) <= rel * max(abs(a), abs(b), scale) + 1e-300


def main():
    meta = json.load(open(sys.argv[1]))
    nx, ny, nz = meta["dims"]
    lab = np.fromfile(meta["labels"], dtype="<u2").reshape(nz, ny, nx)
    raw = np.fromfile(meta["image"], dtype=meta["dtype"]).reshape(nz, ny, nx).astype(np.float64)
    img = raw * meta["slope"] + meta["intercept"]
    got = {r["label"]: r for r in meta["results"]}
    bad = []
    props = regionprops(lab)
    if sorted(p.label for p in props) != sorted(got):
        bad.append("labels differ: scikit-image %d, organ3d %d" % (len(props), len(got)))
    flat = lab.ravel()
    order = np.argsort(flat, kind="stable")
    values = img.ravel()[order]
    starts = np.searchsorted(flat[order], np.arange(0, flat.max() + 2))
    for p in props:
        r = got.get(p.label)
        if r is None:
            continue
        z0, y0, x0, z1, y1, x1 = p.bbox
        if r["count"] != p.area:
            bad.append("label %d count %d vs %d" % (p.label, r["count"], p.area))
        if r["bbox"] != [x0, x1 - 1, y0, y1 - 1, z0, z1 - 1]:
            bad.append("label %d box %s vs %s" % (p.label, r["bbox"], [x0, x1 - 1, y0, y1 - 1, z0, z1 - 1]))
        cz, cy, cx = p.centroid
        for a, b, name in ((r["centroid"][0], cx, "i"), (r["centroid"][1], cy, "j"), (r["centroid"][2], cz, "k")):
            if not close(a, b, scale=1.0):
                bad.append("label %d centroid %s %r vs %r" % (p.label, name, a, b))
        v = values[starts[p.label]:starts[p.label + 1]]
        v = v[~np.isnan(v)]
        if len(v) != r["n"]:
            bad.append("label %d values %d vs %d" % (p.label, r["n"], len(v)))
            continue
        if len(v) == 0:
            continue
        want = {"mean": np.mean(v), "std": np.std(v), "p50": np.percentile(v, 50), "p05": np.percentile(v, 5),
                "p95": np.percentile(v, 95)}
        scale = float(np.max(np.abs(v)))
        for k, w in want.items():
            if not close(r[k], float(w), scale=scale * 1e-3 if k != "std" else 0.0):
                bad.append("label %d %s %r vs numpy %r" % (p.label, k, r[k], float(w)))
        if r["min"] != float(np.min(v)) or r["max"] != float(np.max(v)):
            bad.append("label %d min/max %r %r vs %r %r" % (p.label, r["min"], r["max"], np.min(v), np.max(v)))
    print("numpy/scikit-image: %d labels, %d differences" % (len(props), len(bad)))
    for b in bad[:20]:
        print(b)
    if bad:
        sys.exit(1)
    print("PASS")


main()
