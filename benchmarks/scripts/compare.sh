#!/usr/bin/env bash
# organ3d against the peers available here, on the abdominal phantom study, in one run: organ3d's
# flying edges (Java backend, all cores; and OpenCL when --opencl is given and a device exists),
# VTK's vtkFlyingEdges3D (python3-vtk9, SMP backend as installed) and scikit-image's marching cubes
# (python3-skimage, single-threaded), all on the same int16 HU volume and iso value. Prints a table
# of best and median wall times, throughput (Mvoxel/s), mean CPU time per run, triangles and the ratio of each
# peer's time to organ3d's (above 1 means organ3d is faster). Volumes are not compared here: the
# aorta crosses the field of view, so the surface is open (vtk_compare.py and the core tests compare
# closed surfaces).
#
# Usage: benchmarks/scripts/compare.sh [full|small] [ISO] [REPEAT] [--opencl]
#        defaults: full (512x512x200), ISO 150 HU (organs and bone), REPEAT 5
# Needs: java 17, /usr/bin/python3 with vtk and scikit-image; builds benchmarks/target/benchmarks.jar if missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size="${1:-full}"
iso="${2:-150}"
repeat="${3:-5}"
opencl="${4:-}"
warmup="${WARMUP:-60}"   # untimed runs first, on every side: the JVM needs ~50 to reach steady state (JIT, first touch of fresh heap pages; see compare_flying_edges.sh)
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
case "$size" in
  full) dims=(512 512 200); spacing=(0.7 0.7 1.5) ;;
  small) dims=(128 128 100); spacing=(2.8 2.8 3.0) ;;
  *) echo "size must be full or small" >&2; exit 2 ;;
esac
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
raw="$tmp/phantom.raw"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); phantom $size ${dims[*]}, iso $iso HU, $repeat runs each"
results="$tmp/results.jsonl"
java -Xmx6g -cp "$jar" org.organ3d.bench.PhantomCompare "$size" "$raw" "$iso" "$repeat" java "$warmup" >>"$results"
if [ "$opencl" = "--opencl" ]; then
  java -Xmx6g -cp "$jar" org.organ3d.bench.PhantomCompare "$size" "$tmp/again.raw" "$iso" "$repeat" opencl "$warmup" >>"$results" \
    || echo "{\"tool\": \"organ3d (opencl)\", \"error\": \"OpenCL unavailable\"}" >>"$results"
fi
/usr/bin/python3 "$here/vtk_compare.py" "$raw" --dims "${dims[@]}" --spacing "${spacing[@]}" --iso "$iso" \
  --type int16 --repeat "$repeat" --warmup "$warmup" | sed 's/^{/{"tool": "VTK vtkFlyingEdges3D", /' >>"$results" \
  || echo '{"tool": "VTK vtkFlyingEdges3D", "error": "vtk unavailable"}' >>"$results"
/usr/bin/python3 "$here/skimage_mc.py" "$raw" --dims "${dims[@]}" --spacing "${spacing[@]}" --iso "$iso" \
  --type int16 --repeat "$repeat" --warmup 1 >>"$results" \
  || echo '{"tool": "scikit-image marching_cubes", "error": "scikit-image unavailable"}' >>"$results"
/usr/bin/python3 - "$results" "${dims[0]}" "${dims[1]}" "${dims[2]}" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
vox = int(sys.argv[2]) * int(sys.argv[3]) * int(sys.argv[4])
ref = next(r for r in rows if r["tool"].startswith("organ3d (java"))
print(f"{'tool':38} {'best s':>8} {'median s':>9} {'Mvox/s':>8} {'CPU s':>7} {'triangles':>10} {'vertices':>10} {'time / organ3d':>14}")
for r in rows:
    if "error" in r:
        print(f"{r['tool']:38} {r['error']}")
        continue
    print(f"{r['tool'][:38]:38} {r['seconds']:8.3f} {r['secondsMedian']:9.3f} {vox / r['seconds'] / 1e6:8.0f} "
          f"{r['cpuSeconds']:7.3f} {r['triangles']:10d} {r['vertices']:10d} {r['seconds'] / ref['seconds']:14.2f}")
PY
