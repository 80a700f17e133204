#pragma once
// A core::logger that sends each line to Omegga as a `log`/`info`/`warn`/`error`
// notification, and falls back to stderr once Omegga no longer reads our stdout.

#include "csc/core/logger.hpp"
#include "csc/omegga/line_port.hpp"

#include <string_view>

namespace csc::omegga {

class rpc_logger final : public core::logger {
public:
    explicit rpc_logger(line_port& port) : port_(port) {}

    /// Debug lines are sent (as Omegga `log`) only when verbose; otherwise dropped.
    void set_verbose(bool verbose) noexcept { verbose_ = verbose; }
    bool verbose() const noexcept { return verbose_; }

    void log(core::log_level level, std::string_view line) override;

private:
    line_port& port_;
    core::stderr_logger fallback_{core::log_level::info};
    bool verbose_ = false;
};

/// The Omegga method that shows a line of this level: "log", "info", "warn" or "error".
std::string_view omegga_method(core::log_level level) noexcept;

} // namespace csc::omegga
