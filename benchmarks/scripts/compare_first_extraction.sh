#!/usr/bin/env bash
# First extraction in a fresh process, and warm, organ3d against VTK, paired and alternating.
#
# Each round starts one fresh organ3d (`./organ3d mesh FILE --iso V --out x.stl --repeat N --json`:
# the launcher with its JVM options and start-up archive; `seconds` is the first extraction's wall
# time, `secondsRuns` every run's) and one fresh VTK process (vtk_first_extraction.py: NIfTI reader,
# then vtkFlyingEdges3D Update() N+1 times), in alternating order. Both extract geometry only (STL needs
# no vertex normals; VTK with normals, gradients and scalars off); --normals turns normals on for both
# (organ3d then writes PLY). Prints the median and range over the rounds of: the first extraction, the
# fifth, and the median of the runs after the first (warm), with the ratios VTK / organ3d (above 1:
# organ3d faster).
#
# Usage: benchmarks/scripts/compare_first_extraction.sh [ROUNDS] [FILE ISO] [--normals]
#        defaults: 7 rounds; the 0.5 mm head of make_bench_inputs.py (362x434x362 int16, 56.9 M voxels,
#        7.09 M triangles at 60.5); WARM_RUNS (default 30) extractions after the first per process
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-7}"
file="${2:-}"
iso="${3:-60.5}"
normals="${4:-}"
runs="${WARM_RUNS:-30}"
if [ -z "$file" ]; then
  file="$(/usr/bin/python3 "$here/make_bench_inputs.py")/head_0.5mm.nii.gz"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ext=stl; vflag=""
[ "$normals" = "--normals" ] && { ext=ply; vflag="--normals"; }
"$root/organ3d" --version >/dev/null   # builds the jar and the start-up archive when needed, untimed
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $file, iso $iso, $rounds rounds, $runs warm runs ${normals:-(no normals)}"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="o v"; else order="v o"; fi
  for side in $order; do
    if [ "$side" = o ]; then
      "$root/organ3d" mesh "$file" --iso "$iso" --out "$tmp/x.$ext" --repeat "$runs" --json >>"$tmp/o.jsonl" 2>/dev/null
    else
      /usr/bin/python3 "$here/vtk_first_extraction.py" "$file" "$iso" --runs $((runs + 1)) $vflag >>"$tmp/v.jsonl"
    fi
  done
done
/usr/bin/python3 - "$tmp/o.jsonl" "$tmp/v.jsonl" <<'PY'
import json, statistics, sys

def docs(path):
    text = open(path).read()
    dec, i, out = json.JSONDecoder(), 0, []
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        d, i = dec.raw_decode(text, i)
        out.append(d)
    return out

o = [d["secondsRuns"] for d in docs(sys.argv[1])]
v = [d["seconds"] for d in docs(sys.argv[2])]
tri_o = docs(sys.argv[1])[0]["meshes"][0]["triangles"]
tri_v = docs(sys.argv[2])[0]["triangles"]

def row(name, f):
    a = [f(x) for x in o]
    b = [f(x) for x in v]
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:28} organ3d {ma:7.3f} s ({min(a):.3f}-{max(a):.3f})   VTK {mb:7.3f} s ({min(b):.3f}-{max(b):.3f})"
          f"   VTK/organ3d {mb / ma:5.2f}")

print(f"triangles: organ3d {tri_o}, VTK {tri_v}")
row("first extraction", lambda s: s[0])
row("fifth extraction", lambda s: s[4])
row("warm (median of runs 2..)", lambda s: statistics.median(s[1:]))
PY
