#pragma once
// Where the hub, the link and the plugin send their log lines. The standalone hub
// writes them to stderr; the plugin forwards them to Omegga's log methods.

#include <string_view>

namespace csc::core {

enum class log_level { debug, info, warn, error };

class logger {
public:
    virtual ~logger() = default;
    virtual void log(log_level level, std::string_view line) = 0;

    void debug(std::string_view line) { log(log_level::debug, line); }
    void info(std::string_view line) { log(log_level::info, line); }
    void warn(std::string_view line) { log(log_level::warn, line); }
    void error(std::string_view line) { log(log_level::error, line); }
};

/// Writes "LEVEL: line" to stderr, one line each.
class stderr_logger final : public logger {
public:
    explicit stderr_logger(log_level min = log_level::info) : min_(min) {}
    void log(log_level level, std::string_view line) override;

private:
    log_level min_;
};

/// "debug", "info", "warn" or "error".
std::string_view to_string(log_level level) noexcept;

} // namespace csc::core
