#!/usr/bin/env bash
# Cohort benchmark (docs/cohort.md): the cohort job through `organ3d cohort` in Spark local mode on
# abdominal phantom studies of 512x512x200 (DICOM series, one file per slice, with truth label maps).
#
#   throughput (default): ROWS studies in local[1] and in local[2]: studies per minute, the speed-up
#     local[1] -> local[2], the task seconds per study and per stage, and from them, on paper, the cores
#     and nodes that 100,000 studies need in one night (8 hours).
#   memory: one task (local[1]) on 3 studies at decreasing -Xmx with the job's own memory check off,
#     to find the smallest heap a study needs (the basis of the per-task memory in docs/cohort.md).
#
# Usage: benchmarks/scripts/cohort_bench.sh [throughput|memory] [ROWS=100] [DISTINCT=ROWS] [PLAN]
#   DISTINCT: how many different studies are generated (the manifest cycles through them with distinct
#   study ids; fewer than ROWS means files are read again from the page cache). PLAN: labels (default:
#   the manifest's truth label maps, intensity statistics, surfaces) or segment (bone preset + largest
#   component + 5 mm closing per study).
# Data: $COHORT_BENCH_DATA (default benchmarks/target/cohort-bench; 100 MB per distinct study, reused).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode="${1:-throughput}"
rows="${2:-100}"
distinct="${3:-$rows}"
plan_kind="${4:-labels}"
data="${COHORT_BENCH_DATA:-$root/benchmarks/target/cohort-bench}"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi
"$root/organ3d" --version >/dev/null   # builds the command (and the cohort module) when needed
mkdir -p "$data"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xmx6g -cp "$jar" org.organ3d.bench.CohortStudies "$data" "$distinct" "$rows" full
case "$plan_kind" in
  labels) echo '{"labels": "manifest", "measure": {"intensity": true}}' >"$data/plan.json" ;;
  segment) echo '{"segment": {"preset": "bone", "largest": true, "close": 5}, "measure": {"intensity": true}}' >"$data/plan.json" ;;
  *) echo "PLAN is labels or segment" >&2; exit 2 ;;
esac
run() {  # run <name> <master> <java options...>
  local name="$1" master="$2"; shift 2
  rm -rf "$data/out-$name"
  ORGAN3D_JAVA_OPTS="$*" "$root/organ3d" cohort "$data/manifest.csv" --plan "$data/plan.json" --out "$data/out-$name" \
    --master "$master" --backend java --json >"$data/summary-$name.json" 2>"$data/stderr-$name.txt"
}
if [ "$mode" = "memory" ]; then
  head -4 "$data/manifest.csv" >"$data/manifest-3.csv"
  for xmx in 3072 2048 1536 1280 1024 896 768 640 512; do
    rm -rf "$data/out-mem"
    if ORGAN3D_JAVA_OPTS="-Xmx${xmx}m -Dorgan3d.cohort.memoryCheck=false" "$root/organ3d" cohort "$data/manifest-3.csv" \
        --plan "$data/plan.json" --out "$data/out-mem" --master 'local[1]' --backend java --json >"$data/summary-mem.json" \
        2>"$data/stderr-mem.txt" && /usr/bin/python3 -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if s['succeeded']==3 else 1)" "$data/summary-mem.json"; then
      echo "-Xmx${xmx}m: 3 of 3 studies ($plan_kind plan, 512x512x200 = 52.4 M voxels) in one task"
    else
      echo "-Xmx${xmx}m: failed ($(grep -o '"error_class" : "[^"]*"' "$data/summary-mem.json" | head -1))"
      break
    fi
  done
  exit 0
fi
run l1 'local[1]' -Xmx8g
run l2 'local[2]' -Xmx8g
/usr/bin/python3 - "$data/summary-l1.json" "$data/summary-l2.json" "$rows" "$distinct" "$plan_kind" <<'PY'
import json, math, sys
s1, s2 = (json.load(open(p)) for p in sys.argv[1:3])
rows, distinct, plan = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
for s in (s1, s2):
    assert s["succeeded"] == rows and s["processed"] == rows, s
per_study = {k: v / rows for k, v in s1["stageSeconds"].items()}
task = sum(per_study.values())
print(f"cohort benchmark: {rows} studies of 512x512x200 (DICOM, {distinct} distinct), plan '{plan}', backend java")
print(f"{'master':10} {'job s':>8} {'studies/min':>12} {'run s':>8}")
for name, s in (("local[1]", s1), ("local[2]", s2)):
    print(f"{name:10} {s['jobSeconds']:8.1f} {s['studiesPerMinute']:12.2f} {s['seconds']:8.1f}")
print(f"speed-up local[1] -> local[2]: {s1['jobSeconds'] / s2['jobSeconds']:.2f}x")
print("task seconds per study (local[1]): " + ", ".join(f"{k} {v:.2f}" for k, v in per_study.items()) + f"; total {task:.2f}")
# On paper: 100,000 studies in 8 hours, one task per core, the local[1] cost per study, 80 % scheduling/IO efficiency.
cores = 100_000 * task / (8 * 3600) / 0.8
print(f"100,000 studies in 8 h at {task:.2f} task-s per study and 80 % efficiency: {cores:.0f} cores "
      f"= {math.ceil(cores / 16)} nodes of 16 cores (heap per node: 16 tasks x the per-task memory of docs/cohort.md); "
      f"input {100_000 * 100 / 1e6:.0f} TB of DICOM read at {100_000 * 100 / (8 * 3600):.0f} MB/s in all")
PY
