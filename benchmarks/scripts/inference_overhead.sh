#!/usr/bin/env bash
# Issue 17's overhead goal: organ3d's total time for a sliding-window model run within 1.3x of the
# model's own run time summed over the patches. Builds the test models with Debian's python3-onnx
# (inference/src/test/resources/org/organ3d/inference/make_models.py), then runs the two-layer
# convolution network on the abdominal phantom CT with nnU-Net's defaults (overlap 0.5, Gaussian
# blending) and prints the total and in-model times per run and their median ratio.
#
# Usage: benchmarks/scripts/inference_overhead.sh [small|full] [REPEAT] [WARMUP] [PX,PY,PZ] [THREADS]
#        defaults: small (128x128x100), 5 runs after 2 warm-up runs, patch 96,96,48, all cores
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size="${1:-small}"
repeat="${2:-5}"
warmup="${3:-2}"
patch="${4:-96,96,48}"
threads="${5:-0}"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$root/inference/src/test/resources/org/organ3d/inference/make_models.py" "$tmp"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); phantom $size, patch $patch"
java -Xmx3g -cp "$jar" org.organ3d.bench.InferenceOverhead "$tmp" "$size" "$repeat" "$warmup" "$patch" "$threads"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
