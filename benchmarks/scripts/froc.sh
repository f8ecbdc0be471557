#!/usr/bin/env bash
# FROC evaluation of lesion screening on generated phantoms (docs/screening.md).
#   benchmarks/scripts/froc.sh chest 5001 5040 [--out DIR]     # held-out chest seeds (the evaluation)
#   benchmarks/scripts/froc.sh vessels 7001 7010                # chest phantoms without nodules
#   benchmarks/scripts/froc.sh liver 6001 6030                  # held-out liver seeds
# Seeds 1001-1030 (chest; the lung model v2 was trained on all of them) and 2001-2020 (liver) are the tuning range the score models were
# trained on; never report those as an evaluation.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
java -Xmx4g -cp "$jar" org.organ3d.bench.ScreeningFroc "$@"
