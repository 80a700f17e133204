#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when missing, and the
# end-to-end suite's npm packages from its lock file.
# Usage: tools/install-deps.sh [--no-npm]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config libasio-dev nlohmann-json3-dev libgtest-dev libcli11-dev libssl-dev libsqlite3-dev openssl)
# The end-to-end suite plays Omegga with Node.js.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        sudo=()
    elif sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        echo "Missing Debian packages: ${missing[*]}" >&2
        echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ${1:-} != --no-npm && -f tests/e2e/package-lock.json ]]; then
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
