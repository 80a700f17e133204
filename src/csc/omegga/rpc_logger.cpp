#include "csc/omegga/rpc_logger.hpp"

#include "csc/omegga/jsonrpc.hpp"

#include <string>

namespace csc::omegga {

std::string_view omegga_method(core::log_level level) noexcept {
    switch (level) {
    case core::log_level::debug: return "log";
    case core::log_level::info: return "info";
    case core::log_level::warn: return "warn";
    case core::log_level::error: return "error";
    }
    return "log";
}

void rpc_logger::log(core::log_level level, std::string_view line) {
    if (level == core::log_level::debug && !verbose_) {
        return;
    }
    if (!port_.is_open()) {
        fallback_.log(level, line);
        return;
    }
    port_.send_line(jsonrpc::notification_line(omegga_method(level), std::string(line)));
}

} // namespace csc::omegga
