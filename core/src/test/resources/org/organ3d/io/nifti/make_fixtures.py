#!/usr/bin/python3
"""Regenerates the NIfTI fixtures in this folder with nibabel (Debian python3-nibabel).

Each fixture FILE gets FILE.json holding what nibabel reports after loading the saved file:
  affine_ras  nibabel's img.affine (index -> RAS mm, the header's best affine), 4 rows
  shape       [nx, ny, nz, ...]
  dtype       on-disk dtype
  slope, inter  nibabel's (slope, inter) or null
  values      img.get_fdata() of the first 3D volume, flattened with i fastest (Fortran order)
The Java tests read each fixture with organ3d and compare with these numbers (affine converted to
LPS). Run from this folder: /usr/bin/python3 make_fixtures.py
"""
import json
import struct

import nibabel as nib
import numpy as np

rng = np.random.default_rng(20261127)


def rot(axis, deg):
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    if axis == 0:
        r = [[1, 0, 0], [0, c, -s], [0, s, c]]
    elif axis == 1:
        r = [[c, 0, s], [0, 1, 0], [-s, 0, c]]
    else:
        r = [[c, -s, 0], [s, c, 0], [0, 0, 1]]
    return np.array(r)


def affine(r, zooms, offset, shear=None):
    m = np.eye(4)
    lin = r @ np.diag(zooms)
    if shear is not None:
        lin = lin @ shear
    m[:3, :3] = lin
    m[:3, 3] = offset
    return m


def dump(fname):
    img = nib.load(fname)
    hdr = img.header
    data = np.asanyarray(img.get_fdata())
    if data.ndim > 3:
        data = data.reshape(data.shape[:3] + (-1,))[..., 0]
    # NB: nibabel moves scl_slope/scl_inter from the loaded header to the array proxy.
    slope, inter = img.dataobj.slope, img.dataobj.inter
    out = {
        "file": fname,
        "nibabel": nib.__version__,
        "affine_ras": img.affine.tolist(),
        "shape": [int(x) for x in img.shape],
        "dtype": str(hdr.get_data_dtype()),
        "endianness": hdr.endianness,
        "sform_code": int(hdr["sform_code"]),
        "qform_code": int(hdr["qform_code"]),
        "slope": None if slope is None else float(slope),
        "inter": None if inter is None else float(inter),
        "values": [float(v) for v in data.ravel(order="F")],
    }
    with open(fname + ".json", "w") as f:
        json.dump(out, f, indent=1)


def patch(fname, offset, fmt, *vals):
    with open(fname, "r+b") as f:
        f.seek(offset)
        f.write(struct.pack(fmt, *vals))


shape = (7, 6, 5)

# 1. oblique sform (rotations about all three axes, anisotropic voxels), int16, gzip.
a1 = affine(rot(2, 30) @ rot(0, 20) @ rot(1, -15), [0.7, 0.8, 2.5], [-101.25, 37.5, 12.125])
d1 = rng.integers(-1024, 3000, size=shape, dtype=np.int16)
i1 = nib.Nifti1Image(d1, a1)
i1.set_sform(a1, code=1)
i1.set_qform(a1, code=1)
i1.to_filename("oblique_sform_int16.nii.gz")

# 2. sheared sform (gantry tilt): qform holds only the nearest rotation; float32.
shear = np.array([[1, 0, 0], [0, 1, 0.2679], [0, 0, 1]])
a2 = affine(rot(0, 10), [0.5, 0.5, 1.25], [10, -20, 30], shear)
d2 = rng.normal(0, 100, size=shape).astype(np.float32)
i2 = nib.Nifti1Image(d2, a2)
i2.set_sform(a2, code=2)
i2.set_qform(a2, code=1)
i2.to_filename("sheared_sform_float32.nii")

# 3. qform only (sform_code 0), qfac +1, uint8.
a3 = affine(rot(1, 25) @ rot(2, -40), [1.1, 0.9, 3.0], [5.5, -6.5, 7.5])
d3 = rng.integers(0, 255, size=shape, dtype=np.uint8)
i3 = nib.Nifti1Image(d3, a3)
i3.set_qform(a3, code=1)
i3.set_sform(a3, code=0)
i3.to_filename("qform_only_uint8.nii")

