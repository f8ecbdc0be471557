#!/usr/bin/python3
"""Independent references for the inference tests: nibabel for orientation and affines, scipy.ndimage
for interpolation and convolution, numpy for the rest. Prints one JSON document.

threshold IN.nii.gz OUT.nii.gz T SPACING|none CODE|none [threshold|sigmoid3]
    The point-wise model [t - x, x - t] (or sigmoid3: sigmoid(x - 100.5), sigmoid(x - 200.5),
    sigmoid(x - 300.5), the highest channel >= 0.5 wins) run the documented way: the image reoriented to CODE with
    nibabel (io_orientation / ornt_transform / apply_orientation), resampled linearly (clamped at the
    border) to SPACING [x,y,z] mm on a grid of round(n * s / S) voxels centred on the image's box,
    the outputs computed, interpolated linearly back to every voxel of the original grid (through
    the affines) and decoded. Compared with organ3d's label map OUT: mismatching voxels,
    and those among them whose margin (logit difference, or distance of a probability from 0.5)
    exceeds 1e-3 (there must be none); whether OUT has IN's
    shape and affine.

conv IN.raw OUT.raw NX NY NZ WEIGHTS.npz CROP MEAN STD TTA
    The two-layer convolution network of make_models.py (weights from WEIGHTS.npz) applied to the
    whole zero-extended normalized volume IN ((x - MEAN) / STD, float32 raw, x fastest), by
    scipy.ndimage.convolve with the kernels reversed (ONNX Conv is a correlation); with TTA=1 the
    average over the eight mirrorings. OUT holds organ3d's blended two channels (float32 raw,
    channel-major, x fastest). Prints the largest absolute difference.
"""
import json
import sys

import numpy as np
from scipy import ndimage


def grid_coords(n_o, s_o, n_m, s_m):
    """Original continuous index of each model index along one axis (box centres aligned)."""
    m = np.arange(n_m, dtype=np.float64)
    return (n_o - 1) / 2.0 + (m - (n_m - 1) / 2.0) * s_m / s_o


def threshold(args):
    import nibabel as nib
    from nibabel import orientations as ori

    img = nib.load(args[0])
    out = nib.load(args[1])
    t = float(args[2])
    spacing = None if args[3] == "none" else [float(v) for v in args[3].split(",")]
    code = None if args[4] == "none" else args[4]
    kind = args[5] if len(args) > 5 else "threshold"
    data = np.asarray(img.dataobj, dtype=np.float64)
    aff = img.affine
    if code is not None:
        tr = ori.ornt_transform(ori.io_orientation(aff), ori.axcodes2ornt(tuple(code)))
        data_o = ori.apply_orientation(data, tr)
        aff_o = aff @ ori.inv_ornt_aff(tr, data.shape)
    else:
        data_o, aff_o = data, aff
    s_o = np.sqrt((aff_o[:3, :3] ** 2).sum(axis=0))
    n_o = np.array(data_o.shape)
    if spacing is None:
        n_m, s_m = n_o, s_o
    else:
        s_m = np.array(spacing)
        n_m = np.maximum(1, np.rint(n_o * s_o / s_m).astype(int))
    axes = [grid_coords(n_o[a], s_o[a], n_m[a], s_m[a]) for a in range(3)]
    # model grid image, model output
    mesh = np.meshgrid(*axes, indexing="ij")
    x_m = ndimage.map_coordinates(data_o, mesh, order=1, mode="nearest")
    if kind == "sigmoid3":
        outs = [1 / (1 + np.exp(-(x_m - tc))) for tc in (100.5, 200.5, 300.5)]
    else:
        outs = [t - x_m, x_m - t]
    # model index -> oriented index: idx_o = scale * m + offset per axis
    scale = s_m / s_o
    offset = (n_o - 1) / 2.0 - scale * (n_m - 1) / 2.0
    model_aff = aff_o @ np.vstack([np.column_stack([np.diag(scale), offset]), [0, 0, 0, 1]])
    # every original voxel -> model continuous index
    ii, jj, kk = np.meshgrid(*[np.arange(n) for n in data.shape], indexing="ij")
    vox = np.stack([ii.ravel(), jj.ravel(), kk.ravel(), np.ones(ii.size)])
    m = (np.linalg.inv(model_aff) @ aff @ vox)[:3]
    back = [ndimage.map_coordinates(o, m, order=1, mode="nearest") for o in outs]
    if kind == "sigmoid3":
        want = np.zeros(back[0].shape, dtype=int)
        for c, b in enumerate(back):
            want[b >= 0.5] = c + 1
        margin = np.min([np.abs(b - 0.5) for b in back], axis=0)
    else:
        want = (back[1] > back[0]).astype(int)
        margin = np.abs(back[1] - back[0])
    want = want.reshape(data.shape)
    margin = margin.reshape(data.shape)
    got = np.asarray(out.dataobj).astype(int)
    bad = got != want
    print(json.dumps({
        "voxels": int(want.size),
        "foreground": int((want != 0).sum()),
        "perLabel": [int((want == v).sum()) for v in range(4)],
        "mismatches": int(bad.sum()),
        "mismatchesBeyondMargin": int((bad & (margin > 1e-3)).sum()),
        "sameShape": list(out.shape) == list(img.shape),
        "affineDiff": float(np.abs(out.affine - img.affine).max()),
        "modelShape": [int(v) for v in n_m],
    }))


def network(x, w):
    """conv -> relu -> conv, 'same' zero padding, on an array already zero-extended enough."""
    h = np.stack([ndimage.convolve(x, w["w1"][c, 0][::-1, ::-1, ::-1], mode="constant") + w["b1"][c]
                  for c in range(w["w1"].shape[0])])
    h = np.maximum(h, 0)
    return np.stack([sum(ndimage.convolve(h[c], w["w2"][o, c][::-1, ::-1, ::-1], mode="constant")
                         for c in range(h.shape[0])) + w["b2"][o] for o in range(w["w2"].shape[0])])


def conv(args):
    nx, ny, nz = int(args[2]), int(args[3]), int(args[4])
    w = {k: v.astype(np.float64) for k, v in np.load(args[5]).items()}
    pad = int(args[6])
    mean, std, tta = float(args[7]), float(args[8]), args[9] == "1"
    x = np.fromfile(args[0], dtype="<f4").astype(np.float64).reshape(nz, ny, nx)
    # numpy order (z, y, x); the network is applied in the model's tensor order (z, y, x) too
    x = (x - mean) / std
    xp = np.pad(x, pad)
    flips = [()] if not tta else [f for f in [(), (0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]]
    acc = 0
    for f in flips:
        y = network(np.flip(xp, f) if f else xp, w)
        acc = acc + (np.flip(y, tuple(a + 1 for a in f)) if f else y)
    ref = (acc / len(flips))[:, pad:pad + nz, pad:pad + ny, pad:pad + nx]
    got = np.fromfile(args[1], dtype="<f4").astype(np.float64).reshape(2, nz, ny, nx)
    d = np.abs(got - ref)
    print(json.dumps({"maxAbsDiff": float(d.max()), "refRange": [float(ref.min()), float(ref.max())],
                      "at": [int(v) for v in np.unravel_index(int(d.argmax()), d.shape)]}))


if __name__ == "__main__":
    {"threshold": threshold, "conv": conv}[sys.argv[1]](sys.argv[2:])
