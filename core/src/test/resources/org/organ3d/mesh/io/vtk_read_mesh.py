"""Reads an STL or PLY file with VTK's own readers and prints what VTK sees, for organ3d's tests.

Usage: python3 vtk_read_mesh.py FILE
Output (plain text): "points N", N lines "x y z" (float32 values printed with repr of the double),
"cells M", M lines "a b c" (point ids), then for PLY "normals N" and "colors N C" blocks when present.
Exit code 3 when the vtk module is missing.
"""
import sys

try:
    from vtkmodules.vtkIOGeometry import vtkSTLReader
    from vtkmodules.vtkIOPLY import vtkPLYReader
except ImportError as e:  # pragma: no cover
    print("vtk missing: %s" % e, file=sys.stderr)
    sys.exit(3)

path = sys.argv[1]
if path.lower().endswith(".stl"):
    reader = vtkSTLReader()
    # keep one point per triangle corner so that corners can be compared in file order
    reader.MergingOff()
elif path.lower().endswith(".ply"):
    reader = vtkPLYReader()
else:
    sys.exit("unknown extension: " + path)
reader.SetFileName(path)
reader.Update()
if reader.GetErrorCode() != 0:
    sys.exit("vtk reader error %d" % reader.GetErrorCode())
poly = reader.GetOutput()
out = []
pts = poly.GetPoints()
n = 0 if pts is None else pts.GetNumberOfPoints()
out.append("points %d" % n)
for i in range(n):
    x, y, z = pts.GetPoint(i)
    out.append("%r %r %r" % (x, y, z))
polys = poly.GetPolys()
out.append("cells %d" % polys.GetNumberOfCells())
ids = polys.GetConnectivityArray()
offsets = polys.GetOffsetsArray()
for c in range(polys.GetNumberOfCells()):
    a, b = int(offsets.GetValue(c)), int(offsets.GetValue(c + 1))
    out.append(" ".join(str(int(ids.GetValue(k))) for k in range(a, b)))
pd = poly.GetPointData()
normals = pd.GetNormals()
if normals is not None:
    out.append("normals %d" % normals.GetNumberOfTuples())
    for i in range(normals.GetNumberOfTuples()):
        out.append("%r %r %r" % normals.GetTuple3(i))
colors = pd.GetScalars()
if colors is not None:
    comps = colors.GetNumberOfComponents()
    out.append("colors %d %d" % (colors.GetNumberOfTuples(), comps))
    for i in range(colors.GetNumberOfTuples()):
        out.append(" ".join(str(int(v)) for v in colors.GetTuple(i)))
sys.stdout.write("\n".join(out) + "\n")
