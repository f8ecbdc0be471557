#!/usr/bin/python3
"""Regenerates the NRRD fixtures in this folder.

No independent NRRD *writer* is available as a Debian package (ITK is not packaged for Python here,
pynrrd neither), so the headers are written by hand from the NRRD0004 specification
(http://teem.sourceforge.net/nrrd/format.html) and the data with numpy. The .seg.nrrd files follow
the layout 3D Slicer 5 writes (segment key/value pairs, single- and multi-layer).

Each fixture FILE gets FILE.json with what a correct reader must report, computed here with numpy
from the NRRD semantics (not by organ3d):
  affine_lps  index -> LPS mm (columns: space directions converted to LPS; last column: origin)
  shape       [nx, ny, nz]
  values      voxel values, i fastest
  labels      for .seg.nrrd: {value: [name, [r, g, b]]} after organ3d's documented merge rule
VTK 9.1's vtkNrrdReader is not used as a cross-check: it reads the first axis of these 3D files as
vector components and refuses "byte skip". Run from this folder: /usr/bin/python3 make_fixtures.py
"""
import gzip
import json

import numpy as np

rng = np.random.default_rng(4242)
LPS_FROM = {"left-posterior-superior": [1, 1, 1], "right-anterior-superior": [-1, -1, 1],
            "left-anterior-superior": [1, -1, 1]}


def fmt_vec(v):
    return "(" + ",".join(repr(float(x)) for x in v) + ")"


def header(fields, kv=()):
    lines = ["NRRD0004", "# Complete NRRD file format specification at:",
             "# http://teem.sourceforge.net/nrrd/format.html"]
    lines += ["%s: %s" % (k, v) for k, v in fields]
    lines += ["%s:=%s" % (k, v) for k, v in kv]
    return ("\n".join(lines) + "\n").encode()


def truth(fname, data, space, dirs, origin, labels=None):
    s = np.array(LPS_FROM[space], dtype=float)
    aff = np.eye(4)
    for c in range(3):
        aff[:3, c] = np.asarray(dirs[c], dtype=float) * s
    aff[:3, 3] = np.asarray(origin, dtype=float) * s
    out = {"file": fname, "affine_lps": aff.tolist(), "shape": list(data.shape),
           "values": [float(v) for v in data.ravel(order="F")]}
    if labels is not None:
        out["labels"] = labels
    with open(fname + ".json", "w") as f:
        json.dump(out, f, indent=1)


def rot(ax, deg):
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    m = {0: [[1, 0, 0], [0, c, -s], [0, s, c]], 1: [[c, 0, s], [0, 1, 0], [-s, 0, c]],
         2: [[c, -s, 0], [s, c, 0], [0, 0, 1]]}[ax]
    return np.array(m)


shape = (9, 7, 5)

# 1. int16 CT-like, LPS, oblique, gzip, little-endian.
r1 = rot(2, 25) @ rot(0, -10)
dirs1 = [r1[:, 0] * 0.78125, r1[:, 1] * 0.78125, r1[:, 2] * 2.5]
org1 = [-200.125, -180.5, 75.25]
d1 = rng.integers(-1024, 3071, size=shape, dtype=np.int16)
with open("ct_lps_gzip.nrrd", "wb") as f:
    f.write(header([("type", "short"), ("dimension", 3), ("space", "left-posterior-superior"),
                    ("sizes", "%d %d %d" % shape), ("space directions", " ".join(fmt_vec(d) for d in dirs1)),
                    ("kinds", "domain domain domain"), ("endian", "little"), ("encoding", "gzip"),
                    ("space origin", fmt_vec(org1))]) + b"\n")
    f.write(gzip.compress(d1.astype("<i2").tobytes(order="F")))
truth("ct_lps_gzip.nrrd", d1, "left-posterior-superior", dirs1, org1)

# 2. uint16, RAS, big-endian raw, oblique.
r2 = rot(1, 30)
dirs2 = [r2[:, 0] * 1.2, r2[:, 1] * 1.1, r2[:, 2] * 3.0]
org2 = [12.5, -40.0, 8.75]
d2 = rng.integers(0, 65535, size=shape, dtype=np.uint16)
with open("mr_ras_raw_bigendian.nrrd", "wb") as f:
    f.write(header([("type", "unsigned short"), ("dimension", 3), ("space", "right-anterior-superior"),
                    ("sizes", "%d %d %d" % shape), ("space directions", " ".join(fmt_vec(d) for d in dirs2)),
                    ("endian", "big"), ("encoding", "raw"), ("space origin", fmt_vec(org2))]) + b"\n")
    f.write(d2.astype(">u2").tobytes(order="F"))
truth("mr_ras_raw_bigendian.nrrd", d2, "right-anterior-superior", dirs2, org2)

# 3. detached header, float32, LAS, "byte skip: -1" after 64 junk bytes, RAS-style "space" abbreviation.
dirs3 = [[0.5, 0, 0], [0, 0.6, 0], [0, 0, 0.7]]
org3 = [1.0, 2.0, 3.0]
d3 = rng.normal(0, 50, size=shape).astype(np.float32)
with open("detached.raw", "wb") as f:
    f.write(bytes(range(64)))
    f.write(d3.astype("<f4").tobytes(order="F"))
with open("detached.nhdr", "wb") as f:
    f.write(header([("type", "float"), ("dimension", 3), ("space", "left-anterior-superior"),
                    ("sizes", "%d %d %d" % shape), ("space directions", " ".join(fmt_vec(d) for d in dirs3)),
                    ("endian", "little"), ("encoding", "raw"), ("space origin", fmt_vec(org3)),
                    ("byte skip", -1), ("data file", "detached.raw")]))
truth("detached.nhdr", d3, "left-anterior-superior", dirs3, org3)

