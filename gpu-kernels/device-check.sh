#!/usr/bin/env bash
# Device check for a GPU machine (Linux x86_64, NVIDIA H100/H200): no Java, no network needed.
# Prepare here with gpu-kernels/device-prepare.sh, carry gpu-kernels/target/device-bundle, then run
# from the repository root:   gpu-kernels/device-check.sh
# Steps (each with its own timeout): OpenCL loader setup, the loader found by organ3d itself as
# libOpenCL.so.1 (no libOpenCL.so symlink), device list, the module's tests with OpenCL required
# (contract, bricking, faults, kernel builds, label statistics parity, loading), Java vs OpenCL
# extraction timing on an N^3 phantom (N = ORGAN3D_TIMING_N, default 512), measure-all-labels on an
# N x N x NZ map with 117 labels and intensities (NZ = ORGAN3D_MEASURE_NZ, default 400), and the slot
# for the chest screening filters. Prints a summary table; exit 0 only if every step passed. The log
# is also written to $OUT/device-check.log when $OUT is set.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/gpu-kernels/target/device-bundle"
N="${ORGAN3D_TIMING_N:-512}"
NZ="${ORGAN3D_MEASURE_NZ:-400}"
JAVA_OPTS="${ORGAN3D_JAVA_OPTS:--Xmx24g}"
LOGDIR="${OUT:-$B/out}"
mkdir -p "$LOGDIR"
LOG="$LOGDIR/device-check.log"
: > "$LOG"
exec > >(tee -a "$LOG") 2>&1

declare -a NAMES STATUS SECS
FAILED=0
step() { # step NAME TIMEOUT_S COMMAND...
    local name="$1" limit="$2"
    shift 2
    echo
    echo "=== $name (timeout ${limit}s)"
    local t0=$SECONDS rc
    timeout --kill-after=10 "$limit" "$@"
    rc=$?
    local st="PASS"
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then st="TIMEOUT"; elif [ $rc -ne 0 ]; then st="FAIL($rc)"; fi
    [ "$st" = "PASS" ] || FAILED=1
    NAMES+=("$name"); STATUS+=("$st"); SECS+=("$((SECONDS - t0))")
    echo "=== $name: $st in $((SECONDS - t0)) s"
    return $rc
}

summary() {
    echo
    echo "=== organ3d OpenCL device check, bundle commit $(cat "$B/commit.txt" 2>/dev/null || echo '?')"
    printf '| %-28s | %-10s | %6s |\n' "step" "status" "s"
    for i in "${!NAMES[@]}"; do
        printf '| %-28s | %-10s | %6s |\n' "${NAMES[$i]}" "${STATUS[$i]}" "${SECS[$i]}"
    done
    echo "RESULT: $([ $FAILED -eq 0 ] && echo PASS || echo FAIL)"
}

if [ ! -x "$B/runtime/bin/java" ] || [ ! -d "$B/lib" ]; then
    echo "FAIL: no bundle at $B (run gpu-kernels/device-prepare.sh where Java and Maven are, and carry gpu-kernels/target/device-bundle)"
    exit 2
fi
JAVA="$B/runtime/bin/java"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

