#pragma once
// A core::logger that keeps every line, so tests can assert on what was logged
// (and optionally echoes them to stderr, which helps when a test fails).

#include "csc/core/logger.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csc::test {

/// One logged line with its level.
struct logged_line {
    core::log_level level = core::log_level::info;
    std::string text;
};

class recording_logger final : public core::logger {
public:
    /// `echo`: also write each line to stderr.
    explicit recording_logger(bool echo = true) : echo_(echo) {}

    void log(core::log_level level, std::string_view line) override;

    /// Every line so far, in order.
    const std::vector<logged_line>& lines() const noexcept { return lines_; }
    /// True if some line contains `needle`.
    bool contains(std::string_view needle) const;
    /// True if some line of this level contains `needle`.
    bool contains(core::log_level level, std::string_view needle) const;
    /// How many lines contain `needle`.
    std::size_t count(std::string_view needle) const;
    /// Every line joined with newlines (for failure messages).
    std::string dump() const;
    /// Forgets everything recorded.
    void clear() noexcept { lines_.clear(); }

private:
    bool echo_;
    std::vector<logged_line> lines_;
};

} // namespace csc::test
