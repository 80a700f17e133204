#include "csc/core/logger.hpp"

#include <cstdio>

namespace csc::core {

std::string_view to_string(log_level level) noexcept {
    switch (level) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warn: return "warn";
    case log_level::error: return "error";
    }
    return "info";
}

void stderr_logger::log(log_level level, std::string_view line) {
    if (level < min_) {
        return;
    }
    // fwrite, not "%.*s": a line may contain NUL bytes (from peer data) and must not be cut.
    const std::string_view name = to_string(level);
    std::fwrite(name.data(), 1, name.size(), stderr);
    std::fputs(": ", stderr);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

} // namespace csc::core
