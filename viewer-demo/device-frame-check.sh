#!/usr/bin/env bash
# Viewer frame time on a GPU machine without X: JMH ViewerFrameBench (2,048,000 triangles at 1280x800,
# mono and anaglyph, finished with glFinish) through GLFW's null platform and EGL
# (-Dorgan3d.gl.headless=egl), with the bundle made by viewer-demo/device-prepare.sh. Prints the EGL
# vendor files and GPU first, so a machine without a graphics driver says so. Exit 0 only if JMH ran.
# Log also in $OUT/frame-check.log when $OUT is set.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/viewer-demo/target/device-bundle"
ITER="${ORGAN3D_FRAME_ITER:-5}"
LOG="${OUT:-$B}/frame-check.log"
mkdir -p "$(dirname "$LOG")"
exec > >(tee "$LOG") 2>&1
echo "=== bundle commit $(cat "$B/commit.txt" 2>/dev/null || echo '?')"
echo "=== GPU"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"
echo "=== EGL vendors (glvnd)"
ls /usr/share/glvnd/egl_vendor.d/ /etc/glvnd/egl_vendor.d/ 2>/dev/null
ls /usr/lib/x86_64-linux-gnu/libEGL*.so* /usr/lib64/libEGL*.so* 2>/dev/null
echo "=== JMH ViewerFrameBench, headless EGL"
timeout --kill-after=10 240 "$B/runtime/bin/java" -Xmx8g -Dorgan3d.gl.headless=egl -jar "$B/benchmarks.jar" \
    'ViewerFrameBench.frame' -f 0 -wi 2 -i "$ITER" -w 2s -r 2s -tu ms -bm avgt
rc=$?
echo "=== RESULT: $([ $rc -eq 0 ] && echo PASS || echo "FAIL($rc)")"
exit $rc
