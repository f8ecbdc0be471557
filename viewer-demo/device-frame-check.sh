#!/usr/bin/env bash
# Viewer frame time on a GPU machine without X: JMH ViewerFrameBench (2,048,000 triangles at 1280x800,
# mono and anaglyph, finished with glFinish; then the 2x2 slice-scrolling frame and the first frame of
# the 2,048,000 triangles after upload) through GLFW's null platform and EGL
# (-Dorgan3d.gl.headless=egl), with the bundle made by viewer-demo/device-prepare.sh. Prints the EGL
# vendor files and GPU first, so a machine without a graphics driver says so. Exit 0 only if JMH ran.
# Log also in $OUT/frame-check.log when $OUT is set.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/viewer-demo/target/device-bundle"
rm -f "$B/frame.csv" "$B/slices.csv" "$B/first.csv"
ITER="${ORGAN3D_FRAME_ITER:-5}"
LOG="${OUT:-$B}/frame-check.log"
mkdir -p "$(dirname "$LOG")"
exec > >(tee "$LOG") 2>&1
echo "=== bundle commit $(cat "$B/commit.txt" 2>/dev/null || echo '?')"
echo "=== GPU"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"
echo "=== EGL vendors (glvnd)"
ls /usr/share/glvnd/egl_vendor.d/ /etc/glvnd/egl_vendor.d/ 2>/dev/null
ls /usr/lib/x86_64-linux-gnu/ /usr/lib64/ 2>/dev/null | grep -E '^lib(EGL|GL|OpenGL|nvidia-(egl|gl|eglcore|glcore|glsi|tls))' | tr '\n' ' '; echo
echo "=== JMH ViewerFrameBench, headless EGL"
# NB: GPU containers often have the NVIDIA vendor libraries (libEGL_nvidia, listed in egl_vendor.d) but
# not glvnd's dispatch libraries; the bundle carries those (libEGL.so.1, libOpenGL.so.0,
# libGLdispatch.so.0). OpenGL functions come from libOpenGL.so.0 (no GLX, so no X11 libraries).
if ! ldconfig -p 2>/dev/null | grep -q 'libEGL.so.1 '; then
    export LD_LIBRARY_PATH="$B/glvnd${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "(using the bundle's glvnd dispatch libraries)"
fi
timeout --kill-after=10 240 "$B/runtime/bin/java" -Xmx8g -Dorgan3d.gl.headless=egl \
    -Dorg.lwjgl.opengl.libname=libOpenGL.so.0 -jar "$B/benchmarks.jar" \
    'ViewerFrameBench.frame' -f 0 -wi 2 -i "$ITER" -w 2s -r 2s -tu ms -bm avgt -rf csv -rff "$B/frame.csv"
rc=$?
# NB: JMH exits 0 when a benchmark's setup fails; a result row per stereo mode is what counts
[ "$(grep -c '"org.organ3d.bench.ViewerFrameBench.frame"' "$B/frame.csv" 2>/dev/null)" = 2 ] || rc=1
echo "=== JMH ViewerFrameBench.sliceScroll (2x2, 512x512x200 CT) and firstFrame (single shot), mono"
timeout --kill-after=10 240 "$B/runtime/bin/java" -Xmx8g -Dorgan3d.gl.headless=egl \
    -Dorg.lwjgl.opengl.libname=libOpenGL.so.0 -jar "$B/benchmarks.jar" \
    'ViewerFrameBench.sliceScroll' -p stereo=off -f 0 -wi 2 -i "$ITER" -w 2s -r 2s -tu ms -bm avgt -rf csv \
    -rff "$B/slices.csv" || rc=1
timeout --kill-after=10 240 "$B/runtime/bin/java" -Xmx8g -Dorgan3d.gl.headless=egl \
    -Dorg.lwjgl.opengl.libname=libOpenGL.so.0 -jar "$B/benchmarks.jar" \
    'ViewerFrameBench.firstFrame' -p stereo=off -f 0 -wi 1 -i "$ITER" -tu ms -bm ss -rf csv -rff "$B/first.csv" || rc=1
grep -q 'sliceScroll' "$B/slices.csv" 2>/dev/null && grep -q 'firstFrame' "$B/first.csv" 2>/dev/null || rc=1
echo "=== RESULT: $([ $rc -eq 0 ] && echo PASS || echo "FAIL($rc)")"
exit $rc
