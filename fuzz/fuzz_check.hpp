#pragma once
// The one assertion of the fuzz targets: active in every build type (unlike assert),
// it prints what broke and aborts, which libFuzzer and the replayer report as a crash.

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace csc::fuzz {

/// Aborts with `what` (and a short view of `input`) when `ok` is false.
inline void check(bool ok, const char* what, std::string_view input = {}) {
    if (ok) {
        return;
    }
    constexpr std::size_t shown_max = 200;
    std::fprintf(stderr, "fuzz check failed: %s\n  input (%zu bytes): ", what, input.size());
    const std::string_view shown = input.substr(0, shown_max);
    std::fwrite(shown.data(), 1, shown.size(), stderr);
    std::fputc('\n', stderr);
    std::abort();
}

/// The fuzzer's bytes as text.
inline std::string_view as_text(const unsigned char* data, std::size_t size) {
    return size == 0 ? std::string_view{}
                     : std::string_view(reinterpret_cast<const char*>(data), size);
}

} // namespace csc::fuzz