# 4. qform only with qfac -1 (left-handed index->RAS, radiological x flip), int8.
a4 = affine(rot(0, -12) @ np.diag([-1, 1, 1]), [2.0, 2.0, 4.0], [90, -126, -72])
d4 = rng.integers(-128, 127, size=shape, dtype=np.int8)
i4 = nib.Nifti1Image(d4, a4)
i4.set_qform(a4, code=2)
i4.set_sform(a4, code=0)
i4.to_filename("qform_qfac_neg_int8.nii")

# 5. scl_slope / scl_inter on uint16 (set in the header bytes after saving: nibabel recomputes
#    scaling on save); geometry plain.
a5 = affine(np.eye(3), [0.75, 0.75, 1.5], [-50, -60, -70])
d5 = rng.integers(0, 4000, size=shape, dtype=np.uint16)
i5 = nib.Nifti1Image(d5, a5)
i5.set_sform(a5, code=1)
i5.set_qform(a5, code=1)
i5.to_filename("scaled_uint16.nii")
patch("scaled_uint16.nii", 112, "<ff", 0.5, -100.0)

# 6. big-endian int32.
a6 = affine(rot(2, 90), [1.0, 1.5, 2.0], [1, 2, 3])
d6 = rng.integers(-100000, 100000, size=shape).astype(">i4")
h6 = nib.Nifti1Header(endianness=">")
h6.set_data_dtype(">i4")
i6 = nib.Nifti1Image(d6, a6, header=h6)
i6.set_sform(a6, code=1)
i6.set_qform(a6, code=1)
i6.to_filename("bigendian_int32.nii")

# 7. NIfTI-2, float64, gzip.
a7 = affine(rot(1, 33) @ rot(0, 5), [0.3, 0.4, 0.6], [-3.25, 4.5, -5.75])
d7 = rng.normal(0, 1, size=shape)
i7 = nib.Nifti2Image(d7, a7)
i7.set_sform(a7, code=1)
i7.set_qform(a7, code=1)
i7.to_filename("nifti2_float64.nii.gz")

# 8. uint32 with values above 2^31 (organ3d falls back to float32).
d8 = rng.integers(0, 2**32 - 1, size=shape, dtype=np.uint64).astype(np.uint32)
i8 = nib.Nifti1Image(d8, a5)
i8.set_sform(a5, code=1)
i8.to_filename("uint32_large.nii")

# 9. 4D (two volumes), float32: organ3d reads the first volume and warns.
d9 = rng.normal(0, 10, size=shape + (2,)).astype(np.float32)
i9 = nib.Nifti1Image(d9, a1)
i9.set_sform(a1, code=1)
i9.to_filename("four_d_float32.nii")

# 10. big-endian NIfTI-2 int16, gzip.
h10 = nib.Nifti2Header(endianness=">")
h10.set_data_dtype(">i2")
d10 = rng.integers(-2000, 2000, size=shape).astype(">i2")
i10 = nib.Nifti2Image(d10, a3, header=h10)
i10.set_sform(a3, code=1)
i10.to_filename("nifti2_bigendian_int16.nii.gz")

for f in ["oblique_sform_int16.nii.gz", "sheared_sform_float32.nii", "qform_only_uint8.nii",
          "qform_qfac_neg_int8.nii", "scaled_uint16.nii", "bigendian_int32.nii",
          "nifti2_float64.nii.gz", "uint32_large.nii", "four_d_float32.nii",
          "nifti2_bigendian_int16.nii.gz"]:
    dump(f)
    h = nib.load(f).header
    print(f, h.get_data_dtype(), h.endianness, "sform", int(h["sform_code"]), "qform", int(h["qform_code"]),
          "qfac", float(h["pixdim"][0]), nib.load(f).dataobj.slope, nib.load(f).dataobj.inter)

# 11. two-file NIfTI-1 (.hdr + .img), oblique sform, int16.
d11 = rng.integers(-500, 500, size=shape, dtype=np.int16)
i11 = nib.Nifti1Pair(d11, a1)
i11.set_sform(a1, code=1)
i11.set_qform(a1, code=1)
i11.to_filename("pair_int16.hdr")
dump("pair_int16.hdr")
print("pair_int16.hdr", nib.load("pair_int16.hdr").header["magic"])
