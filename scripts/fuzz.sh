#!/usr/bin/env bash
# Runs every Jazzer fuzz target (or those matching FILTER, a regex on Class#method) for SECONDS each,
# one child JVM per target at -Xmx1g with a 10 s limit per input (docs/robustness.md).
#   scripts/fuzz.sh [SECONDS] [FILTER] [extra Maven -D options...]
# e.g. scripts/fuzz.sh 600 'DicomFuzzTest' -Dfuzz.parallel=2 -Dfuzz.report=target/fuzz-report.tsv
# A finding (crash-*, timeout-* ...) is written into the target's committed Inputs folder under
# src/test/resources, where the ordinary test run replays it; the run then exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
filter="${2:-.*}"
shift $(( $# > 2 ? 2 : $# ))
modules=core,viewer-demo,net
offline=-o
[ "${FUZZ_ONLINE:-}" = 1 ] && offline=
exec mvn $offline -B -q -fae -Pfuzz -DskipTests test -pl "$modules" -am \
  -Dfuzz.seconds="$seconds" -Dfuzz.filter="$filter" "$@"
