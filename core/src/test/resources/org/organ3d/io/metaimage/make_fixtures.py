#!/usr/bin/python3
"""Regenerates the MetaImage fixtures in this folder.

vtk_*.mha/.mhd are written by VTK's vtkMetaImageWriter (python3-vtk9, an independent MetaIO
implementation): uncompressed LOCAL, zlib-compressed LOCAL, detached .mhd + .raw. VTK 9.1 writes an
identity TransformMatrix and float32-rounded spacing whatever the image, so the oblique, big-endian
and HeaderSize cases are hand-written from the MetaIO documentation
(https://itk.org/Wiki/ITK/MetaIO/Documentation), with TransformMatrix holding the direction of axis
i, then j, then k (ITK's MetaImageIO convention).

Each fixture FILE gets FILE.json:
  affine_lps  index -> LPS mm (MetaImage space is LPS)
  shape       [nx, ny, nz]
  values      voxels, i fastest, as read back by VTK's vtkMetaImageReader (which ignores
              TransformMatrix; the affine of the hand-written files is computed here with numpy)
Run from this folder: /usr/bin/python3 make_fixtures.py
"""
import json
import zlib

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkIOImage import vtkMetaImageReader, vtkMetaImageWriter

rng = np.random.default_rng(77)
shape = (8, 6, 4)


def vtk_read(fname):
    r = vtkMetaImageReader()
    r.SetFileName(fname)
    r.Update()
    img = r.GetOutput()
    vals = vtk_to_numpy(img.GetPointData().GetScalars())
    return img, vals


def save_truth(fname, affine, vals, shape):
    with open(fname + ".json", "w") as f:
        json.dump({"file": fname, "affine_lps": np.asarray(affine).tolist(), "shape": list(shape),
                   "values": [float(v) for v in np.asarray(vals).ravel()]}, f, indent=1)


def vtk_fixture(fname, data, spacing, origin, compress, raw_name=None):
    img = vtkImageData()
    img.SetDimensions(*data.shape)
    img.SetSpacing(*spacing)
    img.SetOrigin(*origin)
    img.GetPointData().SetScalars(numpy_to_vtk(data.ravel(order="F"), deep=1))
    w = vtkMetaImageWriter()
    w.SetInputData(img)
    w.SetFileName(fname)
    if raw_name:
        w.SetRAWFileName(raw_name)
    w.SetCompression(compress)
    w.Write()
    back, vals = vtk_read(fname)
    assert np.array_equal(vals, data.ravel(order="F")), fname
    aff = np.eye(4)
    aff[:3, :3] = np.diag(back.GetSpacing())
    aff[:3, 3] = back.GetOrigin()
    save_truth(fname, aff, vals, data.shape)


vtk_fixture("vtk_int16.mha", rng.integers(-1024, 3000, size=shape, dtype=np.int16), (0.5, 0.6, 0.7), (1, 2, 3), False)
vtk_fixture("vtk_float32_compressed.mha", rng.normal(0, 10, size=shape).astype(np.float32), (1.25, 1.5, 2.0),
            (-10.5, 20.25, -30.125), True)
vtk_fixture("vtk_uint8.mhd", rng.integers(0, 255, size=shape, dtype=np.uint8), (0.9, 0.9, 3.0), (0, 0, 0), False,
            "vtk_uint8.raw")
vtk_fixture("vtk_uint16_compressed.mhd", rng.integers(0, 65535, size=shape, dtype=np.uint16), (2.0, 2.0, 2.0), (5, 6, 7), True,
            "vtk_uint16_compressed.zraw")


def rot(ax, deg):
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array({0: [[1, 0, 0], [0, c, -s], [0, s, c]], 1: [[c, 0, s], [0, 1, 0], [-s, 0, c]],
                     2: [[c, -s, 0], [s, c, 0], [0, 0, 1]]}[ax])


def hand_fixture(fname, lines, data_bytes, data_file=None, prefix=b""):
    head = "\n".join(lines) + "\n"
    if data_file is None:
        with open(fname, "wb") as f:
            f.write(head.encode() + data_bytes)
    else:
        with open(fname, "w") as f:
            f.write(head)
        with open(data_file, "wb") as f:
            f.write(prefix + data_bytes)


# Oblique, big-endian MET_INT, zlib-compressed LOCAL.
R = rot(2, 30) @ rot(0, 15)                 # columns: directions of i, j, k in LPS
sp = np.array([0.8, 0.7, 2.5])
off = np.array([-120.5, 33.25, 17.0])
d5 = rng.integers(-2**31, 2**31 - 1, size=shape, dtype=np.int64).astype(np.int32)
comp = zlib.compress(d5.astype(">i4").tobytes(order="F"))
hand_fixture("oblique_bigendian.mha", [
    "ObjectType = Image", "NDims = 3", "BinaryData = True", "BinaryDataByteOrderMSB = True",
    "CompressedData = True", "CompressedDataSize = %d" % len(comp),
    "TransformMatrix = " + " ".join(repr(float(x)) for x in R.T.ravel()),
    "Offset = " + " ".join(repr(float(x)) for x in off), "CenterOfRotation = 0 0 0",
    "AnatomicalOrientation = RAI", "ElementSpacing = " + " ".join(repr(float(x)) for x in sp),
    "DimSize = %d %d %d" % shape, "ElementType = MET_INT", "ElementDataFile = LOCAL"], comp)
aff = np.eye(4)
aff[:3, :3] = R @ np.diag(sp)
aff[:3, 3] = off
_, v5 = vtk_read("oblique_bigendian.mha")
assert np.array_equal(v5, d5.ravel(order="F"))
save_truth("oblique_bigendian.mha", aff, v5, shape)

# Synonyms Position/Orientation, MET_DOUBLE, detached data file with HeaderSize = -1 (data at the end).
R6 = rot(1, -20)
sp6 = np.array([1.0, 1.0, 1.5])
off6 = np.array([3.0, -4.0, 5.0])
d6 = rng.normal(0, 1, size=shape)
hand_fixture("headersize.mhd", [
    "ObjectType = Image", "NDims = 3", "BinaryData = True", "ElementByteOrderMSB = False",
    "Orientation = " + " ".join(repr(float(x)) for x in R6.T.ravel()),
    "Position = " + " ".join(repr(float(x)) for x in off6),
    "ElementSpacing = " + " ".join(repr(float(x)) for x in sp6),
    "DimSize = %d %d %d" % shape, "ElementType = MET_DOUBLE", "HeaderSize = -1",
    "ElementDataFile = headersize.dat"], d6.astype("<f8").tobytes(order="F"), "headersize.dat", prefix=b"JUNK" * 10)
aff6 = np.eye(4)
aff6[:3, :3] = R6 @ np.diag(sp6)
aff6[:3, 3] = off6
_, v6 = vtk_read("headersize.mhd")
assert np.allclose(v6, d6.ravel(order="F"))
save_truth("headersize.mhd", aff6, d6.ravel(order="F"), shape)
print("written")
