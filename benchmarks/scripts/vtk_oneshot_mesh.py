#!/usr/bin/python3
"""The five-line VTK pipeline of compare_oneshot.sh: NIfTI reader -> flying edges -> binary STL.

Usage: vtk_oneshot_mesh.py IN.nii.gz ISO OUT.stl      (VTK's defaults otherwise, as a user writes it)
Licence: same as organ3d.
"""
import sys

import vtk

r = vtk.vtkNIFTIImageReader()
r.SetFileName(sys.argv[1])
fe = vtk.vtkFlyingEdges3D()
fe.SetInputConnection(r.GetOutputPort())
fe.SetValue(0, float(sys.argv[2]))
w = vtk.vtkSTLWriter()
w.SetInputConnection(fe.GetOutputPort())
w.SetFileName(sys.argv[3])
w.SetFileTypeToBinary()
w.Write()
