#!/usr/bin/env bash
# The whole test suite: builds with warnings as errors and runs every test through
# ctest (unit, integration on 127.0.0.1, end to end with the Node.js harness, the
# benchmark's smoke mode). With --asan, the same in an ASan+UBSan build.
# Usage: tools/test.sh [--asan]
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
flags=(-DCSC_WARNINGS_AS_ERRORS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ ${1:-} == --asan ]]; then
    build=build-asan
    flags+=(-DCSC_SANITIZE=ON)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
jobs=$(nproc 2>/dev/null || echo 2)

tools/install-deps.sh
cmake -S . -B "$build" "${flags[@]}"
cmake --build "$build" -j"$jobs"
ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 300
