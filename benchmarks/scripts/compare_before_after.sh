#!/usr/bin/env bash
# "Nothing gets slower": organ3d's existing JMH suites on this tree against an earlier commit (default
# fa184c0, the end of the first wave), run alternately (before, after, before, after ...) in one run so
# that both see the same machine load. The earlier commit is checked out with `git worktree add` into a
# temporary folder (main's history is not touched) and its benchmarks.jar built there once.
#
# Usage: benchmarks/scripts/compare_before_after.sh [REF] [ROUNDS] [JMH regex ...]
#        defaults: fa184c0, 2 rounds, the suites below; JMH_OPTS overrides the short JMH settings
# Prints one line per benchmark and round with both scores (ms/op, lower is better) and their ratio
# after/before (below 1: faster now). Needs: git, Maven (offline repository), java 17.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ref="${1:-fa184c0}"
rounds="${2:-2}"
shift 2 || shift $# || true
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=('FlyingEdgesBench.flyingEdges$' 'FlyingEdgesBench.flyingEdgesWithNormals'
  'FlyingEdgesBench.surfaceNetsTwoLabels' 'MeshPostBench.writeBinaryStl' 'MeshPostBench.taubin20'
  'NiftiReadBench.organ3dRead' 'DicomSeriesBench' 'CodecBench')
jmh_opts="${JMH_OPTS:--f 1 -wi 2 -i 3 -w 2s -r 2s}"
after="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$after" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
base="${TMPDIR:-/tmp}/organ3d-before-$ref"
if [ ! -f "$base/benchmarks/target/benchmarks.jar" ]; then
  [ -d "$base" ] || git -C "$root" worktree add --detach "$base" "$ref" >/dev/null
  (cd "$base" && mvn -o -q -B -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi
before="$base/benchmarks/target/benchmarks.jar"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); before = $ref, after = $(git -C "$root" rev-parse --short HEAD)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for suite in "${suites[@]}"; do
  for r in $(seq 1 "$rounds"); do
    for side in before after; do
      jar="$before"; [ "$side" = after ] && jar="$after"
      # shellcheck disable=SC2086
      java -jar "$jar" "$suite" $jmh_opts -tu ms -bm avgt -rf json -rff "$tmp/$side.json" >/dev/null 2>"$tmp/$side.err" \
        || { echo "$suite ($side): failed: $(tail -1 "$tmp/$side.err")"; continue 2; }
    done
    /usr/bin/python3 - "$tmp/before.json" "$tmp/after.json" "$r" <<'PY'
import json, sys
b = {(x["benchmark"].split(".")[-2] + "." + x["benchmark"].split(".")[-1] + str(x.get("params", ""))): x["primaryMetric"]["score"]
     for x in json.load(open(sys.argv[1]))}
a = {(x["benchmark"].split(".")[-2] + "." + x["benchmark"].split(".")[-1] + str(x.get("params", ""))): x["primaryMetric"]["score"]
     for x in json.load(open(sys.argv[2]))}
for k in b:
    if k in a:
        print(f"round {sys.argv[3]}  {k[:70]:70} before {b[k]:10.3f}  after {a[k]:10.3f} ms/op  after/before {a[k] / b[k]:5.2f}")
PY
  done
done
