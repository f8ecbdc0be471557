#!/usr/bin/env bash
# Memory check: flying edges on a 512x512x1000 int16 volume (524 MB of voxels) in -Xmx1500m.
# The volume is generated in memory (int16 slices only); extraction reads slices into per-thread float
# buffers, so the heap holds the volume, a few slices per thread, per-row counts and the mesh.
# Usage: benchmarks/scripts/memory_check.sh [XMX]      (default 1500m)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
xmx="${1:-1500m}"
java "-Xmx$xmx" -cp "$jar" org.organ3d.bench.IsosurfaceThroughput --phantom 512 512 1000 --repeat 1
echo "ok: 512x512x1000 int16 extracted with -Xmx$xmx"
