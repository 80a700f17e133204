#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz, replays every kept crash input
# (fuzz/regressions/<target>), then fuzzes each target for a bounded time on a fresh copy of
# its seed corpus (fuzz/corpus/<target>). Exits non-zero if any input crashes.
# See docs/fuzzing.md.
#
# Usage: tools/fuzz.sh [-t SECONDS] [TARGET...]     (targets: frame_splitter codec jsonrpc decode_differential)
# Environment: FUZZ_SECONDS (default 60), FUZZ_BUILD_DIR (default build-fuzz),
#              FUZZ_CMAKE_ARGS (extra configure arguments), FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(frame_splitter codec jsonrpc decode_differential)
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}

while getopts "t:h" opt; do
    case $opt in
    t) seconds=$OPTARG ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

for t in "${targets[@]}"; do
    if [[ ! -f fuzz/fuzz_$t.cpp ]]; then
        echo "fuzz.sh: unknown target '$t' (known: ${all_targets[*]})" >&2
        exit 2
    fi
done
if ! command -v clang++ >/dev/null; then
    echo "fuzz.sh: clang++ not found; install it with: sudo apt-get install clang libclang-rt-dev" >&2
    exit 2
fi

# shellcheck disable=SC2086 # FUZZ_CMAKE_ARGS is a list of words on purpose
CC=clang CXX=clang++ cmake -S . -B "$build" -DCSC_BUILD_FUZZERS=ON -DCSC_BUILD_TESTS=OFF \
    -DCSC_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo ${FUZZ_CMAKE_ARGS:-} >/dev/null
if ! cmake --build "$build" --target help | grep "fuzz_${targets[0]}" >/dev/null; then
    echo "fuzz.sh: the build has no fuzz targets; the top-level CMakeLists.txt must" \
         "add_subdirectory(fuzz) (see docs/fuzzing.md)" >&2
    exit 2
fi
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
common=(-rss_limit_mb=2048 -timeout=10)
failed=()

for t in "${targets[@]}"; do
    exe=$build/fuzz/fuzz_$t
    artifacts=$build/fuzz-artifacts/$t
    rm -rf "$artifacts" && mkdir -p "$artifacts"

    if compgen -G "fuzz/regressions/$t/*" >/dev/null; then
        echo "== $t: replaying fuzz/regressions/$t"
        if ! "$exe" "${common[@]}" -runs=0 -artifact_prefix="$artifacts/" "fuzz/regressions/$t" \
            >"$artifacts/replay.log" 2>&1; then
            echo "   REGRESSION: a kept input crashes again; see $artifacts/replay.log" >&2
            failed+=("$t (regression)")
            continue
        fi
    fi

    work=$build/fuzz-corpus/$t
    rm -rf "$work"
    mkdir -p "$work"
    cp fuzz/corpus/"$t"/* "$work"/
    dict=()
    [[ -f fuzz/dict/$t.dict ]] && dict=(-dict="fuzz/dict/$t.dict")
    echo "== $t: fuzzing for ${seconds}s (log: $artifacts/fuzz.log)"
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags on purpose
    if "$exe" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${dict[@]}" ${FUZZ_ARGS:-} "$work" \
        >"$artifacts/fuzz.log" 2>&1; then
        grep -E '^stat::number_of_executed_units' "$artifacts/fuzz.log" | sed 's/^/   /' || true
    else
        echo "   FAILED (a crash, or libFuzzer could not run): see $artifacts/fuzz.log; inputs:" >&2
        find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' |
            sed 's/^/     /' >&2
        echo "   fix it, then keep the input in fuzz/regressions/$t/ under a descriptive name" >&2
        failed+=("$t")
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz.sh: failures in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: no crash in ${targets[*]}"
