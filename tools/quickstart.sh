#!/usr/bin/env bash
# Installs what is missing, builds (Release) and starts the standalone hub with its
# defaults (0.0.0.0:1337, "Chat Hub"). Extra arguments go to csc-hub (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh --no-npm
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCSC_BUILD_TESTS=OFF -DCSC_BUILD_BENCH=OFF \
    -DCSC_WARNINGS_AS_ERRORS=OFF >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target csc-hub csc_plugin
exec build/csc-hub "$@"
