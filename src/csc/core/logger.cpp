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
    std::string_view name = to_string(level);
    std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
                 static_cast<int>(line.size()), line.data());
    std::fflush(stderr);
}

} // namespace csc::core
