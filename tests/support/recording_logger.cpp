#include "support/recording_logger.hpp"

#include <algorithm>
#include <cstdio>

namespace csc::test {

void recording_logger::log(core::log_level level, std::string_view line) {
    lines_.push_back({level, std::string(line)});
    if (echo_) {
        const std::string_view name = core::to_string(level);
        std::fprintf(stderr, "[log %.*s] %.*s\n", static_cast<int>(name.size()), name.data(),
                     static_cast<int>(line.size()), line.data());
    }
}

bool recording_logger::contains(std::string_view needle) const {
    return std::any_of(lines_.begin(), lines_.end(), [needle](const logged_line& l) {
        return l.text.find(needle) != std::string::npos;
    });
}

bool recording_logger::contains(core::log_level level, std::string_view needle) const {
    return std::any_of(lines_.begin(), lines_.end(), [level, needle](const logged_line& l) {
        return l.level == level && l.text.find(needle) != std::string::npos;
    });
}

std::size_t recording_logger::count(std::string_view needle) const {
    return static_cast<std::size_t>(
        std::count_if(lines_.begin(), lines_.end(), [needle](const logged_line& l) {
            return l.text.find(needle) != std::string::npos;
        }));
}

std::string recording_logger::dump() const {
    std::string out;
    for (const auto& l : lines_) {
        out.append(core::to_string(l.level)).append(": ").append(l.text).push_back('\n');
    }
    return out;
}

} // namespace csc::test
