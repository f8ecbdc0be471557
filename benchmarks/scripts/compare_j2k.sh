#!/usr/bin/env bash
# JPEG 2000 series decoding: organ3d (jai-imageio's JJ2000, one decoder per frame, frames of a series on
# all cores) against GDCM/OpenJPEG (`gdcmconv --raw`, one process per file), on the same files.
#
# organ3d reads the whole series RUNS times in one JVM (SeriesRead), once on all cores and once pinned
# to one core (taskset -c 0); the first read is dropped (JIT). GDCM converts every file to raw; its
# start-up is measured on the same number of already-raw files and subtracted. Prints per-slice wall and
# CPU times and the ratios (organ3d all cores vs one core: how far the decode spreads; organ3d vs GDCM).
#
# Usage: benchmarks/scripts/compare_j2k.sh [FOLDER] [RUNS]
#        default folder: make_bench_inputs.py's dicom512/j2k (40 slices 512x512 int16, JPEG 2000 lossless)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${1:-}"
runs="${2:-4}"
[ -n "$dir" ] || dir="$(/usr/bin/python3 "$here/make_bench_inputs.py")/dicom512/j2k"
jar="$root/benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
n=$(ls "$dir" | wc -l)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $dir ($n files), $runs reads"
all=$(java -Xmx2g -cp "$jar" org.organ3d.bench.SeriesRead "$dir" --runs $((runs + 1)))
one=$(taskset -c 0 java -Xmx2g -cp "$jar" org.organ3d.bench.SeriesRead "$dir" --runs $((runs + 1)))
mkdir -p "$tmp/raw"
gdcmconv --raw "$(ls -d "$dir"/* | head -1)" "$tmp/raw/one.dcm"
t0=$(date +%s.%N)
for f in "$dir"/*; do gdcmconv --raw "$f" "$tmp/raw/x.dcm"; done
t1=$(date +%s.%N)
for f in "$dir"/*; do gdcmconv --raw "$tmp/raw/one.dcm" "$tmp/raw/y.dcm"; done
t2=$(date +%s.%N)
/usr/bin/python3 - "$all" "$one" "$t0" "$t1" "$t2" "$n" <<'PY'
import json, statistics, sys
a, o = json.loads(sys.argv[1]), json.loads(sys.argv[2])
t0, t1, t2, n = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
s = a["slices"]
wa = statistics.median(a["seconds"][1:]) / s * 1e3
ca = statistics.median(a["cpuSeconds"][1:]) / s * 1e3
wo = statistics.median(o["seconds"][1:]) / s * 1e3
g = ((t1 - t0) - (t2 - t1)) / n * 1e3
print(f"organ3d, all {a['processors']} cores: {wa:6.1f} ms wall per slice ({ca:.1f} ms CPU per slice)")
print(f"organ3d, one core:     {wo:6.1f} ms wall per slice   -> all cores are {wo / wa:.2f}x faster")
print(f"GDCM gdcmconv --raw:   {g:6.1f} ms wall per slice (one process per file, its start-up subtracted)")
print(f"organ3d all cores / GDCM: {wa / g:.2f}   organ3d one core / GDCM: {wo / g:.2f}")
PY
