#!/usr/bin/python3
"""Independent check of NIfTI files written by organ3d: does nibabel read the same geometry and voxels?

usage: nibabel_check.py FILE.nii[.gz] EXPECTED.json [FILE2 EXPECTED2.json ...] [--tol-mm 1e-4]

EXPECTED.json (written by the organ3d test that calls this script):
  affine_ras  4x4 index->RAS affine organ3d meant to write (rows)
  shape       [nx, ny, nz]
  values      real (rescaled) voxel values, i fastest (Fortran order)
  dtype       optional on-disk dtype name (int16, float32, ...)
Exit status: 0 when nibabel agrees, 1 when it does not (the reason on stderr), 3 when nibabel is
not installed (the caller skips).
"""
import json
import sys

try:
    import nibabel as nib
    import numpy as np
except ImportError as e:  # the Java test turns this into a skip
    print("nibabel_check: nibabel/numpy missing: %s" % e, file=sys.stderr)
    sys.exit(3)


def main(argv):
    tol = 1e-4
    if "--tol-mm" in argv:
        i = argv.index("--tol-mm")
        tol = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    rc = 0
    for i in range(1, len(argv), 2):
        rc = max(rc, check(argv[i], argv[i + 1], tol))
    return rc


def check(path, expected_path, tol):
    with open(expected_path) as f:
        exp = json.load(f)
    img = nib.load(path)
    problems = []
    # The affine nibabel reports (sform when sform_code > 0, else qform) ...
    aff = np.asarray(img.affine)
    want = np.asarray(exp["affine_ras"], dtype=float)
    d = np.max(np.abs(aff - want))
    if d > tol:
        problems.append("affine differs by %.3g mm:\nnibabel %s\norgan3d %s" % (d, aff, want))
    # ... and the qform alone, which must agree too unless the affine is sheared.
    q = img.header.get_qform()
    lin = want[:3, :3]
    gram = lin.T @ lin
    sheared = np.max(np.abs(gram - np.diag(np.diag(gram)))) > 1e-6 * np.max(np.abs(gram))
    if not sheared and np.max(np.abs(q - want)) > tol:
        problems.append("qform differs by %.3g mm" % np.max(np.abs(q - want)))
    if list(img.shape[:3]) != list(exp["shape"]):
        problems.append("shape %s != %s" % (img.shape, exp["shape"]))
    else:
        data = np.asanyarray(img.get_fdata()).ravel(order="F")
        vals = np.asarray(exp["values"], dtype=float)
        err = np.max(np.abs(data - vals) / np.maximum(1.0, np.abs(vals))) if vals.size else 0.0
        if err > 1e-6:
            problems.append("voxels differ (max relative error %.3g)" % err)
    if "dtype" in exp and str(img.header.get_data_dtype().newbyteorder("=")) != np.dtype(exp["dtype"]).name:
        problems.append("dtype %s != %s" % (img.header.get_data_dtype(), exp["dtype"]))
    if problems:
        print("nibabel_check: %s:\n%s" % (path, "\n".join(problems)), file=sys.stderr)
        return 1
    print("nibabel_check: %s OK (nibabel %s, affine within %.1g mm, %d voxels equal, sheared=%s, qfac=%g)"
          % (path, nib.__version__, d, int(np.prod(img.shape[:3])), sheared, float(img.header["pixdim"][0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