opencl_setup() {
    uname -a
    # The bundled runtime comes from Debian 12's OpenJDK 17: it needs glibc >= 2.34.
    local glibc
    glibc="$(ldd --version 2>/dev/null | head -1 | grep -o '[0-9]\+\.[0-9]\+$')"
    echo "glibc ${glibc:-unknown} (the bundled runtime needs >= 2.34)"
    command -v nvidia-smi >/dev/null && nvidia-smi -L
    # JOCL opens "libOpenCL.so"; drivers often ship only libOpenCL.so.1 (the ICD loader).
    local lib=""
    for cand in $(ldconfig -p 2>/dev/null | awk '/libOpenCL\.so\.1 /{print $NF}') \
                /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 /usr/lib64/libOpenCL.so.1 /usr/local/cuda/lib64/libOpenCL.so.1 \
                /usr/local/cuda/targets/x86_64-linux/lib/libOpenCL.so.1; do
        if [ -e "$cand" ]; then lib="$cand"; break; fi
    done
    if [ -z "$lib" ] && [ -e "$B/libOpenCL.so.1" ]; then
        lib="$B/libOpenCL.so.1"
        echo "no system libOpenCL.so.1: using the bundled ICD loader"
    fi
    if [ -z "$lib" ]; then echo "no OpenCL ICD loader (libOpenCL.so.1) found"; return 1; fi
    echo "$lib" > "$TMP/loader.txt"
    ln -sf "$lib" "$TMP/libOpenCL.so"
    ln -sf "$lib" "$TMP/libOpenCL.so.1"
    echo "OpenCL loader: $lib"
    # The loader finds vendor ICDs in /etc/OpenCL/vendors (or OCL_ICD_VENDORS). Containers often mount
    # the NVIDIA driver's libnvidia-opencl.so.1 without its .icd file: then add one.
    mkdir -p "$TMP/vendors"
    cp /etc/OpenCL/vendors/*.icd "$TMP/vendors/" 2>/dev/null
    if ! grep -qs nvidia "$TMP"/vendors/*.icd; then
        local nv
        nv="$(ldconfig -p 2>/dev/null | awk '/libnvidia-opencl\.so\.1 /{print $NF}' | head -1)"
        if [ -z "$nv" ]; then
            for c in /usr/lib/x86_64-linux-gnu/libnvidia-opencl.so.1 /usr/lib64/libnvidia-opencl.so.1; do
                if [ -e "$c" ]; then nv="$c"; break; fi
            done
        fi
        if [ -n "$nv" ]; then echo "$nv" > "$TMP/vendors/nvidia.icd"; fi
    fi
    echo "ICDs (OCL_ICD_VENDORS=$TMP/vendors): $(cat "$TMP"/vendors/*.icd 2>/dev/null | tr '\n' ' ')"
    if ! "$JAVA" -version; then echo "the bundled Java runtime does not start here (glibc ${glibc:-?} < 2.34?)"; return 1; fi
}

run_java() {
    # NB: NVIDIA's OpenCL driver installs its own SIGSEGV handler; without the JVM's signal-chaining
    # library the JVM's own implicit null checks then kill the process (exit 139, no hs_err file).
    local envs=("LD_PRELOAD=$B/runtime/lib/libjsig.so" "LD_LIBRARY_PATH=$TMP${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
    if ls "$TMP"/vendors/*.icd >/dev/null 2>&1; then envs+=("OCL_ICD_VENDORS=$TMP/vendors"); fi
    # shellcheck disable=SC2086
    env "${envs[@]}" "$JAVA" $JAVA_OPTS -Djava.io.tmpdir="$TMP" -Dorgan3d.require=opencl -cp "$B/lib/*" \
        org.organ3d.opencl.DeviceCheck "$@"
}

run_java_driver_only() {
    # organ3d finds the ICD loader under its runtime name itself: no libOpenCL.so anywhere on the
    # library path (only the bundled loader, when the system has none, is named explicitly).
    local envs=("LD_PRELOAD=$B/runtime/lib/libjsig.so")
    if ls "$TMP"/vendors/*.icd >/dev/null 2>&1; then envs+=("OCL_ICD_VENDORS=$TMP/vendors"); fi
    local opts=()
    if [ "$(cat "$TMP/loader.txt" 2>/dev/null)" = "$B/libOpenCL.so.1" ]; then opts+=("-Dorgan3d.opencl.library=$B/libOpenCL.so.1"); fi
    # shellcheck disable=SC2086
    env "${envs[@]}" "$JAVA" $JAVA_OPTS "${opts[@]}" -Djava.io.tmpdir="$TMP" -Dorgan3d.require=opencl -cp "$B/lib/*" \
        org.organ3d.opencl.DeviceCheck "$@"
}

export B TMP JAVA JAVA_OPTS
export -f opencl_setup run_java run_java_driver_only
step "opencl loader" 20 bash -c opencl_setup
step "loader libOpenCL.so.1 only" 60 bash -c 'run_java_driver_only devices' 
if ! step "devices" 60 bash -c 'run_java devices'; then
    summary
    exit 1
fi
step "contract tests" 200 bash -c 'run_java tests'
step "timing ${N}^3" 300 bash -c "run_java timing $N 3"
step "measure ${N}x${N}x${NZ} 117 labels" 300 bash -c "run_java measure $N $NZ 3"
step "screening filters (slot)" 60 bash -c 'run_java screen' 
summary
exit $FAILED