# 4. ascii, uint8, spacings only (no space): axis-aligned at the origin.
d4 = rng.integers(0, 255, size=shape, dtype=np.uint8)
with open("ascii_spacings.nrrd", "wb") as f:
    f.write(header([("type", "uchar"), ("dimension", 3), ("sizes", "%d %d %d" % shape),
                    ("spacings", "0.9 0.8 1.7"), ("encoding", "ascii")]) + b"\n")
    vals = d4.ravel(order="F")
    for i in range(0, vals.size, 9):
        f.write((" ".join(str(v) for v in vals[i:i + 9]) + "\n").encode())
truth("ascii_spacings.nrrd", d4, "left-posterior-superior", [[0.9, 0, 0], [0, 0.8, 0], [0, 0, 1.7]], [0, 0, 0])

# 5. Slicer segmentation, one layer, three segments (label values 1, 2, 5).
seg_dirs = [[-0.8, 0, 0], [0, -0.8, 0], [0, 0, 2.0]]
seg_org = [100.0, 120.0, -50.0]
d5 = np.zeros(shape, dtype=np.uint8)
d5[1:4, 1:5, 1:3] = 1
d5[5:8, 2:6, 2:5] = 2
d5[0:2, 5:7, 3:5] = 5
segs = [("Segment_1", "liver", (0.866667, 0.509804, 0.396078), 1),
        ("Segment_2", "right kidney", (0.72549, 0.407843, 0.376471), 2),
        ("Segment_5", "spleen", (0.615686, 0.423529, 0.635294), 5)]


def seg_kv(segs, layers):
    kv = []
    for n, (sid, name, col, lv) in enumerate(segs):
        kv += [("Segment%d_Color" % n, "%g %g %g" % col), ("Segment%d_ColorAutoGenerated" % n, "0"),
               ("Segment%d_Extent" % n, "0 8 0 6 0 4"), ("Segment%d_ID" % n, sid),
               ("Segment%d_LabelValue" % n, str(lv)), ("Segment%d_Layer" % n, str(layers[n])),
               ("Segment%d_Name" % n, name), ("Segment%d_NameAutoGenerated" % n, "0"),
               ("Segment%d_Tags" % n, "Segmentation.Status:inprogress|TerminologyEntry:Segmentation category and type - 3D Slicer General Anatomy list~SCT^123037004^Anatomical Structure~SCT^10200004^Liver~^^~Anatomic codes - DICOM master list~^^~^^|")]
    kv += [("Segmentation_ContainedRepresentationNames", "Binary labelmap|Closed surface|"),
           ("Segmentation_ConversionParameters", "Collapse labelmaps|1|Merge the labelmaps into as few shared labelmaps as possible 1 = created labelmaps will be shared if possible without overwriting each other.&Compute surface normals|1|Compute surface normals. 1 (default) = surface normals are computed. 0 = surface normals are not computed (slightly faster but produces less smooth surface display).&"),
           ("Segmentation_MasterRepresentation", "Binary labelmap"),
           ("Segmentation_ReferenceImageExtentOffset", "0 0 0")]
    return kv


with open("slicer.seg.nrrd", "wb") as f:
    f.write(header([("type", "unsigned char"), ("dimension", 3), ("space", "left-posterior-superior"),
                    ("sizes", "%d %d %d" % shape), ("space directions", " ".join(fmt_vec(d) for d in seg_dirs)),
                    ("kinds", "domain domain domain"), ("encoding", "gzip"), ("space origin", fmt_vec(seg_org))],
                   seg_kv(segs, [0, 0, 0])) + b"\n")
    f.write(gzip.compress(d5.tobytes(order="F")))
truth("slicer.seg.nrrd", d5, "left-posterior-superior", seg_dirs, seg_org,
      {str(lv): [name, list(col)] for (_, name, col, lv) in segs})

# 6. Slicer segmentation with two layers (overlapping segments): 4D, first axis = layers.
lay0 = np.zeros(shape, dtype=np.uint8)
lay1 = np.zeros(shape, dtype=np.uint8)
lay0[0:5, 0:4, 0:3] = 1          # segment 0 "liver", layer 0, value 1
lay0[6:9, 4:7, 2:5] = 2          # segment 1 "tumour core", layer 0, value 2
lay1[3:7, 2:6, 1:4] = 1          # segment 2 "vessel", layer 1, value 1, overlaps both
segs6 = [("Segment_1", "liver", (0.9, 0.5, 0.4), 1), ("Segment_2", "tumour core", (0.2, 0.8, 0.3), 2),
         ("Segment_3", "vessel", (0.1, 0.2, 0.9), 1)]
both = np.stack([lay0, lay1], axis=0)  # (layer, x, y, z); Fortran order puts the layer fastest
with open("layers.seg.nrrd", "wb") as f:
    f.write(header([("type", "unsigned char"), ("dimension", 4), ("space", "left-posterior-superior"),
                    ("sizes", "2 %d %d %d" % shape),
                    ("space directions", "none " + " ".join(fmt_vec(d) for d in seg_dirs)),
                    ("kinds", "list domain domain domain"), ("encoding", "gzip"), ("space origin", fmt_vec(seg_org))],
                   seg_kv(segs6, [0, 0, 1])) + b"\n")
    f.write(gzip.compress(both.tobytes(order="F")))
merged = np.zeros(shape, dtype=np.uint8)    # organ3d's rule: segment n -> label n+1, later layer wins
merged[lay0 == 1] = 1
merged[lay0 == 2] = 2
merged[lay1 == 1] = 3
truth("layers.seg.nrrd", merged, "left-posterior-superior", seg_dirs, seg_org,
      {str(n + 1): [name, list(col)] for n, (_, name, col, _) in enumerate(segs6)})
print("written")
