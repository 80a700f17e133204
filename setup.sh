#!/usr/bin/env bash
# Builds the plugin (build/csc-plugin) for Omegga, which runs this on install and after
# each update, from the plugin folder, without a terminal. Progress goes to stdout:
# Omegga shows anything on stderr as an error, so stderr is kept for real failures,
# each with the exact command that fixes it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

packages=(cmake g++ make libasio-dev nlohmann-json3-dev libcli11-dev libssl-dev libsqlite3-dev)

fail() {
    echo "cross-server-chat setup: $*" >&2
    exit 1
}

# Debian packages among $packages that are not installed.
missing_packages() {
    local pkg
    for pkg in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            printf '%s\n' "$pkg"
        fi
    done
}

install_packages() {
    local -a run=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
            run=(sudo -n)
        else
            fail "missing packages: $*. Install them with:
  sudo apt-get install -y $*
then run setup.sh again."
        fi
    fi
    echo "Installing missing packages: $*"
    if ! "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" 2>&1; then
        echo "Installing failed; updating the package lists and retrying"
        "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q 2>&1 ||
            fail "apt-get update failed. Run: sudo apt-get update && sudo apt-get install -y $*"
        "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" 2>&1 ||
            fail "apt-get install failed. Run: sudo apt-get install -y $*"
    fi
}

echo "cross-server-chat setup: checking build tools and libraries"
if command -v dpkg-query >/dev/null 2>&1; then
    mapfile -t missing < <(missing_packages)
    if [ "${#missing[@]}" -gt 0 ]; then
        install_packages "${missing[@]}"
    fi
else
    echo "No dpkg here: assuming ${packages[*]} (or their equivalents) are installed"
fi
for tool in cmake g++; do
    command -v "$tool" >/dev/null 2>&1 ||
        fail "$tool not found. Install it with: sudo apt-get install -y $tool"
done

jobs="$(nproc 2>/dev/null || echo 2)"
log="build/setup.log"
mkdir -p build
echo "Configuring (Release) into build/"
# Warnings stay warnings here: a newer compiler on a server owner's machine must not
# break the install (CI builds with warnings as errors).
if ! cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCSC_BUILD_TESTS=OFF \
        -DCSC_BUILD_BENCH=OFF -DCSC_WARNINGS_AS_ERRORS=OFF >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "configuring failed (full output in $log)"
fi
echo "Building with $jobs jobs (this takes a few minutes)"
if ! cmake --build build -j "$jobs" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "the build failed (full output in $log)"
fi
[ -x build/csc-plugin ] || fail "the build finished but build/csc-plugin is missing (see $log)"
echo "cross-server-chat setup: done, built build/csc-plugin"
