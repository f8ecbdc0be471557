#!/usr/bin/env bash
# Lung screening speed on a 512x512x300 chest CT phantom (0.7 x 0.7 x 1.0 mm) within -Xmx4g:
# one warm-up, then REPEATS timed runs (wall time of Screening.run: lung fields, multiscale blob
# filtering, candidate segmentation, scoring, measurement, label map).
# Usage: benchmarks/scripts/screen_speed.sh [REPEATS] [--backend auto|java|opencl]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
java -Xmx4g -cp "$jar" org.organ3d.bench.ScreeningSpeed "$@"
