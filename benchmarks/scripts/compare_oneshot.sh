#!/usr/bin/env bash
# One-shot commands as a user runs them, organ3d against its peers, paired and alternating
# (paired.py: wall and CPU time of each whole process, medians and ranges):
#   mesh     `./organ3d mesh head.nii.gz --iso 60.5 --out head.stl` against the five-line VTK pipeline
#            (vtkNIFTIImageReader -> vtkFlyingEdges3D -> vtkSTLWriter, binary; vtk_oneshot_mesh.py)
#   convert  `./organ3d convert SERIES out.nii` against `dcm2niix -z n -b n` (NIfTI, no gzip, no JSON
#            sidecar) on the 181-slice 181x217 head series, explicit VR little endian and JPEG lossless
# Inputs from make_bench_inputs.py (Debian's mricron-data, see there). The launcher builds the jar and its
# start-up archive first (untimed), so every timed organ3d run is what a user's second run costs.
#
# Usage: benchmarks/scripts/compare_oneshot.sh [mesh|convert|all] [ROUNDS]     defaults: all, 9
# Needs: java 17, /usr/bin/python3 with vtk, nibabel, scipy, pydicom; dcm2niix and gdcmconv (Debian).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
what="${1:-all}"
rounds="${2:-9}"
inputs="$(/usr/bin/python3 "$here/make_bench_inputs.py")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/organ3d" --version >/dev/null
o3d="$root/organ3d"
if [ "$what" = mesh ] || [ "$what" = all ]; then
  echo "== mesh: read .nii.gz, extract at 60.5, write binary STL"
  /usr/bin/python3 "$here/paired.py" --runs "$rounds" \
    "organ3d mesh" "$o3d mesh $inputs/head_0.5mm.nii.gz --iso 60.5 --out $tmp/o.stl" \
    "VTK pipeline" "/usr/bin/python3 $here/vtk_oneshot_mesh.py $inputs/head_0.5mm.nii.gz 60.5 $tmp/v.stl"
fi
if [ "$what" = convert ] || [ "$what" = all ]; then
  command -v dcm2niix >/dev/null || { echo "dcm2niix missing (apt-get install dcm2niix)"; exit 1; }
  for syntax in explicit jpeg-lossless; do
    echo "== convert: 181 slices of 181x217, $syntax, to .nii"
    /usr/bin/python3 "$here/paired.py" --runs "$rounds" \
      "organ3d convert" "$o3d convert $inputs/dicom/$syntax $tmp/o_$syntax.nii" \
      "dcm2niix" "dcm2niix -z n -b n -o $tmp -f d_$syntax $inputs/dicom/$syntax"
  done
fi
