#!/usr/bin/env bash
# Builds the bundle that viewer-demo/device-frame-check.sh runs on a GPU machine without Java, X or
# network: a jlinked Java runtime plus the benchmarks uber-jar (the viewer, LWJGL with its Linux
# natives, JMH), in viewer-demo/target/device-bundle (ignored by git; carry that one path).
#   viewer-demo/device-prepare.sh             # build the bundle
#   viewer-demo/device-prepare.sh --selftest  # also run the check here (Mesa EGL, no X needed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/viewer-demo/target/device-bundle"
cd "$ROOT"
echo "== building the benchmarks jar (offline)"
mvn -o -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
rm -rf "$B"
mkdir -p "$B"
cp benchmarks/target/benchmarks.jar "$B/"
# NB: the device is Linux x86_64: the other platforms' natives only cost carry size (64 MiB in all)
zip -q -d "$B/benchmarks.jar" 'windows/*' 'macos/*' 'linux/arm64/*' 'linux/arm32/*' 'linux/ppc64le/*' \
    'linux/riscv64/*' 'lib/*' >/dev/null || true
echo "== jlink runtime"
JLINK="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
# NB: java.management for JMH, jdk.unsupported for LWJGL; no java.desktop (the frame benchmark reads no images)
"$JLINK" --add-modules java.base,java.logging,java.management,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$B/runtime"
strip --strip-unneeded "$B"/runtime/lib/server/libjvm.so "$B"/runtime/lib/*.so 2>/dev/null || true
# glvnd's vendor-neutral dispatch libraries, for GPU machines that have only the vendor's EGL library
mkdir -p "$B/glvnd"
for l in libEGL.so.1 libOpenGL.so.0 libGLdispatch.so.0; do
    cp -L "/usr/lib/x86_64-linux-gnu/$l" "$B/glvnd/$l"
done
git rev-parse --short HEAD > "$B/commit.txt"
du -sh "$B"
if [ "${1:-}" = "--selftest" ]; then
    ORGAN3D_FRAME_ITER="${ORGAN3D_FRAME_ITER:-2}" "$ROOT/viewer-demo/device-frame-check.sh"
fi
