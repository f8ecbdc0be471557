#!/usr/bin/env bash
# Builds the self-contained bundle that gpu-kernels/device-check.sh runs on a GPU machine that has no
# Java and no network: a jlinked Java runtime plus the jars, in gpu-kernels/target/device-bundle
# (ignored by git; carry that one path). Run here, from the repository root or anywhere:
#   gpu-kernels/device-prepare.sh            # build the bundle, check its size (< 64 MiB)
#   gpu-kernels/device-prepare.sh --selftest # also run the check here with the bundled runtime (PoCL)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/gpu-kernels/target/device-bundle"
LIMIT_MIB=60
cd "$ROOT"
echo "== building core, testdata, gpu-kernels (offline) and collecting jars"
rm -rf "$B"
mkdir -p "$B/lib"
mvn -o -q -pl core,testdata,gpu-kernels -am package -DskipTests -Dmaven.javadoc.skip=true \
    dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$B/lib"
# NB: the image codecs (jai-imageio, java.desktop) are not needed by the check; leaving them out keeps
# the runtime small.
rm -f "$B"/lib/jai-imageio-*.jar "$B"/lib/*-sources.jar
cp gpu-kernels/target/organ3d-gpu-kernels-*-SNAPSHOT.jar "$B/lib/"
rm -f "$B"/lib/organ3d-gpu-kernels-*-sources.jar
(cd gpu-kernels/target/test-classes && jar --create --file "$B/lib/organ3d-gpu-kernels-tests.jar" .)
echo "== jlink runtime"
JLINK="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
"$JLINK" --add-modules java.base,java.logging,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$B/runtime"
# A fallback ICD loader for machines whose driver ships only the vendor ICD (see device-check.sh).
for f in /usr/lib/x86_64-linux-gnu/libOpenCL.so.1.0.0 /usr/lib64/libOpenCL.so.1; do
    if [ -f "$f" ]; then cp "$f" "$B/libOpenCL.so.1"; break; fi
done
git -C "$ROOT" rev-parse --short HEAD > "$B/commit.txt" 2>/dev/null || echo unknown > "$B/commit.txt"
SIZE_KIB=$(du -sk "$B" | cut -f1)
echo "== bundle $B: $((SIZE_KIB / 1024)) MiB (limit ${LIMIT_MIB} MiB of the 64 MiB carry)"
ls -1 "$B/lib"
if [ "$SIZE_KIB" -gt $((LIMIT_MIB * 1024)) ]; then
    echo "FAIL: bundle too large" >&2
    exit 1
fi
if [ "${1:-}" = "--selftest" ]; then
    echo "== self test with the bundled runtime"
    ORGAN3D_TIMING_N="${ORGAN3D_TIMING_N:-128}" ORGAN3D_MEASURE_NZ="${ORGAN3D_MEASURE_NZ:-100}" ORGAN3D_JAVA_OPTS="${ORGAN3D_JAVA_OPTS:--Xmx3g}" \
        "$ROOT/gpu-kernels/device-check.sh"
fi
